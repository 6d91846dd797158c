#include "diag/source.hpp"

#include <algorithm>

namespace rolec::diag {

source_file::source_file(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
  line_starts_.push_back(0);
  bool ascii = true;
  for (std::uint32_t i = 0; i < text_.size(); ++i) {
    const char c = text_[i];
    ascii = ascii && (static_cast<unsigned char>(c) & 0x80) == 0;
    if (c == '\n') {
      line_starts_.push_back(i + 1);
      ascii_lines_.push_back(ascii);
      ascii = true;
    }
  }
  ascii_lines_.push_back(ascii);
}

position source_file::position_of(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::uint32_t>(it - line_starts_.begin());  // 1-based
  return {line, offset - line_starts_[line - 1] + 1};
}

std::uint32_t source_file::offset_of_code_point(std::uint32_t line, std::uint32_t column) const {
  if (line == 0 || line > line_starts_.size()) return static_cast<std::uint32_t>(text_.size());
  std::uint32_t offset = line_starts_[line - 1];
  if (ascii_lines_[line - 1]) {  // one byte per code point: no need to walk the line
    const std::uint32_t line_end = line < line_starts_.size() ? line_starts_[line] - 1 : static_cast<std::uint32_t>(text_.size());
    return std::min(offset + (column > 0 ? column - 1 : 0), line_end);
  }
  for (std::uint32_t c = 1; c < column && offset < text_.size() && text_[offset] != '\n'; ++c) {
    ++offset;
    while (offset < text_.size() && (static_cast<unsigned char>(text_[offset]) & 0xC0) == 0x80) ++offset;
  }
  return offset;
}

std::string_view source_file::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  const std::uint32_t begin = line_starts_[line - 1];
  std::uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1
                                                  : static_cast<std::uint32_t>(text_.size());
  std::string_view text(text_);
  std::string_view result = text.substr(begin, end - begin);
  if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
  return result;
}

source_id source_manager::add(std::string name, std::string text) {
  files_.emplace_back(std::move(name), std::move(text));
  return static_cast<source_id>(files_.size() - 1);
}

void source_manager::replace(source_id id, std::string text) {
  source_file& old = files_[id];
  old = source_file(old.name(), std::move(text));
}

}  // namespace rolec::diag
