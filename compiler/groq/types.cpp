#include "groq/types.hpp"

namespace rolec::groq {

std::string_view type_phrase(result_type t) {
  switch (t) {
    case result_type::number: return "a number";
    case result_type::string: return "a string";
    case result_type::array: return "an array";
    case result_type::object: return "an object";
    case result_type::datetime: return "a datetime";
    case result_type::path: return "a path";
    case result_type::null: return "null";
    default: return "a value";
  }
}

result_type static_type(const node* n) {
  if (is_comparison(n->kind)) return result_type::boolean;
  switch (n->kind) {
    case node_kind::null_literal: return result_type::null;
    case node_kind::boolean_literal:
    case node_kind::and_:
    case node_kind::or_:
    case node_kind::not_: return result_type::boolean;
    case node_kind::number_literal:
    case node_kind::negate:
    case node_kind::unary_plus:
    case node_kind::subtract:
    case node_kind::multiply:
    case node_kind::divide:
    case node_kind::modulo:
    case node_kind::power: return result_type::number;
    case node_kind::string_literal: return result_type::string;
    case node_kind::array_literal: return result_type::array;
    case node_kind::object_literal: return result_type::object;
    case node_kind::add: {
      const result_type l = static_type(n->lhs);
      return l == static_type(n->rhs) && l != result_type::any ? l : result_type::any;
    }
    case node_kind::func_call: {
      const function_info* f = n->function;
      return f != nullptr ? f->result : result_type::any;
    }
    default: return result_type::any;
  }
}

}  // namespace rolec::groq
