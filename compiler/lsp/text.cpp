#include "lsp/text.hpp"

#include <algorithm>

namespace rolec::lsp {
namespace {

// The length of the UTF-8 sequence that starts with `lead` (1 for a stray byte).
std::uint32_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
  if (lead >= 0xC2) return 2;
  return 1;
}

}  // namespace

line_index::line_index(std::string_view text) {
  starts_.push_back(0);
  for (std::uint32_t i = 0; i < text.size(); ++i) {
    // CR LF, LF and a lone CR each end a line, as the protocol says.
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) starts_.push_back(i + 1);
  }
}

std::uint32_t line_index::offset_of(std::string_view text, position p, encoding e) const {
  if (starts_.empty() || p.line >= starts_.size()) return static_cast<std::uint32_t>(text.size());
  std::uint32_t at = starts_[p.line];
  std::uint32_t end = p.line + 1 < starts_.size() ? starts_[p.line + 1] : static_cast<std::uint32_t>(text.size());
  while (end > at && (text[end - 1] == '\n' || text[end - 1] == '\r')) --end;
  for (std::uint32_t units = 0; at < end;) {
    const std::uint32_t n = std::min(sequence_length(static_cast<unsigned char>(text[at])), end - at);
    const std::uint32_t width = e == encoding::utf8 ? n : n == 4 ? 2 : 1;
    if (units + width > p.character) break;
    units += width;
    at += n;
  }
  return at;
}

position line_index::position_of(std::string_view text, std::uint32_t offset, encoding e) const {
  offset = std::min(offset, static_cast<std::uint32_t>(text.size()));
  if (starts_.empty()) return {};
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  const auto line = static_cast<std::uint32_t>(it - starts_.begin() - 1);
  std::uint32_t units = 0;
  for (std::uint32_t at = starts_[line]; at < offset;) {
    const std::uint32_t n = sequence_length(static_cast<unsigned char>(text[at]));
    units += e == encoding::utf8 ? std::min(n, offset - at) : n == 4 ? 2 : 1;
    at += n;
  }
  return {line, units};
}

void apply_change(std::string& text, const std::optional<range>& at, std::string_view replacement, encoding e) {
  if (!at) {
    text.assign(replacement);
    return;
  }
  const line_index lines(text);
  std::uint32_t begin = lines.offset_of(text, at->start, e);
  std::uint32_t end = lines.offset_of(text, at->end, e);
  if (end < begin) std::swap(begin, end);
  text.replace(begin, end - begin, replacement);
}

}  // namespace rolec::lsp
