#include "groq/filter_rules.hpp"

#include <fmt/format.h>

#include "groq/functions.hpp"
#include "groq/types.hpp"

namespace rolec::groq {
namespace {

using diag::rule;

class filter_checker {
 public:
  explicit filter_checker(parse_result& result) : result_(result) {}

  void run() {
    for (const function_decl& decl : result_.functions) {
      report(rule::filter_custom_function, decl.where,
             fmt::format("a permission filter cannot declare the custom function `{}::{}`", decl.ns, decl.name),
             "write the condition inline");
    }
    visit(result_.root, 0, false);
    check_boolean(result_.root);
  }

 private:
  parse_result& result_;

  void report(rule r, diag::span where, std::string message, std::string help) {
    result_.diagnostics.push_back(diag::make(r, where, std::move(message), std::move(help)));
  }

  // `scopes` counts the nested scopes opened inside the filter (`items[...]`): a `^` may climb
  // back to the document, but not beyond it.
  // `in_chain` is set below the top of a traversal chain, which has been checked for `*` already.
  void visit(const node* n, int scopes, bool in_chain) {
    if (n == nullptr) return;
    const bool traversal = is_traversal(n->kind);
    // A subquery is reported once, with the span of the whole chain (`*[_type == "x"]._id`),
    // and what is inside it is not checked further.
    if (traversal && !in_chain && chain_root(n)->kind == node_kind::everything) {
      subquery(n);
      return;
    }
    switch (n->kind) {
      case node_kind::everything: subquery(n); return;
      case node_kind::dereference: {
        const auto length = static_cast<std::uint32_t>(2 + n->text.size());
        report(rule::filter_dereference, {n->where.end - length, n->where.end},
               "a permission filter cannot follow a reference (`->`)",
               "test the reference itself, as in `author._ref == identity()`");
        break;
      }
      case node_kind::parent:
        if (static_cast<int>(n->count) > scopes) {
          report(rule::filter_parent, n->where, "`^` reaches outside the document: a permission filter has no parent scope",
                 "a filter sees only the document being checked; refer to its attributes directly");
        }
        break;
      case node_kind::pipe_call:
        if (n->text == "order") {
          report(rule::filter_ordering, {n->op, n->where.end}, "a permission filter cannot order (`order()`)",
                 "a filter only decides whether one document is allowed; remove the ordering");
        } else {
          report(rule::filter_pipe, {n->op, n->where.end},
                 fmt::format("a permission filter cannot use the pipe function `{}()`", n->text),
                 "a filter only decides whether one document is allowed; remove the pipe");
        }
        break;
      case node_kind::projection:
        report(rule::filter_projection, n->rhs->where, "a permission filter cannot project (`{...}`)",
               "a filter returns a condition, not a new object; remove the projection");
        break;
      case node_kind::slice:
        report(rule::filter_slice, {n->op, n->where.end}, "a permission filter cannot slice an array",
               "test elements with `in`, `count()` or a filter such as `tags[@ == \"x\"]`");
        break;
      case node_kind::parameter:
        // `$identity` is the user id, as `identity()`: Studio passes it when it checks grants, and
        // filters of the legacy `system.group` access control were written with it.
        if (n->text == "identity") break;
        report(rule::filter_parameter, n->where,
               fmt::format("a permission filter cannot use the parameter `${}`", n->text),
               "Sanity passes permission filters no parameter but `$identity`; write the value inline, or use "
               "`identity()` for the current user");
        break;
      case node_kind::func_call: check_call(n); break;
      default: break;
    }
    const bool nested = n->kind == node_kind::filter || n->kind == node_kind::projection || n->kind == node_kind::pipe_call;
    if (n->lhs != nullptr) visit(n->lhs, scopes, traversal);
    if (n->rhs != nullptr) visit(n->rhs, nested ? scopes + 1 : scopes, false);
    for (const node* item : n->children()) visit(item, nested ? scopes + 1 : scopes, false);
  }

  void subquery(const node* n) {
    report(rule::filter_subquery, n->where, "a permission filter cannot query the dataset (`*`)",
           "a filter is evaluated against one document at a time; subqueries and joins are not allowed, so "
           "test attributes of the document itself");
  }

  void check_call(const node* n) {
    const function_info* f = n->function;
    if (f == nullptr) return;  // unknown functions are reported by validation
    const diag::span name{n->where.begin, n->op + static_cast<std::uint32_t>(n->text.size())};
    if ((f->flags & (function_flag::delta | function_flag::dataset | function_flag::service)) == 0) return;
    const std::string shown = n->has(flag::namespaced) ? fmt::format("{}::{}", n->ns, n->text) : std::string(n->text);
    if ((f->flags & function_flag::delta) != 0) {
      report(rule::filter_delta_function, name,
             fmt::format("a permission filter cannot use the delta-mode function `{}()`", shown),
             "permission filters see the document as it is, not a change; test its attributes instead");
    } else if ((f->flags & (function_flag::dataset | function_flag::service)) != 0) {
      report(rule::filter_unsupported_function, name,
             fmt::format("a permission filter cannot call `{}()`: it needs {}", shown,
                         (f->flags & function_flag::dataset) != 0 ? "other documents"
                         : n->ns == "media"                       ? "Sanity's media service"
                                                                  : "Sanity's search service"),
             "a filter is evaluated against one document at a time");
    }
  }

  // A filter grants only when it evaluates to exactly `true`; report operands that never can.
  void check_boolean(const node* n) {
    switch (n->kind) {
      case node_kind::and_:
        for (const node* operand : n->children()) check_boolean(operand);
        return;
      case node_kind::or_: {
        for (const node* operand : n->children()) {
          const result_type t = static_type(operand);
          if (t == result_type::any || t == result_type::boolean) return;
        }
        for (const node* operand : n->children()) check_boolean(operand);
        return;
      }
      case node_kind::not_: check_boolean(n->lhs); return;
      default: break;
    }
    const result_type t = static_type(n);
    if (t == result_type::any || t == result_type::boolean) return;
    report(rule::filter_not_boolean, n->where,
           fmt::format("a permission filter must be a condition, but this is {}", type_phrase(t)),
           "compare it, as in `_type == \"post\"`; a filter grants only where it is exactly `true`");
  }
};

}  // namespace

void check_filter(parse_result& result) {
  if (result.root == nullptr) return;
  filter_checker(result).run();
}

}  // namespace rolec::groq
