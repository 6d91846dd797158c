#pragma once
/// The spec's ConstantEvaluate: the value of an expression made of literals and arithmetic.
/// Used to disambiguate `x[...]` and to validate element indexes and slice bounds.

#include "util/arena.hpp"
#include <optional>
#include <string_view>

#include "groq/ast.hpp"

namespace rolec::groq {

/// A constant value; only the types that matter for disambiguation are distinguished.
/// `parameter`: arithmetic on parameters, whose value is known only when the query runs. Engines
/// substitute parameters before they parse (groq-js takes them in `parse`), so `x[$i - 1]` is an
/// element access there, not a filter.
struct constant {
  enum class type : unsigned char { null, boolean, number, string, other, parameter };
  type kind = type::null;
  bool boolean = false;
  double number = 0;
  std::string_view string;  ///< points into the AST or into `arena`
};

/// The constant value of `n`, or nothing if `n` is not a constant expression (spec
/// ConstantEvaluate). Concatenated strings are allocated in `arena`.
[[nodiscard]] std::optional<constant> constant_evaluate(const node* n, util::arena& arena);

}  // namespace rolec::groq
