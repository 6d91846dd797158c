#include "format/array_parts.hpp"

namespace rolec::format {

bool contains_comment(const node& n) { return n.kind == kind::comment || n.holds_comment; }

bool array_parts::has_comments() const {
  if (opening_comment != nullptr) return true;
  for (const array_entry& e : entries) {
    if (e.comment != nullptr || (e.value != nullptr && contains_comment(*e.value))) return true;
  }
  return false;
}

namespace {

bool is_blank(const array_entry& e) { return e.value == nullptr && e.comment == nullptr; }

}  // namespace

array_parts split_array(const node& array) {
  array_parts parts;
  bool value_on_line = false;  // a value stands on the current line: a comment there is its own
  bool newline_seen = false;
  int breaks = 0;  // line breaks since the last token that is not white space
  for (const node& child : array.children) {
    switch (child.kind) {
      case kind::whitespace: break;
      case kind::newline:
        newline_seen = true;
        value_on_line = false;
        // An empty line; commas between two of them do not make two.
        if (++breaks == 2 && !parts.entries.empty() && !is_blank(parts.entries.back())) parts.entries.push_back({});
        break;
      case kind::comment:
        breaks = 0;
        if (value_on_line && parts.entries.back().comment == nullptr) {
          parts.entries.back().comment = &child;
        } else if (!newline_seen && parts.entries.empty()) {
          parts.opening_comment = &child;
        } else {
          parts.entries.push_back({nullptr, &child});
        }
        break;
      case kind::punctuation: breaks = 0; break;
      default:
        breaks = 0;
        parts.entries.push_back({&child, nullptr});
        value_on_line = true;
        break;
    }
  }
  // An empty line before the closing bracket separates nothing.
  while (!parts.entries.empty() && is_blank(parts.entries.back())) parts.entries.pop_back();
  return parts;
}

}  // namespace rolec::format
