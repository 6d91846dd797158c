#pragma once
/// Stage `plan`: what must change in a live project for it to match a policy. Only custom roles
/// and permissions change. Both sides are the model's resources in canonical form
/// (model/canonical.hpp): filters compare by their canonical text, parsed once each, and a role's
/// grants as a set, so that formatting and order are never a change.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "access/client.hpp"
#include "adopt/live.hpp"
#include "model/resources.hpp"
#include "resolve/filters.hpp"
#include "schemas/catalog.hpp"

namespace rolec::plan {

/// What a change does.
enum class action { create, update, remove };

/// One field of an update, before and after.
struct field_change {
  std::string field;       ///< `title`, `filter`, `appliesToRobots`, `permissions`, ...
  nlohmann::json before;   ///< for `permissions`: the entries removed
  nlohmann::json after;    ///< for `permissions`: the entries added
};

/// One change to one permission or role.
struct change {
  action what = action::create;
  access::kind resource = access::kind::permission;
  std::string name;
  nlohmann::json body;                ///< what apply sends (create, update)
  std::vector<field_change> fields;   ///< update: what differs
  std::vector<std::string> widens;    ///< why the change widens access; empty when it does not
  std::vector<std::string> narrows;   ///< what it takes away from someone (from the access analysis)
};

/// What the access analysis (`rolec diff` between the live project and the policy) found for one
/// custom role: one sentence per direction and action, with a witness document.
struct role_access {
  std::vector<std::string> widens;
  std::vector<std::string> narrows;
};

/// The access analysis of a plan: per custom role, and as the plan file records it.
struct access_analysis {
  std::map<std::string, role_access> roles;
  nlohmann::json entries = nlohmann::json::array();  ///< `rolec diff --format json`'s `access` entries
};

/// Choices a policy makes about the project as a whole.
struct settings {
  bool exclusive = false;                 ///< delete custom roles and permissions the policy omits
  std::set<std::string> protected_roles;  ///< never delete these
};

/// Everything a plan says, and what apply needs to carry it out.
struct plan {
  std::string project_id;
  std::string api_version;
  nlohmann::json live;                  ///< the live state it was made from (see `snapshot`)
  std::string live_digest;              ///< of `live`
  std::vector<change> changes;          ///< in the order apply runs them
  std::vector<std::string> refused;     ///< deletions the plan will not make, and why
  std::vector<std::string> unmanaged;   ///< custom roles and permissions left alone (not exclusive)
  nlohmann::json access;                ///< the access analysis's entries (null: not analysed)
};

/// What a policy wants a project to have: its custom permissions and roles, as they are sent.
struct desired_state {
  std::vector<model::permission> permissions;
  std::vector<model::role> roles;
};

/// The custom roles and permissions of a live state and who holds which role, in canonical JSON
/// (each filter interned in `filters`): equal snapshots mean nothing a plan depends on changed.
[[nodiscard]] nlohmann::json snapshot(const adopt::live_state& live, const schemas::catalog& catalog,
                                      resolve::filter_set& filters);

/// A digest of a snapshot (util::fingerprint of its JSON): it tells changes apart, it is not a signature.
[[nodiscard]] std::string digest(const nlohmann::json& snapshot);

/// What differs between two snapshots, one line each (`role `x` changed`), for a stale plan.
[[nodiscard]] std::vector<std::string> differences(const nlohmann::json& before, const nlohmann::json& after);

/// The plan that takes `live` to `desired`. Filters are interned in `filters`: those of a policy
/// resolve parsed are found there, not parsed again. With `analysis`, what a change does to
/// document access is what the analysis proved (each sentence with a witness), not a guess from
/// the change's form; grants of project permissions and audiences are judged by their form.
[[nodiscard]] plan make_plan(const desired_state& desired, const adopt::live_state& live, const schemas::catalog& catalog,
                             const settings& choices, resolve::filter_set& filters,
                             const access_analysis* analysis = nullptr);

/// Counts by action, and of the changes that widen access.
struct summary {
  std::size_t create = 0, update = 0, remove = 0, widening = 0;
};
[[nodiscard]] summary summarize(const plan& p);

/// The plan file (`rolec plan -o`): `{"format_version": "1", "kind": "plan", ...}`.
[[nodiscard]] nlohmann::ordered_json to_json(const plan& p);
/// Reads a plan file; nothing with `error` set when it is not one.
[[nodiscard]] std::optional<plan> from_json(const nlohmann::json& j, std::string& error);

/// The plan as a person reads it: `+`, `~`, `-`, a diff per field, and a summary line.
[[nodiscard]] std::string render_human(const plan& p, bool color);

}  // namespace rolec::plan
