#include "diag/render_human.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "util/utf8.hpp"

namespace rolec::diag {
namespace {

struct palette {
  std::string_view bold, red, yellow, cyan, green, blue, reset;
};

palette colours(const human_style& style) {
  if (!style.color) return {};
  return {"\033[1m", "\033[1;31m", "\033[1;33m", "\033[1;36m", "\033[1;32m", "\033[1;34m", "\033[0m"};
}

std::string_view severity_colour(const palette& p, severity s) {
  switch (s) {
    case severity::error: return p.red;
    case severity::warning: return p.yellow;
    default: return p.cyan;
  }
}

/// A source line made safe for a terminal, with the display column of every byte.
struct display_line {
  std::string text;
  std::vector<std::uint32_t> column_of_byte;  // size = line bytes + 1
};

display_line make_display(std::string_view line) {
  display_line out;
  out.column_of_byte.reserve(line.size() + 1);
  std::uint32_t column = 0;
  std::size_t i = 0;
  while (i < line.size()) {
    const auto c = static_cast<unsigned char>(line[i]);
    std::size_t n = c < 0x80 ? 1 : util::utf8_sequence_length(line, i);
    if (n == 0) {
      out.text += "\xEF\xBF\xBD";  // U+FFFD for bytes that are not UTF-8
      n = 1;
    } else if (c == '\t' || (c < 0x20) || c == 0x7F) {
      out.text += ' ';
    } else {
      out.text.append(line.substr(i, n));
    }
    for (std::size_t k = 0; k < n; ++k) out.column_of_byte.push_back(column);
    ++column;
    i += n;
  }
  out.column_of_byte.push_back(column);
  return out;
}

// A source line longer than this (in bytes) is shown as a window of `window_bytes` around the
// span, marked `...` where it is cut: a finding in a generated line of megabytes prints a few
// hundred bytes, not the line and a caret line as long.
constexpr std::uint32_t max_line_bytes = 1000;
constexpr std::uint32_t window_bytes = 200;
constexpr std::uint32_t context_bytes = 50;  // of the window, before the span

// The first byte at or before `i` that starts a UTF-8 sequence.
std::uint32_t sequence_start(std::string_view line, std::uint32_t i) {
  while (i > 0 && i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) --i;
  return i;
}

void render_snippet(std::string& out, const source_file& file, span where, const palette& p) {
  const position begin = file.position_of(where.begin);
  const position end = file.position_of(std::max(where.end, where.begin));
  std::string_view line = file.line_text(begin.line);
  const std::string number = std::to_string(begin.line);
  const std::string gutter(number.size() + 1, ' ');

  std::uint32_t first = std::min<std::uint32_t>(begin.column - 1, static_cast<std::uint32_t>(line.size()));
  std::uint32_t last = end.line == begin.line ? std::min<std::uint32_t>(end.column - 1, static_cast<std::uint32_t>(line.size()))
                                              : static_cast<std::uint32_t>(line.size());
  std::string_view before, after;
  if (line.size() > max_line_bytes) {
    const std::uint32_t size = static_cast<std::uint32_t>(line.size());
    const std::uint32_t from_byte = sequence_start(line, first > context_bytes ? first - context_bytes : 0);
    const std::uint32_t to_byte = sequence_start(line, std::min(size, from_byte + window_bytes));
    line = line.substr(from_byte, to_byte - from_byte);
    first = std::min(first - from_byte, to_byte - from_byte);
    last = std::max(first, std::min(last, to_byte) - from_byte);
    if (from_byte > 0) before = "...";
    if (to_byte < size) after = "...";
  }
  const display_line shown = make_display(line);
  const auto indent = static_cast<std::uint32_t>(before.size());
  const std::uint32_t from = indent + shown.column_of_byte[first];
  const std::uint32_t to = std::max(indent + shown.column_of_byte[last], from + 1);

  fmt::format_to(std::back_inserter(out), "{}{} |{} {}{}{}\n", p.blue, number, p.reset, before, shown.text, after);
  fmt::format_to(std::back_inserter(out), "{}{}|{} {}{}^{}{}\n", p.blue, gutter, p.reset,
                 std::string(from, ' '), p.green, std::string(to - from - 1, '~'), p.reset);
}

}  // namespace

void render_human(std::string& out, const source_manager& sources, const diagnostic& d,
                  const human_style& style) {
  const palette p = colours(style);
  const source_file& file = sources.file(d.source);
  const position at = file.position_of(d.where.begin);
  fmt::format_to(std::back_inserter(out), "{}{}:{}:{}: {}{}{}[{}]: {}{}\n", p.bold, file.name(), at.line,
                 at.column, severity_colour(p, d.level), to_string(d.level), p.reset.empty() ? "" : p.bold,
                 info(d.rule).id, d.message, p.reset);
  render_snippet(out, file, d.where, p);
  const std::string gutter(std::to_string(at.line).size() + 1, ' ');
  if (!d.help.empty()) {
    fmt::format_to(std::back_inserter(out), "{}{}={} {}help{}: {}\n", p.blue, gutter, p.reset, p.bold, p.reset,
                   d.help);
  }
  for (const note& n : d.notes) {
    if (!n.where) {
      fmt::format_to(std::back_inserter(out), "{}{}={} {}note{}: {}\n", p.blue, gutter, p.reset, p.bold, p.reset,
                     n.message);
      continue;
    }
    const source_file& note_file = sources.file(n.source);
    const position note_at = note_file.position_of(n.where->begin);
    fmt::format_to(std::back_inserter(out), "{}{}:{}:{}: {}note{}: {}\n", p.bold, note_file.name(), note_at.line,
                   note_at.column, p.cyan, p.reset, n.message);
    render_snippet(out, note_file, *n.where, p);
  }
}

std::string render_human(const source_manager& sources, const std::vector<diagnostic>& diagnostics,
                         const human_style& style) {
  std::string out;
  for (const diagnostic& d : diagnostics) render_human(out, sources, d, style);
  return out;
}

}  // namespace rolec::diag
