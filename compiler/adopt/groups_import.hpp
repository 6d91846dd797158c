#pragma once
/// `system.group` documents (reference §4b, seed S1) read from a dataset export (NDJSON) or a
/// JSON array, and imported as policy TOML: a custom role per group, a custom permission per
/// distinct filter, and the groups' members as `[members]`.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adopt/import.hpp"
#include "schemas/catalog.hpp"

namespace rolec::adopt {

/// One grant of a group: documents by `path` glob or by `filter`, and what it allows.
struct group_grant {
  std::optional<std::string> path;
  std::optional<std::string> filter;
  std::vector<std::string> permissions;  ///< read, create, update, manage, history, editHistory
  friend bool operator==(const group_grant&, const group_grant&) = default;
};

/// A `system.group` document, as far as access goes.
struct group {
  std::string id;  ///< `_.groups.NAME`
  std::vector<group_grant> grants;
  std::vector<std::string> members;  ///< project user ids, and `everyone` for anonymous visitors
  friend bool operator==(const group&, const group&) = default;
};

/// The groups of one or more exports.
struct group_export {
  std::vector<group> groups;          ///< in input order, each id once
  std::size_t other_documents = 0;    ///< documents of other types, which import ignores
};

/// The actions a `system.group` grant may hold, in the order S1 lists them (the legacy `history`
/// and `editHistory` last).
[[nodiscard]] const std::vector<std::string>& group_permissions();

/// True when `text` (NDJSON or JSON) is read as `system.group` documents: its first value is an
/// object with `_type`, or an array whose first object has one.
[[nodiscard]] bool looks_like_groups(std::string_view text);

/// Adds the `system.group` documents of `text` (the file `name`) to `into`: NDJSON, one document
/// a line, or one JSON array (or object). False with `error` set (`name:line:col` for syntax,
/// `name:line` or the place in the array for shape) when it cannot; `into` is then unchanged.
bool parse_groups(std::string_view text, const std::string& name, group_export& into, std::string& error);

/// The groups as policy TOML; nothing, with `error` set, when two groups would become one role.
[[nodiscard]] std::optional<imported_policy> import_groups(const group_export& groups, const schemas::catalog& catalog,
                                                           std::string& error);

}  // namespace rolec::adopt
