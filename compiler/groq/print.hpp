#pragma once
/// The canonical printer: one text per meaning, so that `_type=='post'` and `_type == "post"`
/// print the same and `print(parse(print(t))) == print(t)`.

#include <span>
#include <string>

#include "groq/ast.hpp"

namespace rolec::groq {

/// Canonical text of an expression: double-quoted strings, shortest round-trip numbers,
/// single spaces around binary operators, only the parentheses precedence needs, no comments,
/// no `global::` prefix.
[[nodiscard]] std::string print(const node* n);

/// Canonical text of a whole query: custom function declarations, then the expression.
[[nodiscard]] std::string print(std::span<const function_decl> functions, const node* root);

/// A GROQ string literal for `value` (double quotes, minimal escapes).
[[nodiscard]] std::string quote(std::string_view value);

/// The shortest text that reads back as `value` (`1`, `0.1`, `1e+21`).
[[nodiscard]] std::string format_number(double value);

/// An indented S-expression of the tree, with byte spans: `(equal 0..15 ...)`.
[[nodiscard]] std::string dump(const node* n);

}  // namespace rolec::groq
