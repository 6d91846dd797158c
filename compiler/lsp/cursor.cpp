// A forgiving scan of TOML from the start of a text to a place: strings, comments, headers and
// the containers of values are followed; anything else is skipped. Unlike the policy reader it
// never stops at a mistake, because the file is being typed.

#include "lsp/cursor.hpp"

namespace rolec::lsp {
namespace {

bool bare_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

// One level of values: the top level, an array or an inline table.
struct level {
  char kind = 'r';           // 'r' top level, 'a' array, 't' inline table
  std::string key;           // the key being written, or whose value follows `=`
  std::uint32_t key_begin = 0;
  bool expecting_key = true;  // 'r' and 't': where a key may start
  bool has_key = false;       // `=` seen: a value follows
  std::vector<std::pair<std::string, std::string>> strings;  // 't': string values by key
};

std::vector<std::string> split_dotted(std::string_view key) {
  std::vector<std::string> parts;
  std::string part;
  for (const char c : key) {
    if (c == '.') {
      parts.push_back(std::move(part));
      part.clear();
    } else if (c != ' ' && c != '\t' && c != '"' && c != '\'') {
      part += c;
    }
  }
  parts.push_back(std::move(part));
  return parts;
}

class scanner {
 public:
  scanner(std::string_view text, std::uint32_t end) : text_(text), end_(end) { levels_.emplace_back(); }

  toml_context run() {
    while (i_ < end_) step();
    return context();
  }

 private:
  level& top() { return levels_.back(); }
  // True when `s` is written at `k`, before the place: what follows the place is not read.
  bool at(std::uint32_t k, std::string_view s) const { return k + s.size() <= end_ && text_.substr(k, s.size()) == s; }

  void step() {
    const char c = text_[i_];
    if (comment_) {
      if (c == '\n') comment_ = false;
      ++i_;
      return;
    }
    if (quote_ != 0) return string_step();
    level& l = top();
    switch (c) {
      case '#':
        comment_ = true;
        comment_begin_ = i_ + 1;
        ++i_;
        return;
      case '"':
      case '\'':
        quote_ = c;
        string_begin_ = i_;
        multi_ = at(i_, c == '"' ? "\"\"\"" : "'''");
        i_ += multi_ ? 3 : 1;
        content_begin_ = i_;
        key_string_ = l.kind != 'a' && l.expecting_key && !l.has_key;
        if (key_string_ && l.key.empty()) l.key_begin = content_begin_;
        return;
      case '\n':
        if (levels_.size() == 1) {
          l = level{};
        }
        ++i_;
        return;
      case '[':
        if (levels_.size() == 1 && l.expecting_key && !l.has_key && l.key.empty()) return header();
        if (l.kind == 'a' || l.has_key) levels_.push_back(level{'a', {}, 0, false, false, {}});
        ++i_;
        return;
      case '{':
        if (l.kind == 'a' || l.has_key) levels_.push_back(level{'t', {}, 0, true, false, {}});
        ++i_;
        return;
      case ']':
        if (l.kind == 'a') levels_.pop_back();
        ++i_;
        return;
      case '}':
        if (l.kind == 't') levels_.pop_back();
        ++i_;
        return;
      case ',':
        if (l.kind == 't') {
          l.key.clear();
          l.expecting_key = true;
          l.has_key = false;
        }
        ++i_;
        return;
      case '=':
        if (l.kind != 'a' && !l.has_key) {
          l.has_key = true;
          l.expecting_key = false;
        }
        ++i_;
        return;
      default:
        if (l.kind != 'a' && l.expecting_key && !l.has_key && bare_key_char(c)) {
          // `a b` is no key: a word after a space starts again, unless a dot joins the two.
          const bool after_space = i_ > 0 && (text_[i_ - 1] == ' ' || text_[i_ - 1] == '\t');
          if (after_space && !l.key.empty() && l.key.back() != '.' && c != '.') l.key.clear();
          if (l.key.empty()) l.key_begin = i_;
          l.key += c;
        }
        ++i_;
        return;
    }
  }

