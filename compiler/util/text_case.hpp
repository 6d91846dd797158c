#pragma once
/// Letter case as JavaScript has it, which is what groq-js (and so Sanity Studio) computes:
/// `lower()` and `upper()` are `toLowerCase()` and `toUpperCase()` (Unicode's full default case
/// mapping: `upper("ß")` is "SS"), and `match` compares letters as JavaScript's case-insensitive
/// regular expressions do. The mappings come from ICU, loaded when a text first needs more than
/// ASCII, so that commands which never meet such a text do not pay for loading it.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rolec::util {

/// `text` in lower case, as JavaScript's `toLowerCase()` (valid UTF-8 in, valid UTF-8 out; an
/// invalid byte becomes U+FFFD).
[[nodiscard]] std::string to_lower(std::string_view text);

/// `text` in upper case, as JavaScript's `toUpperCase()`.
[[nodiscard]] std::string to_upper(std::string_view text);

/// The UTF-16 code unit that a JavaScript regular expression with the `i` flag and without `u`
/// compares `unit` as (ECMAScript's Canonicalize): its upper case when that is one unit, and
/// not a non-ASCII unit turned ASCII.
[[nodiscard]] char16_t regex_case_key(char16_t unit);

/// `text` as UTF-16 (each invalid byte becomes U+FFFD), and back.
[[nodiscard]] std::u16string utf16_of(std::string_view text);
[[nodiscard]] std::string utf8_of(std::u16string_view text);

/// The texts that equal an earlier one but for case (lower-case forms as `to_lower` makes them):
/// pairs (index of the first such text, index of the later one), ordered by the later index.
/// Hashes are sorted rather than kept in a table, so large policies stay cache friendly.
[[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>> case_duplicates(const std::vector<std::string_view>& texts);

}  // namespace rolec::util
