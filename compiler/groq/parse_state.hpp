#pragma once
// The state the parse actions share, and the exception a failed parse throws (internal).

#include "util/arena.hpp"
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.hpp"
#include "groq/ast.hpp"
#include "groq/limits.hpp"

namespace rolec::groq::detail {

/// An identifier waiting to become a function name, namespace or attribute.
struct name_token {
  std::string_view text;
  diag::span where;
  bool function = false;  ///< pushed by `func_identifier` (the part after `::`)
};

/// An operator waiting for its operands (the operator-precedence stack).
struct pending_operator {
  node_kind kind;
  std::uint8_t level;   ///< precedence level of the spec's table (11 binds tightest)
  std::uint8_t flags;   ///< node flags to set (flag::exclusive for `...`)
  bool prefix;
  diag::span where;     ///< the operator token
};

/// An opening bracket not yet closed.
struct open_bracket {
  char which;
  std::uint32_t at;
};

/// Everything the actions build while the grammar runs.
struct parse_state {
  std::string_view text;
  util::arena* arena = nullptr;
  std::vector<node*> nodes;
  std::vector<name_token> names;
  std::vector<pending_operator> operators;
  std::vector<std::size_t> frames;  ///< size of `operators` when each open expression started
  std::vector<open_bracket> brackets;
  std::vector<function_decl> functions;
  diag::span last_operator;        ///< the most recent operator token, for "expected ... after `&&`"
  std::uint32_t string_open = 0;   ///< offset of the opening quote of the current string
  std::uint32_t escape_at = 0;     ///< offset of the backslash of the current escape
  int nesting = 0;
  std::uint32_t node_count = 0;

  [[nodiscard]] std::uint32_t offset(const char* p) const { return static_cast<std::uint32_t>(p - text.data()); }
  [[nodiscard]] node* make(node_kind kind, diag::span where) {
    node* n = new (arena->allocate(sizeof(node), alignof(node))) node;
    n->kind = kind;
    n->where = where;
    n->op = where.begin;
    n->index = node_count++;
    return n;
  }
  [[nodiscard]] node** make_items(std::size_t count) {
    return count == 0 ? nullptr : static_cast<node**>(arena->allocate(count * sizeof(node*), alignof(node*)));
  }
  [[nodiscard]] std::string_view copy(std::string_view s);
  node* pop() {
    node* n = nodes.back();
    nodes.pop_back();
    return n;
  }
  /// Pushes a finished node, computing its height; rejects trees deeper than max_tree_depth.
  void push(node* n) {
    std::uint16_t depth = 0;
    if (n->lhs != nullptr) depth = n->lhs->depth;
    if (n->rhs != nullptr && n->rhs->depth > depth) depth = n->rhs->depth;
    for (const node* item : n->children()) depth = item->depth > depth ? item->depth : depth;
    if (depth >= max_tree_depth) too_deep(n);
    n->depth = static_cast<std::uint16_t>(depth + 1);
    nodes.push_back(n);
  }
  [[noreturn]] static void too_deep(const node* n);
  /// Pops the nodes that start at or after `from` (the operands of a bracket opened there).
  std::span<node* const> pop_items_since(std::uint32_t from, std::uint32_t& count);
};

/// A syntax error, thrown from actions and the error control; `parse()` turns it into a diagnostic.
struct syntax_error {
  diag::diagnostic diagnostic;
};

[[noreturn]] void fail(diag::rule rule, diag::span where, std::string message, std::string help = {});

}  // namespace rolec::groq::detail
