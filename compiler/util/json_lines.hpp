#pragma once
/// JSON Lines input where every line is one JSON string (the batch format of `groq parse`).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rolec::util {

/// The decoded strings of a JSON Lines text; `text()` of entry i is valid while this lives.
class string_lines {
 public:
  struct entry {
    std::uint32_t line;  ///< 1-based line in the input
    std::size_t offset;
    std::size_t length;
  };

  /// Decodes `content`; blank lines are skipped. Returns false with `error` naming the first
  /// line that is not a JSON string.
  bool decode(std::string_view content, std::string& error);

  [[nodiscard]] const std::vector<entry>& entries() const { return entries_; }
  [[nodiscard]] std::string_view text(const entry& e) const { return std::string_view(buffer_).substr(e.offset, e.length); }

 private:
  std::string buffer_;
  std::vector<entry> entries_;
};

}  // namespace rolec::util
