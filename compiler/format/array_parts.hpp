#pragma once
/// What an array holds, as the layout sees it: its values in order, each with the comment that
/// follows it on its line, the comments on lines of their own, and where empty lines stood.

#include <vector>

#include "format/cst.hpp"

namespace rolec::format {

/// A value with its end-of-line comment; a comment on its own line (no value); or, with neither,
/// an empty line between two others.
struct array_entry {
  const node* value = nullptr;
  const node* comment = nullptr;
};

/// An array's entries, and a comment on the line of its `[` before any value.
struct array_parts {
  const node* opening_comment = nullptr;
  std::vector<array_entry> entries;  ///< empty lines collapsed to one, none first or last

  /// True when the array, or anything inside it, holds a comment.
  [[nodiscard]] bool has_comments() const;
};

/// The parts of `array` (a node of kind `array`).
[[nodiscard]] array_parts split_array(const node& array);

/// True when `n` or a node inside it is a comment.
[[nodiscard]] bool contains_comment(const node& n);

}  // namespace rolec::format
