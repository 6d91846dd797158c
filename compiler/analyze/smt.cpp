#include "analyze/smt.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

#include "util/utf8.hpp"

namespace rolec::analyze {
namespace {

// The error handler: Z3 would otherwise end the process on a misuse; errors are read back with
// Z3_get_error_code where they matter.
void ignore_error(Z3_context, Z3_error_code) {}

// Decimal digits of a non-negative integer held as a string, doubled.
void double_digits(std::string& digits) {
  int carry = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    const int d = (*it - '0') * 2 + carry;
    *it = static_cast<char>('0' + d % 10);
    carry = d / 10;
  }
  if (carry != 0) digits.insert(digits.begin(), static_cast<char>('0' + carry));
}

// `v` as an exact rational `p/q` (every double is one, q a power of two).
std::string exact_rational(double v) {
  if (v == 0 || !std::isfinite(v)) return "0";  // callers pass finite numbers only
  int exponent = 0;
  const double mantissa = std::frexp(std::fabs(v), &exponent);  // |v| = mantissa * 2^exponent
  auto m = static_cast<std::uint64_t>(std::ldexp(mantissa, 53));
  exponent -= 53;
  while (m % 2 == 0 && exponent < 0) {
    m /= 2;
    ++exponent;
  }
  std::string numerator = std::to_string(m);
  std::string denominator = "1";
  for (int i = 0; i < exponent; ++i) double_digits(numerator);
  for (int i = 0; i < -exponent; ++i) double_digits(denominator);
  return fmt::format("{}{}/{}", v < 0 ? "-" : "", numerator, denominator);
}

// UTF-8 to Z3's string literal syntax: printable ASCII as is, everything else as \u{hex}.
std::string escaped(std::string_view v) {
  std::string out;
  std::size_t i = 0;
  while (i < v.size()) {
    const auto c = static_cast<unsigned char>(v[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    const std::size_t n = util::utf8_sequence_length(v, i);
    const char32_t cp = n == 0 ? static_cast<char32_t>(c) : util::utf8_decode(v, i);  // texts are valid UTF-8
    out += fmt::format("\\u{{{:x}}}", static_cast<std::uint32_t>(cp));
    i += n == 0 ? 1 : n;
  }
  return out;
}

// Z3's printed string back to UTF-8 (\u{hex} and \x escapes decoded).
std::string unescaped(std::string_view v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\\' && i + 2 < v.size() && v[i + 1] == 'u' && v[i + 2] == '{') {
      const std::size_t close = v.find('}', i + 3);
      if (close != std::string_view::npos) {
        const auto cp = std::strtoul(std::string(v.substr(i + 3, close - i - 3)).c_str(), nullptr, 16);
        util::utf8_append(out, static_cast<char32_t>(cp));
        i = close;
        continue;
      }
    }
    if (v[i] == '\\' && i + 3 < v.size() && v[i + 1] == 'x') {
      const auto cp = std::strtoul(std::string(v.substr(i + 2, 2)).c_str(), nullptr, 16);
      util::utf8_append(out, static_cast<char32_t>(cp));
      i += 3;
      continue;
    }
    out += v[i];
  }
  return out;
}

}  // namespace

solution::solution(const z3_api& api, Z3_context c, Z3_model m) : api_(api), c_(c), m_(m) { api_.Z3_model_inc_ref(c_, m_); }
solution::~solution() { api_.Z3_model_dec_ref(c_, m_); }

Z3_ast solution::value(Z3_ast t) const {
  Z3_ast out = nullptr;
  if (!api_.Z3_model_eval(c_, m_, t, true, &out)) return nullptr;
  return out;
}

bool solution::boolean(Z3_ast t) const {
  Z3_ast v = value(t);
  return v != nullptr && api_.Z3_get_bool_value(c_, v) == Z3_L_TRUE;
}

std::int64_t solution::integer(Z3_ast t) const {
  Z3_ast v = value(t);
  std::int64_t out = 0;
  if (v == nullptr || !api_.Z3_get_numeral_int64(c_, v, &out)) return 0;
  return out;
}

double solution::real(Z3_ast t) const {
  Z3_ast v = value(t);
  if (v == nullptr || !api_.Z3_is_numeral_ast(c_, v)) return 0;
  const std::string text = api_.Z3_get_numeral_string(c_, v);
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) return std::strtod(text.c_str(), nullptr);
  return std::strtod(text.substr(0, slash).c_str(), nullptr) / std::strtod(text.substr(slash + 1).c_str(), nullptr);
}

std::string solution::text(Z3_ast t) const {
  Z3_ast v = value(t);
  if (v == nullptr) return "";
  return unescaped(api_.Z3_get_string(c_, v));
}

std::unique_ptr<smt> smt::open(std::string& error) {
  const z3_api& api = z3();
  if (!api.error.empty()) {
    error = api.error;
    return nullptr;
  }
  Z3_config config = api.Z3_mk_config();
  api.Z3_set_param_value(config, "model", "true");
  Z3_context c = api.Z3_mk_context(config);
  api.Z3_del_config(config);
  if (c == nullptr) {
    error = "the Z3 solver could not start";
    return nullptr;
  }
  api.Z3_set_error_handler(c, ignore_error);
  return std::unique_ptr<smt>(new smt(api, c));
}

