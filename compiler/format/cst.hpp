#pragma once
/// The concrete syntax tree of a TOML file: every byte of the file in a leaf, comments and white
/// space included, so that printing the leaves in order gives the file back.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rolec::format {

/// What a node is. Composite kinds hold children; leaf kinds hold bytes of the file.
enum class kind : std::uint8_t {
  // composites
  document,      ///< lines: leaves and the keyvals and table headers between them
  keyval,        ///< `key = value`, at the top level or in an inline table
  key,           ///< a dotted key: its parts, dots and the spaces around them
  std_table,     ///< `[key]`
  array_table,   ///< `[[key]]`
  array,         ///< `[ ... ]`: values, commas, comments, newlines
  inline_table,  ///< `{ ... }`: keyvals and commas
  // leaves
  whitespace,         ///< spaces and tabs
  newline,            ///< `\n` or `\r\n`
  comment,            ///< `#` to the end of the line, the line break excluded
  byte_order_mark,    ///< a UTF-8 BOM at the start of the file
  punctuation,        ///< `[ ] [[ ]] { } = . ,`
  bare_key,           ///< a key part without quotes
  basic_string,       ///< `"..."`, as a value or a key part
  literal_string,     ///< `'...'`, as a value or a key part
  ml_basic_string,    ///< `"""..."""`
  ml_literal_string,  ///< `'''...'''`
  integer,
  float_number,
  boolean,
  date_time,  ///< offset or local date-time, local date, local time
};

/// One node: a leaf's bytes (a view into the parsed text), or a composite's children.
struct node {
  format::kind kind = kind::document;
  std::string_view text;        ///< leaves only
  std::vector<node> children;   ///< composites only
  bool holds_comment = false;   ///< a comment is among the descendants (set by format::parse)
};

/// True for the kinds that are values without structure: strings, numbers, booleans, dates.
[[nodiscard]] bool is_scalar(kind k);

/// True for the kinds that are values: scalars, arrays and inline tables.
[[nodiscard]] bool is_value(kind k);

/// The tree's leaves in order, concatenated: for a parsed text, that text byte for byte.
[[nodiscard]] std::string print(const node& n);

}  // namespace rolec::format
