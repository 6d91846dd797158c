#pragma once
/// Lower and upper case for `lower()`, `upper()` and `match`: simple (one-to-one) Unicode case
/// mapping for the scripts document fields mostly use: ASCII, Latin-1, Latin Extended-A, Greek
/// and Cyrillic. Other characters are left as they are.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rolec::util {

/// The lower-case form of one code point.
[[nodiscard]] char32_t lower_code_point(char32_t cp);

/// The upper-case form of one code point.
[[nodiscard]] char32_t upper_code_point(char32_t cp);

/// `text` in lower case (valid UTF-8 in, valid UTF-8 out; invalid bytes are copied).
[[nodiscard]] std::string to_lower(std::string_view text);

/// `text` in upper case.
[[nodiscard]] std::string to_upper(std::string_view text);

/// The texts that equal an earlier one but for case (lower-case forms as `to_lower` makes them):
/// pairs (index of the first such text, index of the later one), ordered by the later index.
/// Hashes are sorted rather than kept in a table, so large policies stay cache friendly.
[[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>> case_duplicates(const std::vector<std::string_view>& texts);

}  // namespace rolec::util
