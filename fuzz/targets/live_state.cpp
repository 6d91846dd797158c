// fuzz_live_state: live-state files as `rolec import` and `rolec plan --live` read them, then what
// those commands make of them: policy TOML (which must load as TOML and, when it lints clean,
// build back into what the project has) and a plan (which must round-trip through its file).

#include <fmt/format.h>

#include "adopt/import.hpp"
#include "adopt/live.hpp"
#include "build/target.hpp"
#include "targets/common.hpp"
#include "targets/plan_checks.hpp"
#include "lint/lint.hpp"
#include "plan/plan.hpp"
#include "schemas/catalog.hpp"
#include "util/json_text.hpp"

namespace rolec::fuzz {

int fuzz_live_state(const std::uint8_t* data, std::size_t size) {
  adopt::live_state live;
  std::size_t index = 0;
  for (const std::string_view part : split(text_of(data, size), std::string_view("\0", 1), 3)) {
    std::string error;
    if (!adopt::parse_live(part, fmt::format("live{}.json", index++), live, error)) return 0;
  }
  const schemas::catalog& catalog = schemas::builtin();

  // `rolec import`: the TOML it writes must be TOML.
  const adopt::imported_policy imported = adopt::import_policy(live, catalog);
  static_cast<void>(imported.document());
  const std::string folder =
      write_folder("import", {{"permissions.toml", imported.permissions_file()}, {"roles.toml", imported.roles_file()}});
  diag::source_manager sources;
  const lint::lint_result linted = lint::lint({folder}, sources);
  for (const diag::diagnostic& d : linted.findings) {
    check(d.rule != diag::rule::toml_syntax,
          fmt::format("rolec import wrote TOML that does not load: {}\n{}{}", d.message, imported.permissions_file(),
                      imported.roles_file()));
  }

  // `rolec plan --live`: against the imported policy when it builds, else against an empty one.
  plan::desired_state desired;
  const bool builds = !diag::has_errors(linted.findings);
  if (builds) {
    std::string error;
    const auto compiled = build::compile(linted.merged, linted.resolved, std::nullopt, error);
    check(compiled.has_value(), "an imported policy that lints clean does not compile: " + error);
    for (const resolve::permission* perm : compiled->permissions) desired.permissions.push_back(perm->api_value());
    for (const resolve::role* role : compiled->roles) desired.roles.push_back(role->api_value());
  }
  plan::settings choices;
  choices.exclusive = size % 2 == 1;
  resolve::filter_set filters;
  plan::plan p = plan::make_plan(desired, live, catalog, choices, filters);
  p.project_id = live.resource_id.value_or("project1");
  p.api_version = live.api_version.value_or("v2025-07-11");
  // Adoption's promise: building what was imported gives back what the project has, so a plan
  // against the same project changes nothing (when the import had nothing to warn about).
  if (builds && imported.warnings.empty() && live.warnings.empty()) {
    for (const plan::change& c : p.changes) {
      check(c.what == plan::action::remove,
            fmt::format("the policy imported from a live state plans to {} `{}` of that same state:\n{}{}",
                        c.what == plan::action::create ? "create" : "update", c.name, imported.permissions_file(),
                        imported.roles_file()));
    }
  }
  check_plan_round_trip(p);
  check_apply(p);
  return 0;
}

}  // namespace rolec::fuzz
