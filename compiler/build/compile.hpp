#pragma once
/// Stage `build`, first half: a resolved policy placed in one environment. The target
/// environment picks the project and API version; the custom permissions and roles are those
/// resolve made, each role with its grants expanded (`extends` copied in), sorted and each once.

#include <algorithm>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "policy/model.hpp"
#include "resolve/resolve.hpp"

namespace rolec::build {

/// The policy resolved for one environment.
struct compiled {
  std::optional<std::string> project_id;
  std::string api_version;
  std::vector<std::string> public_datasets;  ///< datasets anyone may read (a project setting, not sent with roles)

  /// True when anyone may read `dataset` (its documents under the root path).
  [[nodiscard]] bool is_public(std::string_view dataset) const {
    return std::find(public_datasets.begin(), public_datasets.end(), dataset) != public_datasets.end();
  }
  std::vector<const resolve::permission*> permissions;  ///< the custom ones, sorted by name
  std::vector<const resolve::role*> roles;              ///< the custom ones, sorted by name
  bool members_managed = false;                         ///< the policy has `[members]`
  std::vector<const resolve::member*> members;          ///< sorted by user id
  std::vector<const resolve::robot*> robots;            ///< sorted by name
};

/// The grants a role sends, in order (resolve::role::sent), each with where it came from.
[[nodiscard]] std::vector<const resolve::grant*> sent_grants(const resolve::role& r);

/// The Access API version used when the policy names none.
inline constexpr const char* default_api_version = "v2025-07-11";

/// Places a policy that has passed `lint` without errors, `resolved` from `p`. `env` names a
/// `[targets.NAME]`; an unknown one sets `error` (with the names there are) and returns nothing.
[[nodiscard]] std::optional<compiled> compile(const policy::policy& p, const resolve::resolved_policy& resolved,
                                              const std::optional<std::string>& env, std::string& error);

}  // namespace rolec::build
