#pragma once
/// The permission resource types, predefined permissions and built-in roles of Sanity's access
/// system, read from the data in schemas/*.json (carried in the binary).

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace rolec::schemas {

/// A parameter a grant of some type may carry.
struct param_spec {
  std::string name;
  std::string type;                  ///< `string`, `boolean`, `integer` or `number`
  std::vector<std::string> values;   ///< allowed values; empty: any
  bool required = false;
};

/// A permission resource type such as `sanity.document.filter`.
struct permission_type {
  std::string type;
  std::string scope;  ///< `project` or `organization`
  std::vector<std::string> actions;
  bool takes_filter = false;  ///< `config.filter` is a GROQ filter
  std::vector<param_spec> params;

  [[nodiscard]] bool has_action(std::string_view action) const;
  [[nodiscard]] const param_spec* param(std::string_view name) const;
  /// True for `sanity.document.filter.mode`-like types, whose only action is `mode`.
  [[nodiscard]] bool is_mode() const { return actions.size() == 1 && actions[0] == "mode"; }
};

/// A permission every project has (`sanity-project`, `sanity-all-documents`, ...).
struct predefined_permission {
  std::string name;
  std::string type;  ///< empty when no source names its type; `own_type` then lists its actions
  std::string title;
  std::optional<std::string> filter;
  std::optional<permission_type> own_type;
};

/// A value of a grant parameter.
struct param_value {
  std::string name;
  std::string text;  ///< strings; booleans as `true`/`false`
  bool is_boolean = false;
};

/// One permission of a built-in role, in Access API form.
struct role_permission {
  std::string name;
  std::string action;
  std::vector<param_value> params;
};

/// A role every project has (`administrator`, `editor`, ...).
struct builtin_role {
  std::string name;
  std::string title;
  std::string description;
  std::string scope;
  bool applies_to_users = true;
  bool applies_to_robots = true;
  std::vector<role_permission> permissions;
};

/// Everything above, with lookups by name.
class catalog {
 public:
  /// Reads the three JSON documents; throws std::runtime_error if they do not fit the format.
  catalog(std::string_view types_json, std::string_view permissions_json, std::string_view roles_json);

  [[nodiscard]] const permission_type* type(std::string_view name) const;
  /// The type of a predefined permission (its own action list when its type is unknown).
  [[nodiscard]] const permission_type* type_of(const predefined_permission& p) const;
  [[nodiscard]] const predefined_permission* permission(std::string_view name) const;
  /// A built-in role, the project one when a name exists at both scopes.
  [[nodiscard]] const builtin_role* role(std::string_view name) const;

  [[nodiscard]] std::span<const permission_type> types() const { return types_; }
  [[nodiscard]] std::span<const predefined_permission> permissions() const { return permissions_; }
  [[nodiscard]] std::span<const builtin_role> roles() const { return roles_; }

 private:
  std::vector<permission_type> types_;
  std::vector<predefined_permission> permissions_;
  std::vector<builtin_role> roles_;
};

/// The catalogue carried in the binary (schemas/*.json at build time), read on first use.
[[nodiscard]] const catalog& builtin();

}  // namespace rolec::schemas
