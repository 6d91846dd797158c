#include "eval/text_match.hpp"

#include <algorithm>

#include "util/text_case.hpp"

namespace rolec::eval {
namespace {

// groq-js works on JavaScript strings, so this works on UTF-16 code units: a `.` left in a term
// stands for one unit, as in a JavaScript regular expression without the `u` flag.

/// JavaScript's `\s`: its white space and line terminators.
bool is_space(char16_t u) {
  return (u >= 0x09 && u <= 0x0D) || u == 0x20 || u == 0xA0 || u == 0x1680 || (u >= 0x2000 && u <= 0x200A) ||
         u == 0x2028 || u == 0x2029 || u == 0x202F || u == 0x205F || u == 0x3000 || u == 0xFEFF;
}

/// What ends a token: groq-js's separator characters and white space. `*` separates words of a
/// text but is the wildcard of a pattern.
bool is_separator(char16_t u, bool pattern) {
  if (u == u'*') return !pattern;
  if (u < 0x80) return std::u16string_view(u"!@#$%^&(),\\/?\";:{}|[]+<>-").find(u) != std::u16string_view::npos || is_space(u);
  return is_space(u);
}

/// A word character of JavaScript's `\b` (without the `u` flag): ASCII letters, digits and `_`.
bool is_word(char16_t u) {
  return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'_';
}

/// Appends the tokens of `text` to `out`. First every run of dots that follows or precedes a word
/// character goes (groq-js's `/(\b\.+|\.+\b)/g`), joining what it separated; then the text splits
/// at separators.
void tokenize(std::string_view text, bool pattern, std::vector<std::u16string>& out) {
  const std::u16string units = util::utf16_of(text);
  std::u16string kept;
  kept.reserve(units.size());
  for (std::size_t i = 0; i < units.size();) {
    if (units[i] != u'.') {
      kept.push_back(units[i++]);
      continue;
    }
    std::size_t end = i;
    while (end < units.size() && units[end] == u'.') ++end;
    const bool at_word_edge = (i > 0 && is_word(units[i - 1])) || (end < units.size() && is_word(units[end]));
    if (!at_word_edge) kept.append(units, i, end - i);
    i = end;
  }
  std::u16string token;
  for (const char16_t u : kept) {
    if (!is_separator(u, pattern)) {
      token.push_back(u);
    } else if (!token.empty()) {
      out.push_back(std::move(token));
      token.clear();
    }
  }
  if (!token.empty()) out.push_back(std::move(token));
}

/// Each unit as a case-insensitive regular expression compares it.
std::u16string case_keys(std::u16string_view units) {
  std::u16string keys(units);
  for (char16_t& u : keys) u = util::regex_case_key(u);
  return keys;
}

/// Whether `token` is matched whole by the term `term` (both as case keys), where `*` stands for
/// any run of units and `.` for any one unit. The greedy scan retries only from the most recent
/// `*`, which keeps the cost at O(|term| × |token|) even for terms such as `*a*a*a*b`.
bool term_matches(std::u16string_view term, std::u16string_view token) {
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::u16string_view::npos;
  std::size_t resume = 0;
  while (t < token.size()) {
    if (p < term.size() && term[p] == u'*') {
      star = p++;
      resume = t;
    } else if (p < term.size() && (term[p] == u'.' || term[p] == token[t])) {
      ++p;
      ++t;
    } else if (star != std::u16string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < term.size() && term[p] == u'*') ++p;
  return p == term.size();
}

// groq-js reads at most this many units of a term.
constexpr std::size_t max_term_units = 1024;

}  // namespace

std::vector<std::string> match_tokens(std::string_view text) {
  std::vector<std::u16string> tokens;
  tokenize(text, false, tokens);
  std::vector<std::string> out;
  out.reserve(tokens.size());
  for (const std::u16string& t : tokens) out.push_back(util::utf8_of(t));
  return out;
}

bool text_match(std::span<const std::string_view> texts, std::span<const std::string_view> patterns) {
  std::vector<std::u16string> tokens;
  for (const std::string_view text : texts) tokenize(text, false, tokens);
  if (tokens.empty()) return false;

  // Terms of all patterns pooled: `["a", "b"]` and `"a b"` mean the same, and a pattern without
  // terms (such as "" or "!") adds no condition, yet leaves the match false if nothing else does.
  std::vector<std::u16string> terms;
  for (const std::string_view pattern : patterns) tokenize(pattern, true, terms);
  if (terms.empty()) return false;

  for (std::u16string& token : tokens) token = case_keys(token);
  return std::all_of(terms.begin(), terms.end(), [&](const std::u16string& term) {
    const std::u16string key = case_keys(std::u16string_view(term).substr(0, max_term_units));
    return std::any_of(tokens.begin(), tokens.end(), [&](const std::u16string& token) { return term_matches(key, token); });
  });
}

}  // namespace rolec::eval
