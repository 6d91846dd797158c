#include "policy/toml_edit.hpp"

#include <algorithm>

namespace rolec::policy {
namespace {

// True when `between` is white space around exactly one comma.
bool one_comma(std::string_view between) {
  std::size_t commas = 0;
  for (const char c : between) {
    if (c == ',') {
      ++commas;
    } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      return false;
    }
  }
  return commas == 1;
}

}  // namespace

std::optional<diag::fix> remove_element(std::string_view text, const std::vector<diag::span>& elements, std::size_t i) {
  if (elements.size() < 2 || i >= elements.size()) return std::nullopt;
  const auto between = [&](diag::span a, diag::span b) -> std::optional<std::string_view> {
    if (a.end > b.begin || b.begin > text.size()) return std::nullopt;
    return text.substr(a.end, b.begin - a.end);
  };
  if (i + 1 < elements.size()) {
    // The element and what follows it up to the next one: `"read", ` of `["read", "update"]`.
    const auto gap = between(elements[i], elements[i + 1]);
    if (!gap || !one_comma(*gap)) return std::nullopt;
    return diag::fix{{elements[i].begin, elements[i + 1].begin}, {}};
  }
  // The last one, with what precedes it from the one before: `, "update"`.
  const auto gap = between(elements[i - 1], elements[i]);
  if (!gap || !one_comma(*gap)) return std::nullopt;
  return diag::fix{{elements[i - 1].end, elements[i].end}, {}};
}

}  // namespace rolec::policy
