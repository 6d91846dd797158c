#pragma once
/// Stage `import`: live state to policy TOML, so that an existing project can be adopted. Only
/// custom roles and custom permissions become TOML; built-in ones stay out and grants name them.

#include <cstddef>
#include <string>
#include <vector>

#include "adopt/live.hpp"
#include "schemas/catalog.hpp"

namespace rolec::adopt {

/// What an import read: live state, `system.group` documents or a legacy `GET /roles` listing.
enum class import_source : unsigned char { live, groups, legacy_roles, blueprint };

/// The policy TOML made from a live state, as text that `rolec lint` and `rolec build` read.
struct imported_policy {
  import_source source = import_source::live;
  std::string header;       ///< the comment each file begins with: where the policy came from
  std::string permissions;  ///< the `[permissions.NAME]` tables, sorted by name
  std::string roles;        ///< the `[roles.NAME]` tables, sorted by name
  std::string project;      ///< a `[project]` table, when the input names its project (a blueprint)
  std::string robots;       ///< the `[robots.NAME]` tables, sorted by name (a blueprint)
  std::string members;      ///< the `[members]` table (groups only), users sorted by id
  std::size_t permission_count = 0;
  std::size_t role_count = 0;
  std::size_t robot_count = 0;
  std::size_t member_count = 0;
  std::size_t predefined_left_out = 0;  ///< predefined permissions in the live state
  std::size_t builtin_left_out = 0;     ///< built-in roles (or, for groups, built-in groups) in the input
  std::size_t other_documents = 0;      ///< documents of other types in a dataset export
  std::vector<std::string> warnings;    ///< what TOML cannot hold, and guesses the user should check

  /// One TOML document: the header, the project, the permissions, the roles, the robots, then the members.
  [[nodiscard]] std::string document() const;
  /// The content of `permissions.toml` (header and permissions).
  [[nodiscard]] std::string permissions_file() const;
  /// The content of `roles.toml` (header, project, roles and robots).
  [[nodiscard]] std::string roles_file() const;
  /// The content of `members.toml` (header and `[members]`); empty when there are none.
  [[nodiscard]] std::string members_file() const;
};

/// True when `role` is custom: `isCustom` says so, or, when the listing leaves it out, its name
/// is not a built-in role of `catalog`.
[[nodiscard]] bool is_custom(const model::role& role, const schemas::catalog& catalog);

/// True when `permission` is custom: its name is not a predefined permission of `catalog`.
[[nodiscard]] bool is_custom(const model::permission& permission, const schemas::catalog& catalog);

/// The custom roles and permissions of `live` as policy TOML (deterministic: sorted by name,
/// grants grouped and sorted).
[[nodiscard]] imported_policy import_policy(const live_state& live, const schemas::catalog& catalog);

}  // namespace rolec::adopt
