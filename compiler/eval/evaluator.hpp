#pragma once
// The tree-walking evaluator shared by eval.cpp and the built-in functions (internal).

#include <string>

#include "eval/eval.hpp"
#include "groq/ast.hpp"

namespace rolec::eval::detail {

/// Spec "Scope": the value of `@` and the scope `^` climbs to.
struct scope {
  value self;
  const scope* parent = nullptr;
};

/// One evaluation: the program, where new values are allocated, and the query context.
class evaluator {
 public:
  evaluator(const program& prog, util::arena& arena) : prog_(prog), arena_(arena) {}

  /// Spec Evaluate(node, scope).
  [[nodiscard]] value eval(const groq::node* n, const scope& s);
  /// Evaluates argument `i` of a call.
  [[nodiscard]] value arg(const groq::node* call, std::size_t i, const scope& s) { return eval(call->items[i], s); }

  [[nodiscard]] util::arena& arena() { return arena_; }
  [[nodiscard]] const environment& env() const { return prog_.env(); }
  [[nodiscard]] const program& prog() const { return prog_; }

  /// Throws an eval_error pointing at `n`.
  [[noreturn]] static void fail(const groq::node* n, std::string message, std::string help = {});

  /// The dataset as an array value (null when there is none).
  [[nodiscard]] value dataset();
  /// The document of the dataset whose `_id` is `id`, or null.
  [[nodiscard]] value find_document(std::string_view id);

 private:
  value eval_traversal(const groq::node* n, const scope& s);
  value attribute_chain(const groq::node* n, const value& base);
  value eval_object(const groq::node* n, const scope& s);
  value eval_array(const groq::node* n, const scope& s);
  value eval_in(const groq::node* n, const scope& s);
  value eval_arithmetic(const groq::node* n, const scope& s);
  value eval_pipe(const groq::node* n, const scope& s);
  value call_custom(const groq::node* n, const groq::function_decl& decl, const scope& s);

  const program& prog_;
  util::arena& arena_;
};

/// Calls the built-in function of `call` (a func_call node with `function` set).
value call_builtin(evaluator& ev, const groq::node* call, const scope& s);

/// `base | order(...)` and `base | score(...)`; `base` is an array.
value order_by(evaluator& ev, const groq::node* call, value base, const scope& s);
value score_by(evaluator& ev, const groq::node* call, value base, const scope& s);

/// `diff::changedAny/changedOnly(before, after, selector)`.
bool changed_any(evaluator& ev, const value& before, const value& after, const groq::node* selector, const scope& s);
bool changed_only(evaluator& ev, const value& before, const value& after, const groq::node* selector, const scope& s);

/// Spec "String": `string()` of a scalar, or nothing.
std::optional<std::string> stringify(const value& v);

}  // namespace rolec::eval::detail
