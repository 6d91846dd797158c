// The layout printer: the document's lines, then each line's key, value and comment. Arrays
// decide between one line and one element per line (format/array_parts.hpp says what an array
// holds); everything else has a single form.

#include "format/layout.hpp"

#include <optional>
#include <string_view>
#include <vector>

#include "format/array_parts.hpp"

namespace rolec::format {
namespace {

// Columns a text takes: its code points, as editors count them for most text.
std::size_t columns(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// A comment as written, without the spaces and tabs that end its line.
std::string_view comment_text(const node& comment) {
  std::string_view text = comment.text;
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool is_header(const node* n) { return n != nullptr && (n->kind == kind::std_table || n->kind == kind::array_table); }

// Where a value stands: on a line of its own (arrays break when they do not fit), or inside an
// inline table, which TOML keeps on one line (arrays break only to keep their comments).
enum class place { line, inline_table };

// Thrown when the layout grows past its limit.
struct too_large {};

class printer {
 public:
  printer(std::string_view newline, std::size_t limit) : newline_(newline), limit_(limit) {}

  // Ends the layout when a text grows past the limit: deep arrays indent every element further,
  // so that a file of a few megabytes could become gigabytes.
  void check_size(const std::string& text) const {
    if (text.size() > limit_) throw too_large{};
  }

  // A dotted key's parts, each as written, joined by dots without spaces.
  [[nodiscard]] std::string key(const node& k) const {
    std::string out;
    for (const node& part : k.children) {
      if (part.kind == kind::whitespace || part.kind == kind::punctuation) continue;
      if (!out.empty()) out += '.';
      out += part.text;
    }
    return out;
  }

  // `key = value`, the value starting at column `column` + the key and ` = `.
  [[nodiscard]] std::string keyval(const node& kv, std::size_t column, std::size_t indent, place where) const {
    const node* k = nullptr;
    const node* v = nullptr;
    for (const node& child : kv.children) {
      if (child.kind == kind::key) k = &child;
      if (is_value(child.kind)) v = &child;
    }
    std::string out = key(*k) + " = ";
    return out + value(*v, column + columns(out), indent, where, 0);
  }

  // `reserve`: columns that follow the value on its line (the comma of an array element).
  [[nodiscard]] std::string value(const node& v, std::size_t column, std::size_t indent, place where,
                                  std::size_t reserve) const {
    if (v.kind == kind::array) return array(v, column, indent, where, reserve);
    if (v.kind == kind::inline_table) return inline_table(v, column, indent);
    return std::string(v.text);
  }

  [[nodiscard]] std::string inline_table(const node& t, std::size_t column, std::size_t indent) const {
    std::string out = "{";
    for (const node& child : t.children) {
      if (child.kind != kind::keyval) continue;
      out += out.size() == 1 ? " " : ", ";
      out += keyval(child, column, indent, place::inline_table);
    }
    return out.size() == 1 ? "{}" : out + " }";
  }

  [[nodiscard]] std::string array(const node& a, std::size_t column, std::size_t indent, place where,
                                  std::size_t reserve) const {
    const array_parts parts = split_array(a);
    if (!parts.has_comments()) {
      if (where == place::inline_table) return flat(parts, column, indent);
      bool simple = true;
      for (const array_entry& e : parts.entries) simple = simple && (e.value == nullptr || e.value->kind != kind::array);
      if (simple) {
        std::string one_line = flat(parts, column, indent);
        const bool fits = one_line.find('\n') == std::string::npos && column + columns(one_line) + reserve <= max_columns;
        if (fits) return one_line;
      }
    }
    return broken(parts, indent, where);
  }

  // `[a, b]`: the elements on one line, whatever its length.
  [[nodiscard]] std::string flat(const array_parts& parts, std::size_t column, std::size_t indent) const {
    std::string out = "[";
    for (const array_entry& e : parts.entries) {
      if (e.value == nullptr) continue;
      if (out.size() > 1) out += ", ";
      // Inside one line, columns no longer decide anything: the element's own is not counted.
      out += value(*e.value, column, indent, place::inline_table, 0);
      check_size(out);
    }
    return out + "]";
  }

  // One element per line, two columns in from the line that holds `[`, each with its comma.
  [[nodiscard]] std::string broken(const array_parts& parts, std::size_t indent, place where) const {
    const std::string inner(indent + 2, ' ');
    std::string out = "[";
    if (parts.opening_comment != nullptr) out += std::string("  ") + std::string(comment_text(*parts.opening_comment));
    out += newline_;
    for (const array_entry& e : parts.entries) {
      if (e.value != nullptr) {
        out += inner + value(*e.value, inner.size(), inner.size(), where, 1) + ",";
        if (e.comment != nullptr) out += "  ";
      } else if (e.comment != nullptr) {
        out += inner;
      }
      if (e.comment != nullptr) out += comment_text(*e.comment);
      out += newline_;
      check_size(out);
    }
    return out + std::string(indent, ' ') + "]";
  }

  // A line of the document: its keyval or table header, then its comment.
  [[nodiscard]] std::string line(const node* content, const node* comment) const {
    std::string out;
    if (content != nullptr && content->kind == kind::keyval) out = keyval(*content, 0, 0, place::line);
    if (is_header(content)) {
      const bool array_table = content->kind == kind::array_table;
      for (const node& child : content->children) {
        if (child.kind == kind::key) out = (array_table ? "[[" : "[") + key(child) + (array_table ? "]]" : "]");
      }
    }
    if (comment != nullptr) out += (out.empty() ? "" : "  ") + std::string(comment_text(*comment));
    return out;
  }

 private:
  std::string_view newline_;
  std::size_t limit_;
};

// One line of the document as the layout sees it: a keyval or header, a comment, or both.
struct doc_line {
  const node* content = nullptr;
  const node* comment = nullptr;
  bool blank_before = false;
};

// The document's lines without the empty ones, each saying whether empty lines stood before it.
std::vector<doc_line> lines_of(const node& document) {
  std::vector<doc_line> lines;
  doc_line current;
  bool blank = false;
  const auto finish = [&] {
    if (current.content == nullptr && current.comment == nullptr) {
      blank = !lines.empty();  // empty lines at the top of the file go
      return;
    }
    current.blank_before = blank;
    lines.push_back(current);
    current = {};
    blank = false;
  };
  for (const node& child : document.children) {
    if (child.kind == kind::newline) finish();
    if (child.kind == kind::comment) current.comment = &child;
    if (child.kind == kind::keyval || is_header(&child)) current.content = &child;
  }
  finish();
  return lines;
}

// One empty line before every table header but the first line, above the comment lines that
// stand directly over it.
void space_headers(std::vector<doc_line>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!is_header(lines[i].content)) continue;
    std::size_t top = i;
    while (top > 0 && !lines[top].blank_before && lines[top - 1].content == nullptr) --top;
    lines[top].blank_before = top > 0;
  }
}

// The file's line break: the first one it has, so that CRLF files stay CRLF.
std::string_view newline_of(const node& n) {
  if (n.kind == kind::newline) return n.text;
  for (const node& child : n.children) {
    if (const std::string_view found = newline_of(child); !found.empty()) return found;
  }
  return {};
}

}  // namespace

std::optional<std::string> layout(const node& document, std::size_t limit) {
  std::string_view newline = newline_of(document);
  if (newline.empty()) newline = "\n";
  const printer print(newline, limit);
  std::vector<doc_line> lines = lines_of(document);
  space_headers(lines);
  std::string out;
  if (!document.children.empty() && document.children.front().kind == kind::byte_order_mark) {
    out += document.children.front().text;
  }
  try {
    for (const doc_line& l : lines) {
      if (l.blank_before) out += newline;
      out += print.line(l.content, l.comment);
      out += newline;
      print.check_size(out);
    }
  } catch (const too_large&) {
    return std::nullopt;
  }
  return out;
}

}  // namespace rolec::format
