#pragma once
/// Source texts and the mapping from byte offsets to lines and columns.

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.hpp"

namespace rolec::diag {

/// A 1-based line and column; columns count bytes of UTF-8.
struct position {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  friend constexpr bool operator==(const position&, const position&) = default;
};

/// One named text with a line index.
class source_file {
 public:
  source_file(std::string name, std::string text);

  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] std::string_view text() const { return text_; }
  [[nodiscard]] position position_of(std::uint32_t offset) const;
  /// The byte offset of a 1-based line and a 1-based column that counts code points (the way
  /// toml++ reports positions).
  [[nodiscard]] std::uint32_t offset_of_code_point(std::uint32_t line, std::uint32_t column) const;
  /// The text of 1-based `line`, without its line terminator.
  [[nodiscard]] std::string_view line_text(std::uint32_t line) const;
  [[nodiscard]] std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }

 private:
  std::string name_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
  std::vector<bool> ascii_lines_;  ///< lines without multi-byte characters: columns are bytes
};

/// Owns every text that diagnostics may point into.
class source_manager {
 public:
  /// Registers a text; the returned id stays valid for the manager's lifetime.
  source_id add(std::string name, std::string text);
  /// Gives registered file `id` a new text under the same name (an editor's new version of it);
  /// views into its old text are no longer valid.
  void replace(source_id id, std::string text);
  [[nodiscard]] const source_file& file(source_id id) const { return files_[id]; }
  [[nodiscard]] std::size_t size() const { return files_.size(); }

 private:
  std::deque<source_file> files_;  // deque: references stay valid as files are added
};

}  // namespace rolec::diag
