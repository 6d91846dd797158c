#pragma once
/// The emulator's state: projects with their custom permissions, custom roles and users. Built-in
/// roles and predefined permissions are not stored; every project shares them, from the catalogue.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/resources.hpp"
#include "schemas/catalog.hpp"

namespace rolec::emulator {

/// The organisation a project belongs to unless the state file names one.
inline constexpr const char* default_organization_id = "o-emulator";

/// A permission: predefined (`is_custom` false) or created through the API.
struct permission : model::permission {
  const schemas::permission_type* kind = nullptr;  ///< its actions and params; never null once stored
  bool is_custom = true;
};

/// A role: built-in (`is_custom` false) or created through the API (true).
struct role : model::role {
  /// True if the role holds `action` on the permission `permission_name` (whatever the params).
  [[nodiscard]] bool allows(std::string_view permission_name, std::string_view action) const;
  /// True if any of its grants is of the permission `permission_name`.
  [[nodiscard]] bool refers_to(std::string_view permission_name) const;
};

/// A member of a project and the roles it holds there, in the order they were given.
struct user : model::member {
  [[nodiscard]] bool holds(std::string_view role_name) const;
};

/// One project: what the Access API under `/access/project/{id}` serves.
struct project {
  std::string id;
  std::string organization_id = default_organization_id;
  std::map<std::string, permission, std::less<>> permissions;  ///< custom ones only
  std::map<std::string, role, std::less<>> roles;              ///< custom ones only
  std::map<std::string, user, std::less<>> users;

  /// A predefined or custom permission, or null.
  [[nodiscard]] const permission* find_permission(std::string_view name) const;
  /// A built-in or custom role, or null.
  [[nodiscard]] const role* find_role(std::string_view name) const;
};

/// Every project the emulator serves, by id.
struct state {
  std::map<std::string, project, std::less<>> projects;
};

/// The predefined permissions of project scope, in catalogue order.
[[nodiscard]] const std::vector<permission>& builtin_permissions();
/// The built-in roles of project scope, in catalogue order.
[[nodiscard]] const std::vector<role>& builtin_roles();
/// A predefined permission or built-in role by name, or null.
[[nodiscard]] const permission* builtin_permission(std::string_view name);
[[nodiscard]] const role* builtin_role(std::string_view name);

}  // namespace rolec::emulator