smt::smt(const z3_api& api, Z3_context c) : api_(api), c_(c) {
  true_ = api_.Z3_mk_true(c_);
  false_ = api_.Z3_mk_false(c_);
  bool_ = api_.Z3_mk_bool_sort(c_);
  int_ = api_.Z3_mk_int_sort(c_);
  real_ = api_.Z3_mk_real_sort(c_);
  string_ = api_.Z3_mk_string_sort(c_);
}

smt::~smt() {
  if (solver_ != nullptr) api_.Z3_solver_dec_ref(c_, solver_);
  api_.Z3_del_context(c_);
}

Z3_ast smt::var(const std::string& name, Z3_sort sort) {
  return api_.Z3_mk_const(c_, api_.Z3_mk_string_symbol(c_, name.c_str()), sort);
}
Z3_ast smt::boolean_var(const std::string& name) { return var(name, bool_); }
Z3_ast smt::int_var(const std::string& name) { return var(name, int_); }
Z3_ast smt::real_var(const std::string& name) { return var(name, real_); }
Z3_ast smt::string_var(const std::string& name) { return var(name, string_); }

Z3_ast smt::all(const std::vector<Z3_ast>& terms) {
  std::vector<Z3_ast> kept;
  for (Z3_ast t : terms) {
    if (is_no(t)) return false_;
    if (!is_yes(t)) kept.push_back(t);
  }
  if (kept.empty()) return true_;
  if (kept.size() == 1) return kept.front();
  return api_.Z3_mk_and(c_, static_cast<unsigned>(kept.size()), kept.data());
}

Z3_ast smt::any(const std::vector<Z3_ast>& terms) {
  std::vector<Z3_ast> kept;
  for (Z3_ast t : terms) {
    if (is_yes(t)) return true_;
    if (!is_no(t)) kept.push_back(t);
  }
  if (kept.empty()) return false_;
  if (kept.size() == 1) return kept.front();
  return api_.Z3_mk_or(c_, static_cast<unsigned>(kept.size()), kept.data());
}

Z3_ast smt::negation(Z3_ast a) {
  if (is_yes(a)) return false_;
  if (is_no(a)) return true_;
  return api_.Z3_mk_not(c_, a);
}

Z3_ast smt::equal(Z3_ast a, Z3_ast b) { return a == b ? true_ : api_.Z3_mk_eq(c_, a, b); }
Z3_ast smt::integer(std::int64_t v) { return api_.Z3_mk_int64(c_, v, int_); }
Z3_ast smt::real(double v) { return api_.Z3_mk_numeral(c_, exact_rational(v).c_str(), real_); }
Z3_ast smt::less(Z3_ast a, Z3_ast b) { return api_.Z3_mk_lt(c_, a, b); }
Z3_ast smt::less_equal(Z3_ast a, Z3_ast b) { return api_.Z3_mk_le(c_, a, b); }
Z3_ast smt::minus(Z3_ast a) { return api_.Z3_mk_unary_minus(c_, a); }
Z3_ast smt::add(Z3_ast a, Z3_ast b) {
  Z3_ast parts[2] = {a, b};
  return api_.Z3_mk_add(c_, 2, parts);
}
Z3_ast smt::subtract(Z3_ast a, Z3_ast b) {
  Z3_ast parts[2] = {a, b};
  return api_.Z3_mk_sub(c_, 2, parts);
}
Z3_ast smt::text(std::string_view v) { return api_.Z3_mk_string(c_, escaped(v).c_str()); }
Z3_ast smt::concat(Z3_ast a, Z3_ast b) {
  Z3_ast parts[2] = {a, b};
  return api_.Z3_mk_seq_concat(c_, 2, parts);
}
Z3_ast smt::prefix_of(Z3_ast prefix, Z3_ast s) { return api_.Z3_mk_seq_prefix(c_, prefix, s); }
Z3_ast smt::contains(Z3_ast s, Z3_ast part) { return api_.Z3_mk_seq_contains(c_, s, part); }
Z3_ast smt::length(Z3_ast s) { return api_.Z3_mk_seq_length(c_, s); }
Z3_ast smt::index_of(Z3_ast s, Z3_ast part, Z3_ast from) { return api_.Z3_mk_seq_index(c_, s, part, from); }
Z3_ast smt::substring(Z3_ast s, Z3_ast from, Z3_ast count) { return api_.Z3_mk_seq_extract(c_, s, from, count); }
Z3_ast smt::text_less(Z3_ast a, Z3_ast b) { return api_.Z3_mk_str_lt(c_, a, b); }
Z3_ast smt::text_less_equal(Z3_ast a, Z3_ast b) { return api_.Z3_mk_str_le(c_, a, b); }

