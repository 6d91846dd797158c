#pragma once
/// Stage `build`, first half: a checked policy resolved into what every target emits. `extends`
/// is copied in, grants are expanded to one entry per action and de-duplicated, and the target
/// environment picks the project.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "policy/model.hpp"
#include "schemas/catalog.hpp"

namespace rolec::build {

/// One permission of a role as the Access API has it: `{name, action, params}`.
struct entry {
  std::string permission;
  std::string action;              ///< `mode` for mode permissions
  nlohmann::ordered_json params;   ///< an object: `mode` and `history` first, then by name
  policy::location at;             ///< the grant, or the `extends` entry it came through
  std::string via;                 ///< the extended role it came through, if any

  /// The order and identity of entries: permission, action, then parameters.
  [[nodiscard]] std::string key() const;
};

/// A custom permission, ready to emit.
struct permission {
  const policy::permission* source = nullptr;
  std::string type;                      ///< written, or `sanity.document.filter` for a filter
  std::optional<std::string> filter;     ///< trimmed of surrounding white space
};

/// A custom role with everything it grants.
struct role {
  const policy::role* source = nullptr;
  bool applies_to_users = true;
  bool applies_to_robots = true;
  std::vector<entry> entries;  ///< sorted by key, each once
};

/// The policy resolved for one environment.
struct compiled {
  std::optional<std::string> project_id;
  std::string api_version;
  std::vector<permission> permissions;  ///< sorted by name
  std::vector<role> roles;              ///< sorted by name
};

/// The Access API version used when the policy names none.
inline constexpr const char* default_api_version = "v2025-07-11";

/// Resolves a policy that has passed `lint` without errors. `env` names a `[targets.NAME]`;
/// an unknown one sets `error` (with the names there are) and returns nothing.
[[nodiscard]] std::optional<compiled> compile(const policy::policy& p, const schemas::catalog& catalog,
                                              const std::optional<std::string>& env, std::string& error);

}  // namespace rolec::build