  void string_step() {
    const char c = text_[i_];
    if (quote_ == '"' && c == '\\') {
      i_ += 2;
      return;
    }
    if (c == '\n' && !multi_) {  // an unclosed string ends with its line
      quote_ = 0;
      return;
    }
    if (c == quote_ && (!multi_ || at(i_, quote_ == '"' ? "\"\"\"" : "'''"))) {
      finish_string(i_);
      i_ += multi_ ? 3 : 1;
      quote_ = 0;
      return;
    }
    ++i_;
  }

  void finish_string(std::uint32_t close) {
    level& l = top();
    std::string content(text_.substr(content_begin_, close - content_begin_));
    if (key_string_) {
      l.key += content;
    } else if (l.kind == 't' && l.has_key) {
      l.strings.emplace_back(l.key, std::move(content));
    }
  }

  void header() {
    const bool array = at(i_, "[[");
    std::uint32_t k = i_ + (array ? 2 : 1);
    const std::uint32_t begin = k;
    while (k < text_.size() && text_[k] != ']' && text_[k] != '\n') ++k;
    table_ = split_dotted(text_.substr(begin, k - begin));
    array_table_ = array;
    in_header_ = end_ <= k;
    while (k < text_.size() && text_[k] == ']') ++k;
    i_ = k;
    top() = level{};
    top().expecting_key = false;  // the rest of the header's line
  }

  toml_context context() const {
    toml_context out;
    out.table = table_;
    out.array_table = array_table_;
    for (const level& l : levels_) {
      if (l.kind == 'a' || !l.has_key) continue;
      for (std::string& part : split_dotted(l.key)) out.keys.push_back(std::move(part));
    }
    const level& l = levels_.back();
    for (auto it = levels_.rbegin(); it != levels_.rend(); ++it) {
      if (it->kind == 't') {
        out.siblings = it->strings;
        break;
      }
    }
    if (comment_) {
      out.in_comment = true;
      out.prefix = std::string(text_.substr(comment_begin_, end_ - comment_begin_));
      out.prefix_begin = comment_begin_;
    } else if (quote_ != 0 && !key_string_) {
      out.in_string = true;
      out.string_begin = string_begin_;
      out.prefix_begin = content_begin_;
      out.prefix = std::string(text_.substr(content_begin_, end_ - content_begin_));
    } else if (!in_header_ && l.kind != 'a' && !l.has_key && l.expecting_key) {
      out.at_key = true;
      const bool typing = end_ > 0 && bare_key_char(text_[end_ - 1]) && !l.key.empty();
      out.prefix = typing ? l.key : std::string();
      out.prefix_begin = typing ? l.key_begin : end_;
      if (typing) {
        const std::size_t dot = out.prefix.rfind('.');
        if (dot != std::string::npos) {
          for (std::string& part : split_dotted(out.prefix.substr(0, dot))) out.keys.push_back(std::move(part));
          out.prefix_begin += static_cast<std::uint32_t>(dot + 1);
          out.prefix = out.prefix.substr(dot + 1);
        }
      }
    }
    return out;
  }

  std::string_view text_;
  std::uint32_t end_;
  std::uint32_t i_ = 0;
  std::vector<level> levels_;
  std::vector<std::string> table_;
  bool array_table_ = false;
  bool in_header_ = false;
  bool comment_ = false;
  std::uint32_t comment_begin_ = 0;
  char quote_ = 0;
  bool multi_ = false;
  bool key_string_ = false;
  std::uint32_t string_begin_ = 0;
  std::uint32_t content_begin_ = 0;
};

}  // namespace

toml_context context_at(std::string_view text, std::uint32_t offset) {
  if (offset > text.size()) offset = static_cast<std::uint32_t>(text.size());
  return scanner(text, offset).run();
}

}  // namespace rolec::lsp
