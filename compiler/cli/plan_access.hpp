#pragma once
/// The access analysis of `rolec plan`: the live project, read as a policy the way `rolec import`
/// reads it, compared with the policy by the analysis `rolec diff` runs.

#include <optional>
#include <string>

#include "adopt/live.hpp"
#include "cli/build.hpp"
#include "plan/plan.hpp"

namespace rolec::cli {

/// What the plan from `live` to `policy` does to document access, per custom role; nothing, with
/// `error` set, when the live state cannot be read as a policy. The live filters are interned in
/// the policy's filter set, where the plan finds them.
[[nodiscard]] std::optional<plan::access_analysis> analyse_access(const adopt::live_state& live, built_policy& policy,
                                                                  std::string& error);

}  // namespace rolec::cli
