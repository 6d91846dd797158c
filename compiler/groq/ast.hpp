#pragma once
/// The GROQ abstract syntax tree. Every node carries its byte span in the parsed text.

#include <cstdint>
#include <span>
#include <string_view>

#include "diag/span.hpp"

namespace rolec::groq {

struct function_info;

/// The kind of a node; names follow the productions of the GROQ specification.
enum class node_kind : std::uint8_t {
  // literals
  null_literal,
  boolean_literal,  // value in `flags & flag::true_value`
  number_literal,   // value in `number`
  string_literal,   // decoded value in `text`
  array_literal,    // elements in `items` (array_splat for `...x`)
  object_literal,   // attributes in `items`: object_pair, object_splat, or a shorthand expression
  // simple expressions
  this_,           // `@`
  parent,          // `^`, `^.^`: levels in `count`
  everything,      // `*`
  parameter,       // `$name`: name in `text`
  this_attribute,  // `name`: name in `text`
  func_call,       // `ns::name(args)`: `ns`, `text`, arguments in `items`
  // traversals: the base is `lhs`
  attribute_access,  // `base.name` or `base["name"]`: name in `text`
  element_access,    // `base[index]`: index expression in `rhs`
  slice,             // `base[range]`: range node in `rhs`
  filter,            // `base[condition]`: condition in `rhs`
  array_postfix,     // `base[]`
  projection,        // `base{...}` or `base | {...}`: object literal in `rhs`
  dereference,       // `base->` or `base->name`: optional name in `text`
  pipe_call,         // `base | name(args)`: `text`, arguments in `items`
  group_traversal,   // `base.(selectors)` (selectors only): selectors in `items`
  // operators
  and_,  // operands in `items` (flattened: `a && b && c` is one node)
  or_,   // operands in `items`
  not_,
  negate,
  unary_plus,
  equal,
  not_equal,
  less,
  less_equal,
  greater,
  greater_equal,
  in,
  match,
  add,
  subtract,
  multiply,
  divide,
  modulo,
  power,
  range,  // `lhs..rhs`, or `lhs...rhs` with flag::exclusive
  pair,   // `lhs => rhs`
  asc,    // `lhs asc`
  desc,   // `lhs desc`
  // parts
  array_splat,   // `...expr` inside an array literal
  object_pair,   // `"key": value` inside an object literal: key node in `lhs`, value in `rhs`
  object_splat,  // `...` or `...expr` inside an object literal: optional expression in `lhs`
  tuple,         // `(a, b)` (selectors only): elements in `items`
};

/// Bits of `node::flags`.
namespace flag {
inline constexpr std::uint8_t true_value = 1;     ///< boolean_literal is `true`
inline constexpr std::uint8_t exclusive = 2;      ///< range written `...`
inline constexpr std::uint8_t parenthesized = 4;  ///< written inside `( )`
inline constexpr std::uint8_t bracketed = 8;      ///< attribute_access written `["name"]`
inline constexpr std::uint8_t pipe_form = 16;     ///< projection written `| {...}`
inline constexpr std::uint8_t namespaced = 32;    ///< call written with an explicit namespace
inline constexpr std::uint8_t parameter_key = 64; ///< filter whose content is constant once the parameters are known
}  // namespace flag

/// One node. Nodes live in the arena of their `parse_result`; pointers stay valid as long as it.
struct node {
  node_kind kind = node_kind::null_literal;
  std::uint8_t flags = 0;
  std::uint16_t depth = 1;  ///< height of the subtree (1 for a leaf)
  diag::span where;         ///< the whole node
  std::uint32_t op = 0;     ///< offset of the operator or opening token, for diagnostics
  std::uint32_t count = 0;  ///< number of `items` (parent: number of levels)
  std::uint32_t index = 0;  ///< position in creation order, unique within one parse (for side tables)
  node* lhs = nullptr;
  node* rhs = nullptr;
  node** items = nullptr;
  std::string_view text;  ///< identifier, decoded string, function name
  std::string_view ns;    ///< namespace of a call (`global` when written without one)
  double number = 0;
  const function_info* function = nullptr;  ///< func_call, pipe_call: the built-in it names, if any

  [[nodiscard]] std::span<node* const> children() const { return {items, items == nullptr ? 0 : count}; }
  [[nodiscard]] bool has(std::uint8_t f) const { return (flags & f) != 0; }
};

/// A custom function declaration: `fn ns::name($param) = body;`.
struct function_decl {
  std::string_view ns;
  std::string_view name;
  std::span<node* const> params;  ///< parameter nodes
  node* body = nullptr;
  diag::span where;       ///< the whole declaration
  diag::span name_where;  ///< `ns::name`
};

/// True for the binary comparison operators of precedence level 4.
[[nodiscard]] bool is_comparison(node_kind k);

/// True for traversal kinds (those whose base is `lhs`).
[[nodiscard]] bool is_traversal(node_kind k);

/// The operator as written (`==`, `&&`, `..`), or an empty view for non-operators.
[[nodiscard]] std::string_view operator_text(const node& n);

/// A short name for diagnostics and AST dumps (`attribute_access`, `func_call`).
[[nodiscard]] std::string_view kind_name(node_kind k);

/// Structural equality: same kinds, values and shape; spans are ignored.
[[nodiscard]] bool same_tree(const node* a, const node* b);

/// What names a shorthand object attribute (spec DetermineName): the first bare name, `.name` or
/// `->name` down its traversal chain (`b` in `{a.b[0]}`, `a` in `{a["b"]}`), or null when none does.
[[nodiscard]] const node* naming_node(const node* entry);

/// The innermost base of a traversal chain (`a` for `a.b[0]->c`).
[[nodiscard]] const node* chain_root(const node* n);

}  // namespace rolec::groq
