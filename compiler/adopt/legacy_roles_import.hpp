#pragma once
/// The legacy Roles API's `GET /projects/{id}/roles` listing (reference §4a, seed S4) read into
/// the live state's types, so that `import_policy` writes it as it writes live state: each
/// permission resource with a filter becomes a custom permission (or the predefined one with the
/// same type and filter), each resource without one the predefined permission of its type.

#include <string>
#include <string_view>

#include "adopt/live.hpp"
#include "schemas/catalog.hpp"

namespace rolec::adopt {

/// True when `text` is a JSON array whose first object has `grants` as an object keyed by
/// permission resource type (the Access API's roles have `permissions` instead).
[[nodiscard]] bool looks_like_legacy_roles(std::string_view text);

/// Adds the roles of the listing in `text` (the file `name`) to `into`. False with `error` set
/// (`name:line:col` for syntax, the place in the listing for shape) when it cannot; `into` is
/// then unchanged. Custom roles' grants must name types `catalog` knows.
bool parse_legacy_roles(std::string_view text, const std::string& name, const schemas::catalog& catalog, live_state& into,
                        std::string& error);

}  // namespace rolec::adopt
