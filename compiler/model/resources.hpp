#pragma once
/// The typed model of the Access API's resources: permissions, roles and their grants, members
/// and robots, at project or organization scope. Every stage that speaks of access uses these
/// types; JSON appears only at the edges (model/api_json.hpp), and a policy as written keeps its
/// own types with spans (policy/model.hpp) until `resolve` turns it into these.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolec::model {

/// Where a resource lives: the Access API's `resourceType`.
enum class scope : std::uint8_t { project, organization };

/// `project` or `organization`.
[[nodiscard]] std::string_view name_of(scope s);
/// The scope named `name`, if there is one.
[[nodiscard]] std::optional<scope> scope_named(std::string_view name);

/// The level of a mode grant (`sanity.document.filter.mode`), narrowest first.
enum class mode : std::uint8_t { read, create, publish };

/// `read`, `create` or `publish`.
[[nodiscard]] std::string_view name_of(mode m);
/// The mode named `name`, if there is one.
[[nodiscard]] std::optional<mode> mode_named(std::string_view name);

/// A grant parameter's value, typed as JSON types it. Arrays and objects, which no parameter of a
/// known type takes, are kept as their JSON text so that nothing read is lost.
struct param_value {
  enum class kind : std::uint8_t { null, boolean, integer, number, string, other };
  kind type = kind::null;
  bool boolean = false;
  std::int64_t integer = 0;
  double number = 0;
  std::string text;  ///< a string; for `other`, the value's JSON text

  [[nodiscard]] static param_value of(std::string s);
  [[nodiscard]] static param_value of(bool b);
  friend bool operator==(const param_value&, const param_value&) = default;
};

/// A grant parameter other than the typed ones (`mode`, `history`, `dataset`).
struct param {
  std::string name;
  param_value value;
  friend bool operator==(const param&, const param&) = default;
};

/// What a grant allows: an action of its permission's type, or, for a mode permission, a mode.
struct action {
  std::string name;                 ///< `read`, `deployStudio`, ...; `mode` for a mode grant
  std::optional<std::string> mode;  ///< `params.mode` when it is a string (known or not)

  /// A plain action.
  [[nodiscard]] static action named(std::string name);
  /// A mode grant's action: `mode`, with `params.mode`.
  [[nodiscard]] static action of_mode(std::string mode);

  [[nodiscard]] bool is_mode() const { return name == "mode"; }
  /// The mode, when the grant names one rolec knows.
  [[nodiscard]] std::optional<model::mode> level() const;
  friend bool operator==(const action&, const action&) = default;
};

/// One grant of a role, as the Access API has it (`{name, action, params}`), with its parameters
/// typed: `mode` (in `action`), `history`, `dataset`, and the others as they were given.
struct grant {
  std::string permission;              ///< the permission's name
  model::action action;
  std::optional<bool> history;         ///< `params.history`, when a boolean
  std::optional<std::string> dataset;  ///< `params.dataset`, when a string
  std::vector<param> others;           ///< every other parameter (and those above when mistyped), by name

  /// True when the grant has no parameter at all.
  [[nodiscard]] bool has_params() const { return action.mode || history || dataset || !others.empty(); }
  /// The names of its parameters: `mode`, `history`, then the rest by name.
  [[nodiscard]] std::vector<std::string> param_names() const;
  /// The value of parameter `name`, if the grant has one.
  [[nodiscard]] std::optional<param_value> find_param(std::string_view name) const;
  /// Sets a parameter by name, typing `mode`, `history` and `dataset` when their values fit.
  void set_param(std::string name, param_value value);
  friend bool operator==(const grant&, const grant&) = default;
};

/// A permission resource: predefined by Sanity, or custom with a GROQ filter.
struct permission {
  std::string name;
  std::optional<std::string> title;  ///< absent only in live listings that leave it out
  std::string description;
  std::string type;                  ///< `sanity.document.filter`, `sanity.project`, ...
  std::optional<std::string> filter; ///< `config.filter`
  std::vector<std::string> other_config;  ///< other `config` keys a listing had (none are modelled)
  friend bool operator==(const permission&, const permission&) = default;
};

/// A role: a name and the grants it gives, and who may hold it.
struct role {
  std::string name;
  std::optional<std::string> title;
  std::string description;
  bool applies_to_users = true;
  bool applies_to_robots = true;
  std::optional<bool> is_custom;  ///< as a listing says; absent: unknown
  std::vector<grant> grants;      ///< the API's `permissions`
  friend bool operator==(const role&, const role&) = default;
};

/// A person who is a member of a project, and the roles they hold there.
struct member {
  std::string id;                  ///< `sanityUserId`
  std::vector<std::string> roles;  ///< role names, in the order they were given
  std::string display_name;
  std::string email;
  friend bool operator==(const member&, const member&) = default;
};

/// A robot token and the roles it holds.
struct robot {
  std::string id;
  std::string label;
  std::vector<std::string> roles;
  friend bool operator==(const robot&, const robot&) = default;
};

/// True when `name` may name a custom role or permission: `^[a-z0-9_-]+$`.
[[nodiscard]] bool valid_name(std::string_view name);

/// A name that is valid for `name`: lowercase, each run of other characters one `-`, none at
/// the end; empty when `name` has no letter or digit to keep.
[[nodiscard]] std::string name_like(std::string_view name);

/// The text that orders grants and tells them apart: permission, action, then the parameters as
/// the API's JSON writes them (`mode` and `history` first). Equal keys mean equal grants.
[[nodiscard]] std::string order_key(const grant& g);

/// The order of `order_key(a)` and `order_key(b)` (negative, 0, positive), without writing the
/// keys unless the names and actions of the two are the same.
[[nodiscard]] int compare_grants(const grant& a, const grant& b);

/// `g` sorted by order_key, each grant once.
void sort_unique(std::vector<grant>& grants);

}  // namespace rolec::model
