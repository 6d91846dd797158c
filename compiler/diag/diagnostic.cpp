#include "diag/diagnostic.hpp"

#include <algorithm>

namespace rolec::diag {

namespace {

// A message or help longer than this quotes too much of the input (a key of a megabyte, say):
// its middle is cut, so that the finding stays readable and the output small.
constexpr std::size_t max_text_bytes = 400;

std::string shortened(std::string text) {
  if (text.size() <= max_text_bytes) return text;
  const auto continuation = [&](std::size_t i) { return (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80; };
  std::size_t head = max_text_bytes / 2;
  while (head > 0 && continuation(head)) --head;
  std::size_t tail = text.size() - max_text_bytes / 2;
  while (tail < text.size() && continuation(tail)) ++tail;
  return text.substr(0, head) + "..." + text.substr(tail);
}

}  // namespace

diagnostic make(rule r, span where, std::string message, std::string help) {
  diagnostic d;
  d.rule = r;
  d.level = info(r).default_severity;
  d.where = where;
  d.message = shortened(std::move(message));
  d.help = shortened(std::move(help));
  return d;
}

bool has_errors(const std::vector<diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const diagnostic& d) { return d.level == severity::error; });
}

}  // namespace rolec::diag
