#pragma once
/// Limits that keep hostile input from exhausting the stack of the parser and of every stage
/// that walks the tree recursively.

#include <cstdint>

namespace rolec::groq {

inline constexpr int max_nesting = 256;                ///< nested expressions (brackets, parentheses)
inline constexpr std::uint16_t max_tree_depth = 1000;  ///< height of the AST

}  // namespace rolec::groq
