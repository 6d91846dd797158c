#pragma once
/// JSON Lines input where every line is one JSON string (the batch format of `groq parse`).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rolec::util {

/// The non-blank lines of a JSON Lines text, decoded on demand (from any thread).
class string_lines {
 public:
  struct entry {
    std::uint32_t line;  ///< 1-based line in the input
    std::size_t offset;  ///< of the raw JSON text
    std::size_t length;
  };

  /// Takes the text and finds its non-blank lines.
  explicit string_lines(std::string content);

  [[nodiscard]] const std::vector<entry>& entries() const { return entries_; }

  /// Decodes entry `e`, which must be one JSON string, into `out`. Returns false with `error`
  /// (`line N: ...`) otherwise. Safe to call from several threads at once.
  bool decode(const entry& e, std::string& out, std::string& error) const;

 private:
  std::string content_;  ///< followed by simdjson's padding
  std::vector<entry> entries_;
};

}  // namespace rolec::util