Z3_ast smt::regex_of_glob(std::string_view glob) {
  // Character ranges rather than complements: the solver handles them far faster. The largest
  // character is Z3's (its strings hold code points up to U+2FFFF by default, beyond which
  // a document's text cannot change what a glob matches: only `.` and the literal segments do).
  Z3_ast last_char = api_.Z3_mk_string(c_, "\\u{2ffff}");
  Z3_ast first_char = text(std::string_view("\0", 1));
  Z3_ast dot = api_.Z3_mk_seq_to_re(c_, text("."));
  Z3_ast any_char = api_.Z3_mk_re_range(c_, first_char, last_char);
  Z3_ast below_dot = api_.Z3_mk_re_range(c_, first_char, text("-"));
  Z3_ast above_dot = api_.Z3_mk_re_range(c_, text("/"), last_char);
  Z3_ast not_dot_parts[2] = {below_dot, above_dot};
  Z3_ast not_dot = api_.Z3_mk_re_union(c_, 2, not_dot_parts);
  Z3_ast non_empty = api_.Z3_mk_re_plus(c_, any_char);
  Z3_ast one_segment = api_.Z3_mk_re_plus(c_, not_dot);
  std::vector<Z3_ast> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = glob.find('.', start);
    const std::string_view segment = glob.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!parts.empty()) parts.push_back(dot);
    if (segment == "**") {
      parts.push_back(non_empty);
    } else if (segment == "*") {
      parts.push_back(one_segment);
    } else {
      parts.push_back(api_.Z3_mk_seq_to_re(c_, text(segment)));
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (parts.size() == 1) return parts.front();
  return api_.Z3_mk_re_concat(c_, static_cast<unsigned>(parts.size()), parts.data());
}

Z3_ast smt::matches_glob(Z3_ast s, std::string_view glob) {
  // The globs policies use most, without a regular expression (which the solver finds far
  // harder next to the prefix tests of id kinds): literal segments only, an equality; literal
  // segments then one `**`, a prefix and at least one character after it.
  const bool literal = glob.find('*') == std::string_view::npos;
  if (literal) return equal(s, text(glob));
  if (glob.ends_with(".**") || glob == "**") {
    const std::string_view head = glob.substr(0, glob.size() - 2);
    if (head.find('*') == std::string_view::npos) {
      return both(prefix_of(text(head), s), less(integer(static_cast<std::int64_t>(util::utf8_length(head))), length(s)));
    }
  }
  // The literal segments a glob starts with, as a prefix test beside the expression: implied by
  // it, and what lets the solver see at once that `drafts.x` is not under `versions.*`.
  std::string head;
  for (std::size_t start = 0;;) {
    const std::size_t dot = glob.find('.', start);
    if (dot == std::string_view::npos) break;
    const std::string_view segment = glob.substr(start, dot - start);
    if (segment.find('*') != std::string_view::npos) break;
    head.append(segment).push_back('.');
    start = dot + 1;
  }
  Z3_ast matched = api_.Z3_mk_seq_in_re(c_, s, regex_of_glob(glob));
  return head.empty() ? matched : both(prefix_of(text(head), s), matched);
}

answer smt::check(const std::vector<Z3_ast>& assertions, unsigned rlimit, bool fresh, std::unique_ptr<solution>& out,
                  std::string& reason) {
  // One solver for every question, each in a scope of its own: making a solver costs more than
  // answering most questions. A fresh solver preprocesses what it is given (an incremental one
  // cannot), which answers the hard questions.
  if (solver_ != nullptr && (fresh || fresh_)) {
    api_.Z3_solver_dec_ref(c_, solver_);
    solver_ = nullptr;
    rlimit_ = 0;
  }
  fresh_ = fresh;
  if (solver_ == nullptr) {
    solver_ = api_.Z3_mk_solver(c_);
    api_.Z3_solver_inc_ref(c_, solver_);
  }
  if (rlimit != rlimit_) {
    Z3_params params = api_.Z3_mk_params(c_);
    api_.Z3_params_inc_ref(c_, params);
    api_.Z3_params_set_uint(c_, params, api_.Z3_mk_string_symbol(c_, "rlimit"), rlimit);
    api_.Z3_solver_set_params(c_, solver_, params);
    api_.Z3_params_dec_ref(c_, params);
    rlimit_ = rlimit;
  }
  if (!fresh) api_.Z3_solver_push(c_, solver_);
  for (Z3_ast a : assertions) api_.Z3_solver_assert(c_, solver_, a);
  const Z3_lbool result = api_.Z3_solver_check(c_, solver_);
  answer found = answer::unknown;
  if (result == Z3_L_TRUE) {
    found = answer::sat;
    out = std::make_unique<solution>(api_, c_, api_.Z3_solver_get_model(c_, solver_));
  } else if (result == Z3_L_FALSE) {
    found = answer::unsat;
  } else {
    reason = api_.Z3_solver_get_reason_unknown(c_, solver_);
  }
  if (api_.Z3_get_error_code(c_) != Z3_OK) {
    reason = api_.Z3_get_error_msg(c_, api_.Z3_get_error_code(c_));
    found = answer::unknown;
  }
  if (!fresh) api_.Z3_solver_pop(c_, solver_, 1);
  return found;
}

}  // namespace rolec::analyze
