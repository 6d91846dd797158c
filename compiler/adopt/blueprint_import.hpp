#pragma once
/// Stage `import`, from a Sanity Blueprint document: its `sanity.access.role` resources become
/// `[roles.NAME]` and its `sanity.access.robot` resources `[robots.NAME]`; what rolec does not
/// keep (other resources, organization memberships, lifecycles) is named in a warning.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adopt/import.hpp"
#include "adopt/live.hpp"
#include "schemas/catalog.hpp"

namespace rolec::adopt {

/// A robot as a blueprint defines it.
struct blueprint_robot {
  std::string name;   ///< the resource name, the `[robots.NAME]` key
  std::string label;  ///< the name when the resource has none
  std::vector<std::string> roles;
};

/// What a blueprint says about access, in the model's types.
struct blueprint_state {
  live_state roles;  ///< the roles, and the project they are scoped to (no permissions: a blueprint defines none)
  std::vector<blueprint_robot> robots;  ///< in document order
  std::vector<std::string> warnings;
};

/// True when `text` is meant as a blueprint: a JSON object with `blueprintVersion`, or with
/// `resources` and no `format_version` (which a `rolec pull` file has).
[[nodiscard]] bool looks_like_blueprint(std::string_view text);

/// The blueprint in `text` (the content of the file `name`); nothing, with `error` set at
/// `name:line:column`, when it is not JSON or not a blueprint rolec can read.
[[nodiscard]] std::optional<blueprint_state> parse_blueprint(std::string_view text, const std::string& name,
                                                             std::string& error);

/// The roles and robots of `b` as policy TOML: a `[project]` table when the blueprint names one,
/// roles sorted by name, then robots sorted by name (in `roles`).
[[nodiscard]] imported_policy import_blueprint(const blueprint_state& b, const schemas::catalog& catalog);

}  // namespace rolec::adopt
