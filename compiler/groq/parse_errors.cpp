// The messages of GROQ syntax errors. Each names what was expected and what was found, at the
// offending token (not where the parser gave up), in the house style: lowercase, no trailing
// period, user input in backticks.

#include "groq/parse_errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "util/utf8.hpp"

namespace rolec::groq::detail {
namespace {

using diag::rule;
using diag::span;

/// The token at a position, as far as error messages need to know it.
struct token {
  enum class type : unsigned char { end, identifier, number, string, punctuation, invalid_byte, non_ascii };
  type kind = type::end;
  span where;
  std::string_view text;
};

bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

std::uint32_t skip_whitespace(std::string_view text, std::uint32_t at) {
  while (at < text.size()) {
    const char c = text[at];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r') {
      ++at;
    } else if (c == '\xC2' && at + 1 < text.size() && (text[at + 1] == '\x85' || text[at + 1] == '\xA0')) {
      at += 2;
    } else if (c == '/' && at + 1 < text.size() && text[at + 1] == '/') {
      while (at < text.size() && text[at] != '\n') ++at;
    } else {
      break;
    }
  }
  return at;
}

token token_at(std::string_view text, std::uint32_t at) {
  at = skip_whitespace(text, at);
  token t;
  t.where = {at, at};
  if (at >= text.size()) return t;
  const auto c = static_cast<unsigned char>(text[at]);
  std::uint32_t end = at + 1;
  if (std::isalpha(c) != 0 || c == '_') {
    t.kind = token::type::identifier;
    while (end < text.size() && is_identifier_char(text[end])) ++end;
  } else if (std::isdigit(c) != 0) {
    t.kind = token::type::number;
    while (end < text.size() && (is_identifier_char(text[end]) || text[end] == '.')) ++end;
  } else if (c == '"' || c == '\'') {
    t.kind = token::type::string;
    while (end < text.size() && text[end] != static_cast<char>(c)) end += text[end] == '\\' ? 2 : 1;
    end = std::min<std::uint32_t>(end + 1, static_cast<std::uint32_t>(text.size()));
  } else if (c >= 0x80) {
    const std::size_t n = util::utf8_sequence_length(text, at);
    t.kind = n == 0 ? token::type::invalid_byte : token::type::non_ascii;
    end = at + static_cast<std::uint32_t>(n == 0 ? 1 : n);
  } else {
    t.kind = token::type::punctuation;
    static constexpr std::array<std::string_view, 15> multi = {"...", "..", "->", "=>", "==", "!=", "<=", ">=",
                                                               "&&", "||", "**", "::", "/*", "*/", "//"};
    for (std::string_view op : multi) {
      if (text.substr(at, op.size()) == op) {
        end = at + static_cast<std::uint32_t>(op.size());
        break;
      }
    }
  }
  t.where.end = end;
  t.text = text.substr(at, end - at);
  return t;
}

// The first 20 bytes of `text`, or fewer: a UTF-8 character is never cut in two.
std::string_view shortened(std::string_view text) {
  std::size_t n = 20;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n);
}

std::string describe(const token& t) {
  switch (t.kind) {
    case token::type::end: return "end of input";
    case token::type::non_ascii: return fmt::format("`{}`", t.text);
    case token::type::string:
      if (t.text.size() > 24) return fmt::format("string `{}...`", shortened(t.text));
      return fmt::format("string `{}`", t.text);
    case token::type::invalid_byte:
      return fmt::format("the byte `0x{:02X}`", static_cast<unsigned char>(t.text[0]));
    default:
      if (t.text.size() == 1 && (static_cast<unsigned char>(t.text[0]) < 0x20 || t.text[0] == 0x7F)) {
        return fmt::format("the control character U+{:04X}", static_cast<unsigned char>(t.text[0]));
      }
      if (t.text.size() > 24) return fmt::format("`{}...`", shortened(t.text));
      return fmt::format("`{}`", t.text);
  }
}

bool is_closer(const token& t) {
  return t.kind == token::type::punctuation && (t.text == ")" || t.text == "]" || t.text == "}");
}

char closer_of(char opener) { return opener == '(' ? ')' : opener == '[' ? ']' : '}'; }

