#include "cli/plan_access.hpp"

#include <fmt/format.h>

#include <set>

#include "adopt/import.hpp"
#include "analyze/compare.hpp"
#include "analyze/render.hpp"
#include "policy/load.hpp"
#include "resolve/resolve.hpp"
#include "schemas/catalog.hpp"

namespace rolec::cli {

std::optional<plan::access_analysis> analyse_access(const adopt::live_state& live, built_policy& policy,
                                                    std::string& error) {
  // The live project as a policy: what `rolec import` would write, read back.
  const adopt::imported_policy imported = adopt::import_policy(live, schemas::builtin());
  diag::source_manager sources;
  policy::load_result loaded = policy::load_texts({{"live project", imported.document()}}, sources);
  if (!loaded.errors.empty()) {
    error = loaded.errors.front();
    return std::nullopt;
  }
  // Its filters go into the policy's set, where the plan looks them up: each is parsed once.
  const resolve::resolved_policy live_policy = resolve::resolve(loaded.merged, schemas::builtin(), policy.resolved.filters);
  // The custom roles of either side: built-in roles grant no custom permission.
  std::set<std::string> names;
  for (const resolve::role& r : live_policy.custom_roles()) names.insert(r.name());
  for (const resolve::role& r : policy.resolved.custom_roles()) names.insert(r.name());
  plan::access_analysis out;
  if (names.empty()) return out;
  analyze::options opts;
  opts.roles.assign(names.begin(), names.end());
  const analyze::report r = analyze::compare({&live_policy, policy.compiled.project_id, {}},
                                             {&policy.resolved, policy.compiled.project_id, {}}, opts);
  if (!r.error.empty()) {
    error = r.error;
    return std::nullopt;
  }
  for (const analyze::change& c : r.changes) {
    if (c.result == analyze::verdict::unchanged) continue;
    plan::role_access& role = out.roles[c.role];
    analyze::sentences(c, role.widens, role.narrows);
  }
  // The live side's places are in the TOML made here, which no one can open: left out.
  out.entries = analyze::to_json(r, {nullptr, &policy.sources})["access"];
  return out;
}

}  // namespace rolec::cli
