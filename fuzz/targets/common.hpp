#pragma once
/// What the fuzz targets share: the input as text, checks that throw `violation`, and a scratch
/// folder for the stages that read files.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "targets.hpp"

namespace rolec::fuzz {

/// The input bytes as text.
[[nodiscard]] inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return size == 0 ? std::string_view() : std::string_view(reinterpret_cast<const char*>(data), size);
}

/// Throws `violation` with `what` unless `ok`.
inline void check(bool ok, const std::string& what) {
  if (!ok) throw violation(what);
}

/// `text` cut at every `separator`, into at most `max_parts` parts (the last keeps the rest).
[[nodiscard]] std::vector<std::string_view> split(std::string_view text, std::string_view separator, std::size_t max_parts);

/// A folder of this process for the files a target writes (created once, removed at exit).
[[nodiscard]] const std::string& scratch_folder();

/// Empties `folder` (a subfolder of the scratch folder) and writes `files` (name, content) into it.
/// Returns the folder's path.
std::string write_folder(std::string_view folder, const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace rolec::fuzz
