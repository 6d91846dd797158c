#pragma once
// Reading documentation from tests: whole files and the fenced code blocks of Markdown pages.

#include <string>
#include <utility>
#include <vector>

namespace rolec::test {

/// The contents of the file at `path` (empty if it cannot be read).
std::string read_text(const std::string& path);

/// The fenced code blocks of a Markdown page, in order: (language, body without the fences).
std::vector<std::pair<std::string, std::string>> fenced_blocks(const std::string& page);

/// The bodies of the blocks of one language.
std::vector<std::string> fenced_blocks(const std::string& page, const std::string& language);

}  // namespace rolec::test
