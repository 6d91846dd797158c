#pragma once
/// Checks on a plan that both the live-state and the plan-file targets run.

#include "plan/plan.hpp"

namespace rolec::fuzz {

/// Renders `p` (with and without colour), writes it as `rolec plan -o` does and reads it back as
/// `rolec apply` does: the plan read must be the plan written.
void check_plan_round_trip(const plan::plan& p);

/// Applies `p` to a fake Access API that accepts everything, as `rolec apply` would after finding
/// the live state unchanged: every request must stay within the plan's project and collections.
void check_apply(const plan::plan& p);

}  // namespace rolec::fuzz
