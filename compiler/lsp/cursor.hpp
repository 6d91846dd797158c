#pragma once
/// Where a place in a policy file is, as TOML sees it: in which table, under which keys, in a
/// key, a value, a string or a comment. Read from the text before the place alone, so that it
/// works on a file being typed, which is rarely valid TOML.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rolec::lsp {

/// The TOML context of a place in a text.
struct toml_context {
  std::vector<std::string> table;  ///< the header above: `roles.writer` is {"roles", "writer"}
  bool array_table = false;        ///< `[[tests]]` rather than `[tests]`
  /// The keys whose values hold the place, outermost first: in `grants = [{ permission = "|" }]`
  /// they are {"grants", "permission"}. At a key, the keys of the values around it.
  std::vector<std::string> keys;
  bool at_key = false;     ///< a key is being written here (or could be)
  bool in_string = false;  ///< inside a string value
  bool in_comment = false;
  std::string prefix;                 ///< the key, string or comment text from its start to the place
  std::uint32_t prefix_begin = 0;     ///< the offset where `prefix` starts
  std::uint32_t string_begin = 0;     ///< the offset of the opening quote (in a string)
  /// The string values of the inline table around the place, by key (`permission` beside `actions`).
  std::vector<std::pair<std::string, std::string>> siblings;
};

/// The context at byte `offset` of `text`.
[[nodiscard]] toml_context context_at(std::string_view text, std::uint32_t offset);

}  // namespace rolec::lsp
