#pragma once
/// Output files written so that nothing a user had is lost: a reader sees the old content or the
/// new, never a part, and a failure leaves the old content in place.

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rolec::util {

/// Writes `content` to `path` through a temporary file in the same folder and one rename. An
/// existing file keeps its permissions. Returns false with `error` set.
bool write_file_atomic(const std::string& path, std::string_view content, std::string& error);

/// Makes folder `dir` hold exactly `files` (relative path, content): they are written to a new
/// folder beside it, which then takes its place in one rename, and the old folder is removed.
/// An existing `dir` is replaced only if every file in it is `ours` (a test on relative paths),
/// so that a mistyped path never deletes a user's files. Returns false with `error` set.
bool replace_directory_atomic(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files,
                              const std::function<bool(const std::string&)>& ours, std::string& error);

}  // namespace rolec::util
