#pragma once
// The tree-walking evaluator shared by eval.cpp and the built-in functions (internal).

#include <cstdint>
#include <span>
#include <string>

#include "eval/eval.hpp"
#include "groq/ast.hpp"

namespace rolec::eval::detail {

/// Spec "Scope": the value of `@` and the scope `^` climbs to.
struct scope {
  value self;
  const scope* parent = nullptr;
};

/// The most work one evaluation (of a query against one document) may do. Each node evaluated
/// counts one, and each element, attribute or byte a loop visits or copies counts one more. A
/// permission filter costs tens of units per document; the bound stops, with an error, a query
/// whose work or memory grows with a product of sizes (a filter over an array inside a filter
/// over another, an array spread many times) before it runs for minutes or exhausts memory.
inline constexpr std::uint64_t max_work = std::uint64_t{1} << 26;
/// The most memory the values one evaluation builds may take (strings, arrays and objects in the
/// evaluation's arena).
inline constexpr std::size_t max_memory = std::size_t{256} << 20;

/// Work done by the evaluation running on this thread (program::run starts it at zero). Defined
/// here, not `extern`: GCC's UBSan reports a null load through the TLS wrapper of an extern one.
inline thread_local std::uint64_t work_done = 0;

/// One evaluation: the program, where new values are allocated, and the query context.
class evaluator {
 public:
  evaluator(const program& prog, util::arena& arena) : prog_(prog), arena_(arena) {}

  /// Spec Evaluate(node, scope).
  [[nodiscard]] value eval(const groq::node* n, const scope& s);
  /// Evaluates argument `i` of a call.
  [[nodiscard]] value arg(const groq::node* call, std::size_t i, const scope& s) { return eval(call->items[i], s); }

  [[nodiscard]] util::arena& arena() { return arena_; }

  /// Counts `units` of work (see max_work); throws an eval_error at `n` past the bound.
  void charge(std::uint64_t units, const groq::node* n) {
    work_done += units;
    if (work_done > max_work || arena_.held() > max_memory) [[unlikely]] too_much_work(n);
  }
  /// Throws an eval_error at `n` when `bytes` more than the arena holds would pass max_memory: for
  /// values built outside the arena before they are copied into it (an array being spread into).
  void check_memory(std::size_t bytes, const groq::node* n) {
    if (arena_.held() + bytes > max_memory) [[unlikely]] too_much_work(n);
  }
  /// The elements of array `v` for a loop over them, counted as work.
  [[nodiscard]] std::span<const value> elements(const value& v, const groq::node* n) {
    const auto items = v.elements(arena_);
    charge(items.size(), n);
    return items;
  }
  /// The attributes of object `v` for a loop over them, counted as work.
  [[nodiscard]] std::span<const field> fields(const value& v, const groq::node* n) {
    const auto items = v.fields(arena_);
    charge(items.size(), n);
    return items;
  }
  [[nodiscard]] const environment& env() const { return prog_.env(); }
  [[nodiscard]] const program& prog() const { return prog_; }

  /// Throws an eval_error pointing at `n`.
  [[noreturn]] static void fail(const groq::node* n, std::string message, std::string help = {});
  [[noreturn]] static void too_much_work(const groq::node* n);

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
