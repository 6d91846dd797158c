#include "cli/plan_access.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <set>

#include "adopt/import.hpp"
#include "cli/common.hpp"
#include "analyze/compare.hpp"
#include "analyze/render.hpp"
#include "policy/load.hpp"
#include "resolve/resolve.hpp"
#include "schemas/catalog.hpp"

namespace rolec::cli {

namespace {

// A live state read as a policy, as `rolec import` writes it, its filters interned in `filters`.
struct live_policy {
  diag::source_manager sources;
  policy::load_result loaded;
  resolve::resolved_policy resolved;
};

std::unique_ptr<live_policy> read_as_policy(const adopt::live_state& live, resolve::filter_set& filters, std::string& error) {
  const adopt::imported_policy imported = adopt::import_policy(live, schemas::builtin());
  auto out = std::make_unique<live_policy>();
  out->loaded = policy::load_texts({{"live project", imported.document()}}, out->sources);
  if (!out->loaded.errors.empty()) {
    error = out->loaded.errors.front();
    return nullptr;
  }
  if (!imported.warnings.empty()) {
    print_text(fmt::format("rolec: warning: the access analysis reads the live project as `rolec import` would, and {}\n",
                           imported.warnings.front()),
               stderr);
  }
  out->resolved = resolve::resolve(out->loaded.merged, schemas::builtin(), filters);
  return out;
}

void add(const analyze::report& r, const analyze::sides_text& files, plan::access_analysis& out) {
  for (const analyze::change& c : r.changes) {
    if (c.result == analyze::verdict::unchanged) continue;
    plan::role_access& role = out.roles[c.role];
    analyze::sentences(c, role.widens, role.narrows);
  }
  const nlohmann::ordered_json shown = analyze::to_json(r, files);  // kept alive: the loop reads into it
  for (const auto& entry : shown["access"]) out.entries.push_back(nlohmann::json::parse(entry.dump()));
}

}  // namespace

std::optional<plan::access_analysis> analyse_access(const adopt::live_state& live, built_policy& policy,
                                                    const std::set<std::string>& kept, std::string& error) {
  // Its filters go into the policy's set, where the plan looks them up: each is parsed once.
  const auto before = read_as_policy(live, policy.resolved.filters, error);
  if (before == nullptr) return std::nullopt;
  plan::access_analysis out;
  // The policy's roles, and the live ones it deletes: the live project against the policy.
  std::set<std::string> names;
  for (const resolve::role& r : before->resolved.custom_roles()) {
    if (kept.count(r.name()) == 0) names.insert(r.name());
  }
  for (const resolve::role& r : policy.resolved.custom_roles()) names.insert(r.name());
  const std::optional<std::string>& project = policy.compiled.project_id;
  if (!names.empty()) {
    analyze::options opts;
    opts.roles.assign(names.begin(), names.end());
    const analyze::report r = analyze::compare({&before->resolved, project, {}}, {&policy.resolved, project, {}}, opts);
    if (!r.error.empty()) {
      error = r.error;
      return std::nullopt;
    }
    // The live side's places are in the TOML made here, which no one can open: left out.
    add(r, {nullptr, &policy.sources}, out);
  }
  // The roles left alone: their own grants, and the permissions as the policy makes them.
  if (!kept.empty()) {
    adopt::live_state after = live;
    std::vector<model::permission> permissions;
    for (const resolve::permission* p : policy.compiled.permissions) permissions.push_back(p->api_value());
    for (const model::permission& p : permissions) {
      const auto it = std::find_if(after.permissions.begin(), after.permissions.end(),
                                   [&](const model::permission& q) { return q.name == p.name; });
      if (it == after.permissions.end()) {
        after.permissions.push_back(p);
      } else {
        *it = p;
      }
    }
    const auto later = read_as_policy(after, policy.resolved.filters, error);
    if (later == nullptr) return std::nullopt;
    analyze::options opts;
    opts.roles.assign(kept.begin(), kept.end());
    const analyze::report r = analyze::compare({&before->resolved, project, {}}, {&later->resolved, project, {}}, opts);
    if (!r.error.empty()) {
      error = r.error;
      return std::nullopt;
    }
    add(r, {nullptr, nullptr}, out);
  }
  return out;
}

}  // namespace rolec::cli
