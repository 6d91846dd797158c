#include "groq/constant.hpp"

#include <cmath>
#include <cstring>

namespace rolec::groq {
namespace {

using type = constant::type;

// The expression inside one item of an array or object literal (null for a bare `...`).
const node* part_value(const node* item) {
  switch (item->kind) {
    case node_kind::array_splat:
    case node_kind::object_splat: return item->lhs;
    case node_kind::object_pair: return item->rhs;
    default: return item;
  }
}

constant number(double v) {
  // Infinity and NaN do not exist in GROQ; they become null (spec "Number").
  if (!std::isfinite(v)) return {};
  return {type::number, false, v, {}};
}

std::optional<constant> arithmetic(const node* n, util::arena& arena) {
  auto l = constant_evaluate(n->lhs, arena);
  if (!l) return std::nullopt;
  auto r = constant_evaluate(n->rhs, arena);
  if (!r) return std::nullopt;
  if (l->kind == type::parameter || r->kind == type::parameter) return constant{type::parameter, false, 0, {}};
  const bool numbers = l->kind == type::number && r->kind == type::number;
  switch (n->kind) {
    case node_kind::add:
      if (numbers) return number(l->number + r->number);
      if (l->kind == type::string && r->kind == type::string) {
        auto* buffer = static_cast<char*>(arena.allocate(l->string.size() + r->string.size(), 1));
        std::memcpy(buffer, l->string.data(), l->string.size());
        std::memcpy(buffer + l->string.size(), r->string.data(), r->string.size());
        return constant{type::string, false, 0, {buffer, l->string.size() + r->string.size()}};
      }
      if (l->kind == type::other && r->kind == type::other) return constant{type::other, false, 0, {}};
      return constant{};
    case node_kind::subtract: return numbers ? number(l->number - r->number) : constant{};
    case node_kind::multiply: return numbers ? number(l->number * r->number) : constant{};
    case node_kind::divide: return numbers ? number(l->number / r->number) : constant{};
    case node_kind::modulo: return numbers ? number(std::fmod(l->number, r->number)) : constant{};
    case node_kind::power: return numbers ? number(std::pow(l->number, r->number)) : constant{};
    default: return std::nullopt;
  }
}

}  // namespace

std::optional<constant> constant_evaluate(const node* n, util::arena& arena) {
  if (n == nullptr) return std::nullopt;
  switch (n->kind) {
    case node_kind::null_literal: return constant{};
    case node_kind::boolean_literal: return constant{type::boolean, n->has(flag::true_value), 0, {}};
    case node_kind::number_literal: return number(n->number);
    case node_kind::string_literal: return constant{type::string, false, 0, n->text};
    case node_kind::parameter: return constant{type::parameter, false, 0, {}};
    case node_kind::array_literal:
    case node_kind::object_literal:
      // Literal collections are constant when their parts are; their exact value never
      // matters for disambiguation, only that they are neither string nor number.
      for (const node* item : n->children()) {
        const node* value = part_value(item);
        if (item->kind == node_kind::object_splat && value == nullptr) return std::nullopt;
        if (!constant_evaluate(value, arena)) return std::nullopt;
      }
      return constant{type::other, false, 0, {}};
    case node_kind::unary_plus:
    case node_kind::negate: {
      auto v = constant_evaluate(n->lhs, arena);
      if (!v) return std::nullopt;
      if (v->kind == type::parameter) return v;
      if (v->kind != type::number) return constant{};
      return number(n->kind == node_kind::negate ? -v->number : v->number);
    }
    case node_kind::add:
    case node_kind::subtract:
    case node_kind::multiply:
    case node_kind::divide:
    case node_kind::modulo:
    case node_kind::power: return arithmetic(n, arena);
    default: return std::nullopt;
  }
}

}  // namespace rolec::groq
