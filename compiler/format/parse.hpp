#pragma once
/// TOML text to its concrete syntax tree (format/cst.hpp), or the syntax error that stops it.

#include <optional>
#include <string_view>

#include "diag/diagnostic.hpp"
#include "format/cst.hpp"

namespace rolec::format {

/// Arrays and inline tables nest at most this deep, as in toml++ (TOML_MAX_NESTED_VALUES).
inline constexpr int max_nesting = 256;

/// A parsed text: its tree, whose leaves view the text (which must outlive it), or an error.
struct parse_result {
  node root;
  std::optional<diag::diagnostic> error;  ///< RC301 at the byte where the syntax went wrong
};

/// Parses `text` as a TOML document. Only the structure is checked: what strings and numbers
/// mean is toml++'s to say (format/format.hpp).
[[nodiscard]] parse_result parse(std::string_view text);

}  // namespace rolec::format
