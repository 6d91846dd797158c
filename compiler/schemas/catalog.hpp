#pragma once
/// The permission resource types, predefined permissions and built-in roles of Sanity's access
/// system, read from the data in schemas/*.json (carried in the binary).

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/resources.hpp"

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
  model::scope scope = model::scope::project;
  std::vector<std::string> actions;
  bool takes_filter = false;  ///< `config.filter` is a GROQ filter
  std::vector<param_spec> params;

  [[nodiscard]] bool has_action(std::string_view action) const;
  [[nodiscard]] const param_spec* param(std::string_view name) const;
  /// True for `sanity.document.filter.mode`-like types, whose only action is `mode`.
  [[nodiscard]] bool is_mode() const { return actions.size() == 1 && actions[0] == "mode"; }
};

/// A permission every project (or organization) has (`sanity-project`, `sanity-all-documents`,
/// ...). `type` is empty when no source names its type; `own_type` then lists its actions.
struct predefined_permission : model::permission {
  std::optional<permission_type> own_type;
};

/// A role every project (or organization) has (`administrator`, `editor`, ...).
struct builtin_role : model::role {
  model::scope scope = model::scope::project;
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
  /// The scope of a predefined permission (project when its type is unknown).
  [[nodiscard]] model::scope scope_of(const predefined_permission& p) const;
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
