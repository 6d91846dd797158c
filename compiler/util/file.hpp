#pragma once
/// Reading inputs: files and standard input, with an error message instead of an exception.

#include <optional>
#include <string>

namespace rolec::util {

/// The content of `path` (`-` is standard input), or nothing with `error` set.
[[nodiscard]] std::optional<std::string> read_file(const std::string& path, std::string& error);

}  // namespace rolec::util
