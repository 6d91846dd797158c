#pragma once
/// Stage `apply`: a plan's changes carried out, phase by phase, so that every state in between is
/// valid: permissions created or updated, then roles created or updated, then roles deleted, then
/// permissions deleted. Within a phase, changes run side by side, up to a bound.

#include <functional>
#include <string>
#include <vector>

#include "access/client.hpp"
#include "plan/plan.hpp"

namespace rolec::apply {

/// How one change went.
struct change_result {
  const plan::change* change = nullptr;
  bool ok = false;
  std::string error;
  int attempts = 0;
};

/// What was done: the changes of each phase in plan order, up to where it stopped.
struct report {
  std::vector<change_result> results;
  std::size_t not_started = 0;  ///< changes left undone after a failure
  [[nodiscard]] bool ok() const;
};

/// Runs the changes of `p` against `api`, up to `parallelism` at once, calling `done` (from the
/// worker threads, one call at a time) for each change in plan order, once it and those before
/// it in its phase are finished. After a failure no new change starts; those already running
/// finish and are reported.
[[nodiscard]] report run(const plan::plan& p, access::client& api, unsigned parallelism,
                         const std::function<void(const change_result&)>& done);

/// The phase of a change: 0 to 3, in the order above.
[[nodiscard]] int phase_of(const plan::change& c);

}  // namespace rolec::apply
