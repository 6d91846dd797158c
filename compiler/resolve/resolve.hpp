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
  model::permission value;                          ///< what the Access API is sent (filter trimmed)
  const policy::permission* written = nullptr;      ///< its definition; null for predefined ones
  const schemas::permission_type* type = nullptr;   ///< null when its type is unknown
  model::scope scope = model::scope::project;
  const resolve::filter* filter = nullptr;          ///< null when it has none

  [[nodiscard]] bool predefined() const { return written == nullptr; }
  /// True for a permission on documents: a type that takes a filter, and a filter.
  [[nodiscard]] bool on_documents() const { return filter != nullptr && type != nullptr && type->takes_filter; }
};

/// Where a grant of a role came from.
struct provenance {
  std::string role;                          ///< the role whose definition holds the grant
  const policy::grant* written = nullptr;    ///< the grant as written; null for built-in roles' grants
  policy::location at;                       ///< its action (or `mode`), or the whole grant; none for built-ins
  std::vector<const policy::text*> through;  ///< the `extends` entries followed to reach it, outermost first

  /// True when the grant came through `extends`.
  [[nodiscard]] bool inherited() const { return !through.empty(); }
  /// Where messages about the grant point: the grant itself, or the `extends` entry of the
  /// resolved role that brought it in.
  [[nodiscard]] const policy::location& shown_at() const { return through.empty() ? at : through.front()->at; }
  /// The role of that `extends` entry (empty for the role's own grants).
  [[nodiscard]] std::string_view via() const { return through.empty() ? std::string_view() : through.front()->value; }
};

/// One grant a role gives: the Access API grant, what it names, and where it came from.
struct grant {
  model::grant value;
  const resolve::permission* target = nullptr;  ///< null when the name is unknown
  provenance from;
};

/// A custom or built-in role with everything it grants.
struct role {
  /// For a custom role, its grants are `extends` expanded, sorted and each once (what build
  /// sends); a built-in role's are as the catalogue lists them.
  model::role value;
  const policy::role* written = nullptr;      ///< null for built-in roles
  model::scope scope = model::scope::project;
  /// Every grant it gives, own ones first, then each `extends` entry's in order, repeats kept.
  std::vector<grant> effective;
  /// For each grant of value.grants, the index of the grant in `effective` it stands for (its own
  /// grant rather than an inherited one when both give it).
  std::vector<std::size_t> sent;

  [[nodiscard]] bool builtin() const { return written == nullptr; }
  [[nodiscard]] const std::string& name() const { return value.name; }
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

}  // namespace rolec::resolve
