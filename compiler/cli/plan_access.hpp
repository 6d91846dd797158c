#pragma once
/// The access analysis of `rolec plan`: the live project, read as a policy the way `rolec import`
/// reads it, compared with the policy by the analysis `rolec diff` runs.

#include <optional>
#include <set>
#include <string>

#include "adopt/live.hpp"
#include "cli/build.hpp"
#include "plan/plan.hpp"

namespace rolec::cli {

/// What the plan from `live` to `policy` does to document access, per custom role; nothing, with
/// `error` set, when the live state cannot be read as a policy. The live filters are interned in
/// the policy's filter set, where the plan finds them.
/// `kept`: the live custom roles the policy does not define and the plan does not delete; their
/// grants stay, so what reaches them is the policy's permissions.
[[nodiscard]] std::optional<plan::access_analysis> analyse_access(const adopt::live_state& live, built_policy& policy,
                                                                  const std::set<std::string>& kept, std::string& error);

}  // namespace rolec::cli
