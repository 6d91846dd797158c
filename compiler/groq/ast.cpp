#include "groq/ast.hpp"

#include <cmath>

namespace rolec::groq {

bool is_comparison(node_kind k) {
  switch (k) {
    case node_kind::equal:
    case node_kind::not_equal:
    case node_kind::less:
    case node_kind::less_equal:
    case node_kind::greater:
    case node_kind::greater_equal:
    case node_kind::in:
    case node_kind::match: return true;
    default: return false;
  }
}

bool is_traversal(node_kind k) {
  switch (k) {
    case node_kind::attribute_access:
    case node_kind::element_access:
    case node_kind::slice:
    case node_kind::filter:
    case node_kind::array_postfix:
    case node_kind::projection:
    case node_kind::dereference:
    case node_kind::pipe_call:
    case node_kind::group_traversal: return true;
    default: return false;
  }
}

const node* naming_node(const node* entry) {
  for (const node* n = entry; n != nullptr; n = n->lhs) {
    if (n->kind == node_kind::this_attribute) return n;
    if (n->kind == node_kind::attribute_access && !n->has(flag::bracketed)) return n;
    if (n->kind == node_kind::dereference && !n->text.empty()) return n;
    if (!is_traversal(n->kind)) return nullptr;
  }
  return nullptr;
}

std::string_view operator_text(const node& n) {
  switch (n.kind) {
    case node_kind::and_: return "&&";
    case node_kind::or_: return "||";
    case node_kind::not_: return "!";
    case node_kind::negate: return "-";
    case node_kind::unary_plus: return "+";
    case node_kind::equal: return "==";
    case node_kind::not_equal: return "!=";
    case node_kind::less: return "<";
    case node_kind::less_equal: return "<=";
    case node_kind::greater: return ">";
    case node_kind::greater_equal: return ">=";
    case node_kind::in: return "in";
    case node_kind::match: return "match";
    case node_kind::add: return "+";
    case node_kind::subtract: return "-";
    case node_kind::multiply: return "*";
    case node_kind::divide: return "/";
    case node_kind::modulo: return "%";
    case node_kind::power: return "**";
    case node_kind::range: return n.has(flag::exclusive) ? "..." : "..";
    case node_kind::pair: return "=>";
    case node_kind::asc: return "asc";
    case node_kind::desc: return "desc";
    default: return {};
  }
}

std::string_view kind_name(node_kind k) {
  switch (k) {
    case node_kind::null_literal: return "null";
    case node_kind::boolean_literal: return "boolean";
    case node_kind::number_literal: return "number";
    case node_kind::string_literal: return "string";
    case node_kind::array_literal: return "array";
    case node_kind::object_literal: return "object";
    case node_kind::this_: return "this";
    case node_kind::parent: return "parent";
    case node_kind::everything: return "everything";
    case node_kind::parameter: return "parameter";
    case node_kind::this_attribute: return "this_attribute";
    case node_kind::func_call: return "func_call";
    case node_kind::attribute_access: return "attribute_access";
    case node_kind::element_access: return "element_access";
    case node_kind::slice: return "slice";
    case node_kind::filter: return "filter";
    case node_kind::array_postfix: return "array_postfix";
    case node_kind::projection: return "projection";
    case node_kind::dereference: return "dereference";
    case node_kind::pipe_call: return "pipe_call";
    case node_kind::group_traversal: return "group_traversal";
    case node_kind::and_: return "and";
    case node_kind::or_: return "or";
    case node_kind::not_: return "not";
    case node_kind::negate: return "negate";
    case node_kind::unary_plus: return "unary_plus";
    case node_kind::equal: return "equal";
    case node_kind::not_equal: return "not_equal";
    case node_kind::less: return "less";
    case node_kind::less_equal: return "less_equal";
    case node_kind::greater: return "greater";
    case node_kind::greater_equal: return "greater_equal";
    case node_kind::in: return "in";
    case node_kind::match: return "match";
    case node_kind::add: return "add";
    case node_kind::subtract: return "subtract";
    case node_kind::multiply: return "multiply";
    case node_kind::divide: return "divide";
    case node_kind::modulo: return "modulo";
    case node_kind::power: return "power";
    case node_kind::range: return "range";
    case node_kind::pair: return "pair";
    case node_kind::asc: return "asc";
    case node_kind::desc: return "desc";
    case node_kind::array_splat: return "array_splat";
    case node_kind::object_pair: return "object_pair";
    case node_kind::object_splat: return "object_splat";
    case node_kind::tuple: return "tuple";
  }
  return "?";
}

namespace {

// `(*)._id` differs from `*._id` (the implicit `[]` applies only to a bare `*`, array literal or
// pipe call), so parentheses are part of the meaning exactly there.
bool parentheses_matter(const node* n) {
  return n->kind == node_kind::everything || n->kind == node_kind::array_literal || n->kind == node_kind::pipe_call;
}

bool same(const node* a, const node* b, bool as_base) {
  if (a == nullptr || b == nullptr) return a == b;
  if (a->kind != b->kind || a->count != b->count) return false;
  constexpr std::uint8_t meaning = flag::true_value | flag::exclusive;
  if ((a->flags & meaning) != (b->flags & meaning)) return false;
  if (as_base && parentheses_matter(a) && a->has(flag::parenthesized) != b->has(flag::parenthesized)) return false;
  if (a->text != b->text || a->ns != b->ns) return false;
  if (a->number != b->number && !(std::isnan(a->number) && std::isnan(b->number))) return false;
  const bool lhs_is_base = is_traversal(a->kind);
  if (!same(a->lhs, b->lhs, lhs_is_base) || !same(a->rhs, b->rhs, false)) return false;
  for (std::uint32_t i = 0; i < a->count && a->items != nullptr; ++i) {
    if (!same(a->items[i], b->items[i], false)) return false;
  }
  return true;
}

}  // namespace

bool same_tree(const node* a, const node* b) { return same(a, b, false); }

const node* chain_root(const node* n) {
  while (n != nullptr && is_traversal(n->kind) && n->lhs != nullptr) n = n->lhs;
  return n;
}

}  // namespace rolec::groq
