#pragma once
/// A Z3 context with the few term builders the analysis needs: constants fold as they are built
/// (`all` of a false term is false) so that easy questions reach the solver small or not at all.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/z3_api.hpp"

namespace rolec::analyze {

/// What the solver answered.
enum class answer { sat, unsat, unknown };

/// One solver call's model: values of terms, as text.
class solution {
 public:
  solution(const z3_api& api, Z3_context c, Z3_model m);
  ~solution();
  solution(const solution&) = delete;
  solution& operator=(const solution&) = delete;

  /// The value of a Boolean term (false when the model leaves it open).
  [[nodiscard]] bool boolean(Z3_ast t) const;
  /// The value of an integer term.
  [[nodiscard]] std::int64_t integer(Z3_ast t) const;
  /// The value of a real term, as the nearest double.
  [[nodiscard]] double real(Z3_ast t) const;
  /// The value of a string term, in UTF-8.
  [[nodiscard]] std::string text(Z3_ast t) const;

 private:
  Z3_ast value(Z3_ast t) const;
  const z3_api& api_;
  Z3_context c_;
  Z3_model m_;
};

/// A Z3 context and its term builders.
class smt {
 public:
  /// A new context, or null with `error` set when libz3 cannot be loaded.
  [[nodiscard]] static std::unique_ptr<smt> open(std::string& error);
  ~smt();
  smt(const smt&) = delete;
  smt& operator=(const smt&) = delete;

  [[nodiscard]] Z3_ast yes() const { return true_; }
  [[nodiscard]] Z3_ast no() const { return false_; }
  [[nodiscard]] bool is_yes(Z3_ast t) const { return t == true_; }
  [[nodiscard]] bool is_no(Z3_ast t) const { return t == false_; }

  [[nodiscard]] Z3_ast boolean_var(const std::string& name);
  [[nodiscard]] Z3_ast int_var(const std::string& name);
  [[nodiscard]] Z3_ast real_var(const std::string& name);
  [[nodiscard]] Z3_ast string_var(const std::string& name);

  [[nodiscard]] Z3_ast all(const std::vector<Z3_ast>& terms);
  [[nodiscard]] Z3_ast any(const std::vector<Z3_ast>& terms);
  [[nodiscard]] Z3_ast both(Z3_ast a, Z3_ast b) { return all({a, b}); }
  [[nodiscard]] Z3_ast either(Z3_ast a, Z3_ast b) { return any({a, b}); }
  [[nodiscard]] Z3_ast negation(Z3_ast a);
  [[nodiscard]] Z3_ast implies(Z3_ast a, Z3_ast b) { return either(negation(a), b); }
  [[nodiscard]] Z3_ast equal(Z3_ast a, Z3_ast b);

  [[nodiscard]] Z3_ast integer(std::int64_t v);
  /// A double, exactly (as the rational it is).
  [[nodiscard]] Z3_ast real(double v);
  [[nodiscard]] Z3_ast less(Z3_ast a, Z3_ast b);
  [[nodiscard]] Z3_ast less_equal(Z3_ast a, Z3_ast b);
  [[nodiscard]] Z3_ast minus(Z3_ast a);
  [[nodiscard]] Z3_ast add(Z3_ast a, Z3_ast b);
  [[nodiscard]] Z3_ast subtract(Z3_ast a, Z3_ast b);

  /// A string constant (UTF-8 in, code points to the solver).
  [[nodiscard]] Z3_ast text(std::string_view v);
  [[nodiscard]] Z3_ast concat(Z3_ast a, Z3_ast b);
  [[nodiscard]] Z3_ast prefix_of(Z3_ast prefix, Z3_ast s);
  [[nodiscard]] Z3_ast contains(Z3_ast s, Z3_ast part);
  [[nodiscard]] Z3_ast length(Z3_ast s);
  [[nodiscard]] Z3_ast index_of(Z3_ast s, Z3_ast part, Z3_ast from);
  [[nodiscard]] Z3_ast substring(Z3_ast s, Z3_ast from, Z3_ast count);
  [[nodiscard]] Z3_ast text_less(Z3_ast a, Z3_ast b);
  [[nodiscard]] Z3_ast text_less_equal(Z3_ast a, Z3_ast b);
  /// True when `s` matches a `path()` glob (eval/path_glob.hpp: `*` one or more characters but
  /// `.`, `**` one or more of any, other segments literally).
  [[nodiscard]] Z3_ast matches_glob(Z3_ast s, std::string_view glob);

  /// Checks the conjunction of `assertions` within `rlimit` steps of Z3's resource counter (a
  /// deterministic bound, unlike a time limit), in a scope of the shared solver or, `fresh`, in
  /// a solver of its own (slower to start, stronger on hard questions); on `sat`, `out` holds
  /// the model.
  [[nodiscard]] answer check(const std::vector<Z3_ast>& assertions, unsigned rlimit, bool fresh,
                             std::unique_ptr<solution>& out, std::string& reason);

  [[nodiscard]] const z3_api& api() const { return api_; }

 private:
  smt(const z3_api& api, Z3_context c);
  Z3_ast var(const std::string& name, Z3_sort sort);
  Z3_ast regex_of_glob(std::string_view glob);

  const z3_api& api_;
  Z3_context c_;
  Z3_ast true_;
  Z3_ast false_;
  Z3_sort bool_, int_, real_, string_;
  Z3_solver solver_ = nullptr;
  unsigned rlimit_ = 0;
  bool fresh_ = false;
};

}  // namespace rolec::analyze
