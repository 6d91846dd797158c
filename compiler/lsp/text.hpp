#pragma once
/// Positions as the protocol counts them (a line, and a character in UTF-16 code units or in
/// bytes, as agreed at start-up) turned into byte offsets of a text and back, and an editor's
/// changes applied to a text.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolec::lsp {

/// How the protocol counts characters in a line.
enum class encoding { utf16, utf8 };

/// A 0-based line and character.
struct position {
  std::uint32_t line = 0;
  std::uint32_t character = 0;
};

/// A half-open range of positions.
struct range {
  position start;
  position end;
};

/// Where each line of a text starts, for conversions in both directions.
class line_index {
 public:
  line_index() = default;
  explicit line_index(std::string_view text);

  /// The byte offset of `p`; a character past the end of its line is the line's end, a line
  /// past the end is the text's end, and an offset inside a character is that character's start.
  [[nodiscard]] std::uint32_t offset_of(std::string_view text, position p, encoding e) const;
  /// The position of byte `offset` (clamped to the text).
  [[nodiscard]] position position_of(std::string_view text, std::uint32_t offset, encoding e) const;

 private:
  std::vector<std::uint32_t> starts_;
};

/// Replaces `at` of `text` (all of it when unset) with `replacement`.
void apply_change(std::string& text, const std::optional<range>& at, std::string_view replacement, encoding e);

}  // namespace rolec::lsp
