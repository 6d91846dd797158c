// toml++ behind the checks `load` makes before it reads a file: keys of too many parts refused,
// toml++'s errors placed at the byte and worded in the house style.

#include "policy/toml_parse.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <string>

#include "policy/toml_check.hpp"
#include "util/utf8.hpp"

namespace rolec::policy {
namespace {

std::string house_style(std::string message) {
  // toml++ names its configuration macro in one message, which means nothing to a user.
  constexpr std::string_view macro = " (TOML_MAX_NESTED_VALUES)";
  if (const auto at = message.find(macro); at != std::string::npos) message.erase(at, macro.size());
  if (!message.empty()) message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
  while (!message.empty() && (message.back() == '.' || message.back() == ' ')) message.pop_back();
  return message;
}

// toml++ walks the tables of a file recursively once it has read them, so that a dotted key of a
// million parts (`a.a.a...`, 2 MB) exhausts the stack. Keys of more parts than this are refused
// before toml++ sees them; with its own bound of 256 nested inline values, no file nests deeper
// than about 16,000 tables.
constexpr std::size_t max_key_parts = 64;

// The offset of the first key of more than max_key_parts parts, if any: runs of bare or quoted
// segments joined by dots (spaces and tabs allowed around them) outside comments and strings.
// Values never have such runs (a float or a time has one dot), so only keys are counted.
std::optional<std::uint32_t> too_long_key(std::string_view text) {
  const auto bare = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-'; };
  std::size_t parts = 0;       // dots in the current run, plus one
  std::size_t run_start = 0;
  bool after_dot = false;      // the run ended with a dot: the next segment continues it
  std::size_t i = 0;
  const auto skip_blanks = [&] {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  };
  while (i < text.size()) {
    const char c = text[i];
    const bool segment_start = bare(c) || c == '"' || c == '\'';
    if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
      parts = 0;
      continue;
    }
    if (!segment_start) {
      if (!(after_dot && (c == ' ' || c == '\t'))) parts = 0;
      after_dot = false;
      ++i;
      continue;
    }
    if (parts == 0 || !after_dot) {
      parts = 0;
      run_start = i;
    }
    // One segment: a bare word or a string (multi-line strings included, escapes skipped).
    if (c == '"' || c == '\'') {
      const std::string_view three = c == '"' ? std::string_view("\"\"\"") : std::string_view("\'\'\'");
      const bool triple = text.compare(i, 3, three) == 0;
      i += triple ? 3 : 1;
      while (i < text.size()) {
        if (c == '"' && text[i] == '\\') {
          i += 2;
        } else if (triple ? text.compare(i, 3, three) == 0 : text[i] == c) {
          i += triple ? 3 : 1;
          break;
        } else if (!triple && text[i] == '\n') {
          break;
        } else {
          ++i;
        }
      }
    } else {
      while (i < text.size() && bare(text[i])) ++i;
    }
    ++parts;
    if (parts > max_key_parts) return static_cast<std::uint32_t>(run_start);
    skip_blanks();
    after_dot = i < text.size() && text[i] == '.';
    if (after_dot) {
      ++i;
      skip_blanks();
    } else {
      parts = 0;
    }
  }
  return std::nullopt;
}

diag::diagnostic invalid_toml(diag::source_id id, std::uint32_t offset, const std::string& message) {
  diag::diagnostic d = diag::make(diag::rule::toml_syntax, {offset, offset + 1}, "invalid TOML: " + message);
  d.source = id;
  return d;
}

// toml++'s own == holds a NaN unequal to itself: a file with `nan` would never be the same data.
bool same_node(const toml::node& a, const toml::node& b) {
  if (a.type() != b.type()) return false;
  if (const auto* t = a.as_table()) {
    const toml::table& u = *b.as_table();
    if (t->size() != u.size()) return false;
    for (const auto& [k, v] : *t) {
      const toml::node* w = u.get(k.str());
      if (w == nullptr || !same_node(v, *w)) return false;
    }
    return true;
  }
  if (const auto* x = a.as_array()) {
    const toml::array& y = *b.as_array();
    if (x->size() != y.size()) return false;
    for (std::size_t i = 0; i < x->size(); ++i) {
      if (!same_node((*x)[i], y[i])) return false;
    }
    return true;
  }
  if (const auto* f = a.as_floating_point()) {
    const double x = f->get(), y = b.as_floating_point()->get();
    return x == y || (std::isnan(x) && std::isnan(y));
  }
  if (const auto* x = a.as_string()) return x->get() == b.as_string()->get();
  if (const auto* x = a.as_integer()) return x->get() == b.as_integer()->get();
  if (const auto* x = a.as_boolean()) return x->get() == b.as_boolean()->get();
  if (const auto* x = a.as_date()) return x->get() == b.as_date()->get();
  if (const auto* x = a.as_time()) return x->get() == b.as_time()->get();
  return a.as_date_time()->get() == b.as_date_time()->get();
}

}  // namespace

std::optional<toml::table> parse_toml(const diag::source_file& file, diag::source_id id, std::optional<diag::diagnostic>& error) {
  if (const auto at = too_long_key(file.text())) {
    error = invalid_toml(id, *at, fmt::format("a key of more than {} dotted parts", max_key_parts));
    return std::nullopt;
  }
  try {
    return toml::parse(file.text(), std::string_view(file.name()));
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    std::uint32_t offset = file.offset_of_code_point(begin.line, begin.column);
    // toml++ places a byte that is not UTF-8 at the character before it: point at the byte.
    if (e.description().find("utf-8") != std::string_view::npos) {
      const std::size_t invalid = util::find_invalid_utf8(file.text());
      if (invalid != std::string_view::npos) offset = static_cast<std::uint32_t>(invalid);
    }
    error = invalid_toml(id, offset, house_style(std::string(e.description())));
    return std::nullopt;
  }
}

std::optional<diag::diagnostic> toml_syntax_error(const diag::source_file& file, diag::source_id id) {
  std::optional<diag::diagnostic> error;
  (void)parse_toml(file, id, error);
  return error;
}

bool same_toml_data(std::string_view a, std::string_view b) {
  const diag::source_file first("a", std::string(a)), second("b", std::string(b));
  std::optional<diag::diagnostic> error;
  const auto x = parse_toml(first, 0, error);
  const auto y = parse_toml(second, 0, error);
  return x && y && same_node(*x, *y);
}

}  // namespace rolec::policy
