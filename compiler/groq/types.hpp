#pragma once
/// The static type of a GROQ expression, where the syntax alone makes it certain: what lets the
/// checks say that a condition can never be `true`.

#include <string_view>

#include "groq/ast.hpp"
#include "groq/functions.hpp"

namespace rolec::groq {

/// The type of the value of `n` as far as its syntax tells: a value of that type or null (arithmetic
/// and functions give null for operands they do not take), or `any` when it depends on the data.
[[nodiscard]] result_type static_type(const node* n);

/// The type as a phrase for messages: "a number", "an array", "null".
[[nodiscard]] std::string_view type_phrase(result_type t);

}  // namespace rolec::groq
