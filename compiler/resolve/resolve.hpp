#pragma once
/// Stage `resolve`: a loaded policy turned into the typed model it stands for, once per command.
/// `extends` is expanded with provenance (the role and the place each inherited grant came
/// from), every filter is parsed once, and permission names are bound to their definitions and
/// schema types. lint, build, decide, plan and audit read this value; none of them goes back to
/// the policy's TOML form to work out what a role grants.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/resources.hpp"
#include "policy/model.hpp"
#include "resolve/filters.hpp"
#include "schemas/catalog.hpp"

namespace rolec::resolve {

/// A permission of the policy or of Sanity's catalogue, bound to its type and parsed filter.
struct permission {
  const policy::permission* written = nullptr;                  ///< its definition; null for predefined ones
  const schemas::predefined_permission* catalogued = nullptr;  ///< a predefined one's entry
  const schemas::permission_type* type = nullptr;               ///< null when its type is unknown
  model::scope scope = model::scope::project;
  const resolve::filter* filter = nullptr;                      ///< null when it has none

  [[nodiscard]] bool predefined() const { return written == nullptr; }
  /// Its name (a view of the policy's or the catalogue's).
  [[nodiscard]] std::string_view name() const;
  /// The name of its type as the Access API is sent it: as written, `sanity.document.filter` when
  /// a policy's permission leaves it out.
  [[nodiscard]] std::string_view type_name() const;
  /// The permission as the Access API is sent it (its filter trimmed), made when asked for.
  [[nodiscard]] model::permission api_value() const;
  /// True for a permission on documents: a type that takes a filter, and a filter.
  [[nodiscard]] bool on_documents() const { return filter != nullptr && type != nullptr && type->takes_filter; }
};

/// Where a grant of a role came from.
struct provenance {
  std::string_view role;                     ///< the role whose definition holds the grant (a view of its name)
  const policy::grant* written = nullptr;    ///< the grant as written; null for built-in roles' grants
  policy::location at;                       ///< its action (or `mode`), or the whole grant; none for built-ins
  /// The `extends` entry of the resolved role it came through (null for the role's own grants);
  /// `role` and `at` say where, further down the chain, it was written.
  const policy::text* through = nullptr;

  /// True when the grant came through `extends`.
  [[nodiscard]] bool inherited() const { return through != nullptr; }
  /// Where messages about the grant point: the grant itself, or the `extends` entry of the
  /// resolved role that brought it in.
  [[nodiscard]] const policy::location& shown_at() const { return through == nullptr ? at : through->at; }
  /// The role of that `extends` entry (empty for the role's own grants).
  [[nodiscard]] std::string_view via() const { return through == nullptr ? std::string_view() : through->value; }
};

/// One grant a role gives: the Access API grant, what it names, and where it came from.
struct grant {
  model::grant value;
  const resolve::permission* target = nullptr;  ///< null when the name is unknown
  provenance from;
};

/// A custom or built-in role with everything it grants.
struct role {
  /// The role but its grants: name, title, description, audiences (`value.grants` is empty; the
  /// grants are `effective`, and those it sends `sent`).
  model::role value;
  const policy::role* written = nullptr;      ///< null for built-in roles
  model::scope scope = model::scope::project;
  /// Every grant it gives, own ones first, then each `extends` entry's in order, repeats kept.
  std::vector<grant> effective;
  /// The grants the role sends, as indexes into `effective`: for a custom role, `extends`
  /// expanded, sorted and each once (its own grant rather than an inherited one when both give
  /// it); for a built-in role, as the catalogue lists them.
  std::vector<std::size_t> sent;

  /// The role as the Access API is sent it: `value` with the grants of `sent`.
  [[nodiscard]] model::role api_value() const;

  [[nodiscard]] bool builtin() const { return written == nullptr; }
  [[nodiscard]] const std::string& name() const { return value.name; }
};

/// A member as the policy gives them: the user and the names of the roles they hold, in the
/// order written (a role named twice, once).
struct member {
  model::member value;
  const policy::member* written = nullptr;
};

/// A robot as the policy defines it (`value.id` is empty: the API assigns it on creation).
struct robot {
  std::string name;    ///< the `[robots.NAME]` key
  model::robot value;  ///< label (the name when none is written) and role names
  const policy::robot* written = nullptr;
};

/// The resolved policy. It points into the policy it was made from (into its vectors' elements,
/// which stay put when the policy is moved), which must outlive it.
struct resolved_policy {
  filter_set filters;
  /// Custom permissions in file order, then Sanity's predefined ones in catalogue order.
  std::vector<permission> permissions;
  /// Custom roles in file order, then the built-in project roles no custom role shadows.
  std::vector<role> roles;
  /// Definitions whose name an earlier file took (RC316): resolved on their own for lint, never
  /// looked up by name nor built.
  std::vector<permission> shadowed_permissions;
  std::vector<role> shadowed_roles;
  /// The `where` filter of each `[[properties]]` entry, in the policy's order (null: none).
  std::vector<const resolve::filter*> property_filters;
  /// `[members]`: present says whether the policy manages memberships at all.
  bool members_managed = false;
  bool members_exclusive = false;
  std::vector<member> members;  ///< in the policy's order
  std::vector<robot> robots;    ///< in the policy's order

  /// The permission `name` refers to (custom first), or null.
  [[nodiscard]] const permission* find_permission(std::string_view name) const;
  /// The role `name` refers to (custom first), or null.
  [[nodiscard]] const role* find_role(std::string_view name) const;
  /// The custom permissions (the first ones of `permissions`).
  [[nodiscard]] std::span<const permission> custom_permissions() const;
  /// The custom roles (the first ones of `roles`).
  [[nodiscard]] std::span<const role> custom_roles() const;

  std::size_t custom_permission_count = 0;
  std::size_t custom_role_count = 0;
  std::unordered_map<std::string_view, std::size_t> permission_index;  ///< views of names in `permissions`
  std::unordered_map<std::string_view, std::size_t> role_index;
};

/// Resolves `p` against `catalog`. Never fails: what cannot be
/// resolved (an unknown permission, an unknown role in `extends`, a cycle) is left out or
/// unbound, for lint to report.
[[nodiscard]] resolved_policy resolve(const policy::policy& p, const schemas::catalog& catalog);

/// Resolves `p` with its filters interned in `shared` (which must outlive the result) rather than
/// in its own set: a filter another policy of the command parsed is not parsed again.
[[nodiscard]] resolved_policy resolve(const policy::policy& p, const schemas::catalog& catalog, filter_set& shared);

}  // namespace rolec::resolve
