#pragma once
/// Small UTF-8 helpers shared by the parser, the printer and the renderers.

#include <cstdint>
#include <string>
#include <string_view>

namespace rolec::util {

/// Length in bytes of the valid UTF-8 sequence at `text[at]`, or 0 if it is not valid
/// (truncated, overlong, a surrogate, or above U+10FFFF).
[[nodiscard]] std::size_t utf8_sequence_length(std::string_view text, std::size_t at);

/// The code point of a valid sequence at `text[at]` (see utf8_sequence_length).
[[nodiscard]] char32_t utf8_decode(std::string_view text, std::size_t at);

/// Appends the UTF-8 encoding of a Unicode scalar value.
void utf8_append(std::string& out, char32_t cp);

/// Offset of the first byte that is not part of valid UTF-8, or npos.
[[nodiscard]] std::size_t find_invalid_utf8(std::string_view text);

/// Number of code points of valid UTF-8 text.
[[nodiscard]] std::size_t utf8_length(std::string_view text);

}  // namespace rolec::util