std::string position_text(std::string_view text, std::uint32_t at) {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  for (std::uint32_t i = 0; i < at && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return fmt::format("{}:{}", line, column);
}

[[noreturn]] void fail_with(diag::diagnostic d) { throw syntax_error{std::move(d)}; }

[[noreturn]] void fail_note(rule r, span where, std::string message, std::string help, span note_where,
                            std::string note) {
  diag::diagnostic d = diag::make(r, where, std::move(message), std::move(help));
  d.notes.push_back({std::move(note), note_where});
  fail_with(std::move(d));
}

/// The word just before `at` (skipping plain spaces), used to spot `not defined(x)`.
std::string_view word_before(std::string_view text, std::uint32_t at) {
  std::uint32_t end = at;
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  std::uint32_t begin = end;
  while (begin > 0 && is_identifier_char(text[begin - 1])) --begin;
  return text.substr(begin, end - begin);
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

/// Mistakes recognisable from the found token alone, whatever was expected.
void check_common_mistakes(expectation what, const parse_state& st, const token& found) {
  const std::string_view text = st.text;
  if (found.kind == token::type::invalid_byte) {
    fail_with(diag::make(rule::invalid_utf8, found.where,
                         fmt::format("invalid UTF-8: the byte `0x{:02X}` does not start a valid sequence",
                                     static_cast<unsigned char>(found.text[0])),
                         "save the file as UTF-8"));
  }
  if (found.text == "/*") {
    fail_with(diag::make(rule::syntax_error, found.where, "GROQ has no block comments",
                         "comment with `//`, which runs to the end of the line"));
  }
  const bool at_operator = what == expectation::end_of_query || what == expectation::close_paren ||
                           what == expectation::close_bracket || what == expectation::close_brace ||
                           what == expectation::bracket_close;
  if (at_operator && found.kind == token::type::identifier) {
    const std::string word = lower(found.text);
    if (word == "and" || word == "or") {
      fail_with(diag::make(rule::word_operator, found.where,
                           fmt::format("`{}` is not a GROQ operator", found.text),
                           fmt::format("write `{}`", word == "and" ? "&&" : "||")));
    }
    const std::string previous = lower(word_before(text, found.where.begin));
    if (previous == "not") {
      const auto begin = static_cast<std::uint32_t>(word_before(text, found.where.begin).data() - text.data());
      fail_with(diag::make(rule::word_operator, {begin, begin + 3}, "`not` is not a GROQ operator",
                           "negate with `!`, as in `!defined(x)`"));
    }
  }
  if (at_operator && found.text == "&") {
    fail_with(diag::make(rule::word_operator, found.where, "`&` is not a GROQ operator", "write `&&`"));
  }
  if (found.kind == token::type::punctuation && found.text == "." && found.where.end < text.size() &&
      std::isdigit(static_cast<unsigned char>(text[found.where.end])) != 0 && what == expectation::expression) {
    fail_with(diag::make(rule::invalid_number, found.where, "a number cannot start with `.`",
                         "write a digit before the decimal point, as in `0.5`"));
  }
  if (at_operator && found.kind == token::type::non_ascii && found.where.begin > 0 &&
      is_identifier_char(text[found.where.begin - 1])) {
    fail_with(diag::make(rule::syntax_error, found.where,
                         fmt::format("{} cannot appear in a name", describe(found)),
                         "GROQ names are ASCII letters, digits and `_`; for other attribute names write "
                         "`@[\"name\"]`"));
  }
}

/// Closing brackets, and the end of input inside brackets.
void check_brackets(expectation what, const parse_state& st, const token& found) {
  const bool wants_closer = what == expectation::close_paren || what == expectation::close_bracket ||
                            what == expectation::close_brace || what == expectation::bracket_close;
  if (is_closer(found)) {
    if (st.brackets.empty()) {
      fail_with(diag::make(rule::unbalanced_bracket, found.where, fmt::format("unmatched `{}`", found.text),
                           "remove it, or add the opening bracket it was meant to close"));
    }
    const open_bracket open = st.brackets.back();
    if (found.text[0] != closer_of(open.which)) {
      fail_note(rule::unbalanced_bracket, found.where,
                fmt::format("mismatched `{}`: the `{}` opened at {} is still open", found.text, open.which,
                            position_text(st.text, open.at)),
                fmt::format("close the `{}` with `{}` first", open.which, closer_of(open.which)),
                {open.at, open.at + 1}, fmt::format("`{}` opened here", open.which));
    }
  }
  if (wants_closer && found.kind == token::type::end && !st.brackets.empty()) {
    const open_bracket open = st.brackets.back();
    fail_note(rule::unbalanced_bracket, {open.at, open.at + 1}, fmt::format("unclosed `{}`", open.which),
              fmt::format("add `{}` where the {} ends", closer_of(open.which),
                          open.which == '(' ? "group or argument list" : open.which == '[' ? "brackets" : "object"),
              found.where, fmt::format("expected `{}` before the end of the expression", closer_of(open.which)));
  }
}

[[noreturn]] void fail_expected(const parse_state& st, const token& found, std::string expected,
                                std::string help = {}) {
  diag::diagnostic d = diag::make(rule::syntax_error, found.where,
                                  fmt::format("{}, found {}", expected, describe(found)), std::move(help));
  if (!st.brackets.empty() && (found.kind == token::type::end || is_closer(found))) {
    const open_bracket open = st.brackets.back();
    d.notes.push_back({fmt::format("inside the `{}` opened here", open.which), span{open.at, open.at + 1}});
  }
  fail_with(std::move(d));
}

[[noreturn]] void fail_string(const parse_state& st, std::uint32_t at) {
  const std::string_view text = st.text;
  if (at >= text.size()) {
    std::uint32_t line_end = st.string_open;
    while (line_end < text.size() && text[line_end] != '\n') ++line_end;
    const char quote = text[st.string_open];
    fail_note(rule::unterminated_string, {st.string_open, line_end}, "unterminated string",
              fmt::format("add the closing `{}`", quote), {at, at},
              "the string is still open at the end of the expression");
  }
  fail_with(diag::make(rule::invalid_utf8, {at, at + 1},
                       fmt::format("invalid UTF-8 in a string: the byte `0x{:02X}` does not start a valid sequence",
                                   static_cast<unsigned char>(text[at])),
                       "save the file as UTF-8, or write the character as `\\u{...}`"));
}

[[noreturn]] void fail_escape(const parse_state& st, std::uint32_t at) {
  const std::string_view text = st.text;
  if (st.escape_at + 1 >= text.size()) fail_string(st, static_cast<std::uint32_t>(text.size()));
  const std::uint32_t backslash = st.escape_at;
  at = backslash + 1;
  if (text[at] == 'u') {
    std::uint32_t end = at + 1;
    while (end < text.size() && end < at + 5 && std::isxdigit(static_cast<unsigned char>(text[end])) != 0) ++end;
    fail_with(diag::make(rule::invalid_escape, {backslash, end},
                         fmt::format("invalid Unicode escape `{}`", text.substr(backslash, end - backslash)),
                         "`\\u` takes exactly four hex digits (`\\u00e9`) or a code point in braces (`\\u{1F600}`)"));
  }
  const std::size_t n = std::max<std::size_t>(1, util::utf8_sequence_length(text, at));
  const std::string_view escape = text.substr(backslash, n + 1);
  fail_with(diag::make(rule::invalid_escape, {backslash, static_cast<std::uint32_t>(at + n)},
                       fmt::format("invalid escape sequence `{}`", escape),
                       "GROQ strings know `\\\"`, `\\'`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t`, "
                       "`\\uXXXX` and `\\u{...}`; write `\\\\` for a backslash"));
}

std::string_view last_operator_text(const parse_state& st) {
  return st.text.substr(st.last_operator.begin, st.last_operator.end - st.last_operator.begin);
}

}  // namespace

void raise_too_deep(const parse_state& st, std::uint32_t at) {
  (void)st;
  fail_with(diag::make(rule::nesting_too_deep, {at, at + 1},
                       fmt::format("the expression nests more than {} brackets or parentheses deep", max_nesting),
                       "split the expression into simpler parts"));
}

void raise_syntax_error(expectation what, const parse_state& st, std::uint32_t at) {
  switch (what) {
    case expectation::string_close: fail_string(st, at);
    case expectation::escape_sequence: fail_escape(st, at);
    case expectation::braced_code_point: {
      const std::uint32_t begin = st.escape_at;
      fail_with(diag::make(rule::invalid_escape, {begin, at},
                           "`\\u{` must be followed by hex digits and `}`", "write a code point such as `\\u{1F600}`"));
    }
    case expectation::exponent_digits: {
      std::uint32_t begin = at;
      while (begin > 0 && (std::isdigit(static_cast<unsigned char>(st.text[begin - 1])) != 0 ||
                           std::string_view(".eE+-").find(st.text[begin - 1]) != std::string_view::npos)) {
        --begin;
      }
      fail_with(diag::make(rule::invalid_number, {begin, at},
                           fmt::format("the number `{}` has an exponent without digits", st.text.substr(begin, at - begin)),
                           "write digits after the `e`, as in `1e3`"));
    }
    case expectation::assignment: {
      diag::diagnostic d = diag::make(rule::assignment_operator, {at, at + 1}, "`=` is not a comparison",
                                      "compare with `==`");
      d.fix = diag::fix{{at, at + 1}, "=="};
      fail_with(std::move(d));
    }
    default: break;
  }

  const token found = token_at(st.text, at);
  check_common_mistakes(what, st, found);
  check_brackets(what, st, found);

  switch (what) {
    case expectation::expression: {
      if (st.last_operator.end == 0 && found.kind == token::type::end && st.functions.empty()) {
        fail_with(diag::make(rule::syntax_error, found.where, "the expression is empty",
                             "write a GROQ expression, such as `_type == \"post\"`"));
      }
      if (st.last_operator.end == 0) fail_expected(st, found, "expected an expression");
      fail_expected(st, found, fmt::format("expected an expression after `{}`", last_operator_text(st)));
    }
    case expectation::end_of_query: {
      std::string help = "join expressions with an operator such as `&&` or `||`";
      if (found.kind == token::type::string && found.where.begin > 0 &&
          st.text[found.where.begin - 1] == found.text[0]) {
        help = fmt::format("to put `{0}` inside a string, escape it as `\\{0}`", found.text[0]);
      }
      fail_with(diag::make(rule::syntax_error, found.where,
                           fmt::format("unexpected {} after a complete expression", describe(found)), help));
    }
    // A comma where the list should close follows the opening token or another comma.
    case expectation::close_paren: fail_expected(st, found, found.text == "," ? "expected an expression" : "expected `,` or `)`");
    case expectation::close_bracket: fail_expected(st, found, found.text == "," ? "expected an expression" : "expected `,` or `]`");
    case expectation::close_brace: fail_expected(st, found, found.text == "," ? "expected an expression" : "expected `,` or `}`");
    case expectation::bracket_close: fail_expected(st, found, "expected `]`");
    case expectation::parameter_name: fail_expected(st, found, "expected a parameter name after `$`");
    case expectation::func_identifier: fail_expected(st, found, "expected a function name after `::`");
    case expectation::func_call_args: {
      const std::string_view name = st.names.empty() ? std::string_view("the function") : st.names.back().text;
      const bool after_pipe = last_operator_text(st) == "|";
      if (after_pipe && name != "order" && name != "score") {
        fail_with(diag::make(rule::word_operator, st.last_operator,
                             "`|` pipes into a function or projection, it is not a logical or", "write `||`"));
      }
      fail_expected(st, found, fmt::format("expected `(` to call `{}`", name), "functions are called as `ns::name(args)`");
    }
    case expectation::dot_target: {
      std::string help;
      if (found.kind == token::type::number) help = "to take an element by position, write `[0]`";
      if (found.kind == token::type::string) help = "for attribute names that are not identifiers, write `[\"name\"]`";
      fail_expected(st, found, "expected an attribute name after `.`", std::move(help));
    }
    case expectation::bracket_inner: fail_expected(st, found, "expected an expression or `]` after `[`");
    case expectation::pipe_target: {
      const bool operand_like = found.kind == token::type::identifier || found.kind == token::type::number ||
                                found.kind == token::type::string || found.text == "(" || found.text == "!";
      const bool call = found.kind == token::type::identifier &&
                        token_at(st.text, found.where.end).text == "(";
      if (operand_like && !call) {
        fail_with(diag::make(rule::word_operator, st.last_operator,
                             "`|` pipes into a function or projection, it is not a logical or", "write `||`"));
      }
      fail_expected(st, found, "expected a pipe function call or a projection after `|`",
                    "for example `| order(_createdAt desc)` or `| {_id}`");
    }
    case expectation::func_params: fail_expected(st, found, "expected `(` and a parameter list");
    case expectation::func_parameter: fail_expected(st, found, "expected a parameter such as `$value`");
    case expectation::func_decl_equals: fail_expected(st, found, "expected `=` before the function body");
    case expectation::func_decl_end: fail_expected(st, found, "expected `;` after the function body");
    default: fail_expected(st, found, "unexpected input");
  }
}

}  // namespace rolec::groq::detail
