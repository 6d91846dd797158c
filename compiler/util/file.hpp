#pragma once
/// Reading inputs: files and standard input, with an error message instead of an exception.

#include <cstddef>
#include <optional>
#include <string>

namespace rolec::util {

/// The most rolec reads of one policy file (TOML): about 14,000 roles at the size of the example
/// policies. A larger policy is split into files of a folder.
inline constexpr std::size_t max_policy_file_bytes = std::size_t{8} << 20;
/// The most rolec reads of any other input it holds whole: a live state, a plan, a document, an
/// expression, parameters.
inline constexpr std::size_t max_input_bytes = std::size_t{32} << 20;
/// The most rolec reads of a batch file (`groq parse --batch`, `groq eval --batch`).
inline constexpr std::size_t max_batch_file_bytes = std::size_t{1} << 30;

/// The content of `path` (`-` is standard input), or nothing with `error` set. Input longer than
/// `limit` bytes is refused without being read whole, so that `/dev/zero` or an endless pipe
/// cannot take all memory.
[[nodiscard]] std::optional<std::string> read_file(const std::string& path, std::string& error,
                                                   std::size_t limit = max_input_bytes);

/// `bytes` for a message: `8 MB`, `512 KB`, `100 bytes`.
[[nodiscard]] std::string byte_size(std::size_t bytes);

}  // namespace rolec::util
