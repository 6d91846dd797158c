#include "plan/plan.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

#include "adopt/import.hpp"
#include "groq/analyze.hpp"
#include "groq/print.hpp"
#include "util/fingerprint.hpp"

namespace rolec::plan {
namespace {

using json = nlohmann::json;  // sorted keys: normalised forms compare and print in one order

// One text per meaning, so that `_type=='post'` and `_type == "post"` are the same filter.
std::string canonical_filter(const std::string& text) {
  const groq::parse_result parsed = groq::analyze(text, {groq::mode::filter, nullptr});
  return parsed.root != nullptr && parsed.ok() ? groq::print(parsed.functions, parsed.root) : text;
}

json entry_of(const json& name, const json& action, json params) {
  if (params.is_null()) params = json::object();
  return {{"name", name}, {"action", action}, {"params", params}};
}

json sorted_unique(std::vector<json> entries) {
  std::sort(entries.begin(), entries.end());
  entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
  return entries;
}

json permission_essence(const std::string& title, const std::string& description, const std::string& type,
                        const std::optional<std::string>& filter) {
  json out = {{"title", title}, {"description", description}, {"type", type}};
  if (filter) out["filter"] = canonical_filter(*filter);
  return out;
}

json role_essence(const std::string& title, const std::string& description, bool users, bool robots, std::vector<json> entries) {
  return {{"title", title}, {"description", description}, {"appliesToUsers", users}, {"appliesToRobots", robots},
          {"permissions", sorted_unique(std::move(entries))}};
}

// The essences of the desired bodies, by name.
std::map<std::string, json> desired_permissions(const json& bundle) {
  std::map<std::string, json> out;
  for (const json& p : bundle.value("permissions", json::array())) {
    std::optional<std::string> filter;
    if (p.contains("config") && p["config"].contains("filter")) filter = p["config"]["filter"].get<std::string>();
    out[p["name"]] = permission_essence(p.value("title", ""), p.value("description", ""), p.value("type", ""), filter);
  }
  return out;
}

std::map<std::string, json> desired_roles(const json& bundle) {
  std::map<std::string, json> out;
  for (const json& r : bundle.value("roles", json::array())) {
    std::vector<json> entries;
    for (const json& e : r.value("permissions", json::array())) entries.push_back(entry_of(e["name"], e["action"], e.value("params", json())));
    out[r["name"]] = role_essence(r.value("title", ""), r.value("description", ""), r.value("appliesToUsers", true),
                                  r.value("appliesToRobots", true), std::move(entries));
  }
  return out;
}

std::map<std::string, json> bodies_by_name(const json& bundle, const char* key) {
  std::map<std::string, json> out;
  if (!bundle.contains(key)) return out;
  for (const json& item : bundle[key]) out[item["name"]] = item;
  return out;
}

std::string describe_entry(const json& e) {
  if (e["action"] == "mode" && e["params"].contains("mode")) {
    return fmt::format("mode `{}` on `{}`", e["params"]["mode"].get<std::string>(), e["name"].get<std::string>());
  }
  return fmt::format("`{}` on `{}`", e["action"].get<std::string>(), e["name"].get<std::string>());
}

// The conjuncts of a filter (`a && b && c`: a, b and c), each printed canonically; the whole
// filter when it is not a conjunction, nothing when it does not parse.
std::set<std::string> conjuncts(const std::string& filter) {
  std::set<std::string> out;
  const groq::parse_result parsed = groq::analyze(filter, {groq::mode::filter, nullptr});
  if (parsed.root == nullptr || !parsed.ok()) return out;
  std::vector<const groq::node*> pending{parsed.root};
  while (!pending.empty()) {
    const groq::node* n = pending.back();
    pending.pop_back();
    if (n->kind == groq::node_kind::and_) {
      for (const groq::node* operand : n->children()) pending.push_back(operand);
    } else {
      out.insert(groq::print(n));
    }
  }
  return out;
}

// True when `after` keeps every condition of `before` and may add more: it can only match fewer
// documents (`a` to `a && b`, `a && b` to `a && b && c`, in any order).
bool narrows(const std::string& before, const std::string& after) {
  const std::set<std::string> old_terms = conjuncts(before), new_terms = conjuncts(after);
  return !old_terms.empty() && std::includes(new_terms.begin(), new_terms.end(), old_terms.begin(), old_terms.end());
}

// The fields that differ between two essences, and why the change widens access.
void compare(const json& before, const json& after, change& c) {
  for (const auto& [field, value] : after.items()) {
    const json old = before.value(field, json());
    if (old == value) continue;
    if (field == "permissions") {
      json added = json::array(), removed = json::array();
      std::set_difference(value.begin(), value.end(), old.begin(), old.end(), std::back_inserter(added));
      std::set_difference(old.begin(), old.end(), value.begin(), value.end(), std::back_inserter(removed));
      c.fields.push_back({field, removed, added});
      for (const json& e : added) c.widens.push_back(fmt::format("adds {}", describe_entry(e)));
      continue;
    }
    c.fields.push_back({field, old, value});
    if ((field == "appliesToUsers" || field == "appliesToRobots") && value == true) {
      c.widens.push_back(fmt::format("turns `{}` on", field));
    }
    if (field == "filter" && !(old.is_string() && narrows(old.get<std::string>(), value.get<std::string>()))) {
      c.widens.push_back("replaces the filter: the new one may match documents the old one did not");
    }
    if (field == "type") c.widens.push_back("changes the permission's type");
  }
}

}  // namespace

json snapshot(const adopt::live_state& live, const schemas::catalog& catalog) {
  json permissions = json::object(), roles = json::object(), users = json::object();
  for (const adopt::live_permission& p : live.permissions) {
    if (!adopt::is_custom(p, catalog)) continue;
    permissions[p.name] = permission_essence(p.title.value_or(""), p.description, p.type, p.filter);
  }
  for (const adopt::live_role& r : live.roles) {
    if (!adopt::is_custom(r, catalog)) continue;
    std::vector<json> entries;
    for (const adopt::live_grant& g : r.permissions) entries.push_back(entry_of(g.name, g.action, json::parse(g.params.dump())));
    roles[r.name] = role_essence(r.title.value_or(""), r.description, r.applies_to_users, r.applies_to_robots, std::move(entries));
  }
  for (const adopt::live_user& u : live.users) {
    std::vector<std::string> held = u.roles;
    std::sort(held.begin(), held.end());
    users[u.id] = held;
  }
  return {{"permissions", permissions}, {"roles", roles}, {"users", users}};
}

std::string digest(const json& snap) { return util::fingerprint(snap.dump()); }

std::vector<std::string> differences(const json& before, const json& after) {
  std::vector<std::string> out;
  for (const auto& [section, kind] : {std::pair{"permissions", "permission"}, {"roles", "role"}, {"users", "user"}}) {
    const json empty = json::object();
    const json& old = before.contains(section) ? before[section] : empty;
    const json& now = after.contains(section) ? after[section] : empty;
    for (const auto& [name, value] : now.items()) {
      if (!old.contains(name)) {
        out.push_back(fmt::format("{} `{}` was added", kind, name));
      } else if (old[name] != value) {
        out.push_back(fmt::format("{} `{}` changed", kind, name));
      }
    }
    for (const auto& [name, value] : old.items()) {
      if (!now.contains(name)) out.push_back(fmt::format("{} `{}` was removed", kind, name));
    }
  }
  return out;
}

plan make_plan(const json& desired, const adopt::live_state& live, const schemas::catalog& catalog, const settings& choices) {
  plan out;
  out.live = snapshot(live, catalog);
  out.live_digest = digest(out.live);
  const auto wanted_permissions = desired_permissions(desired);
  const auto wanted_roles = desired_roles(desired);
  const auto permission_bodies = bodies_by_name(desired, "permissions");
  const auto role_bodies = bodies_by_name(desired, "roles");
  const json& live_permissions = out.live["permissions"];
  const json& live_roles = out.live["roles"];

  const auto upsert = [&](access::kind k, const std::map<std::string, json>& wanted, const json& existing,
                          const std::map<std::string, json>& bodies) {
    for (const auto& [name, essence] : wanted) {
      change c;
      c.resource = k;
      c.name = name;
      c.body = bodies.at(name);
      if (!existing.contains(name)) {
        c.what = action::create;
        out.changes.push_back(std::move(c));
        continue;
      }
      c.what = action::update;
      compare(existing[name], essence, c);
      if (!c.fields.empty()) out.changes.push_back(std::move(c));
    }
  };
  upsert(access::kind::permission, wanted_permissions, live_permissions, permission_bodies);
  upsert(access::kind::role, wanted_roles, live_roles, role_bodies);

  // What the live project has and the policy does not: deleted only when the policy owns the
  // whole project, and never a protected role or one that someone holds.
  std::map<std::string, std::vector<std::string>> holders;
  for (const auto& [user, held] : out.live["users"].items()) {
    for (const json& role : held) holders[role.get<std::string>()].push_back(user);
  }
  std::vector<change> deletions;
  for (const auto& [name, value] : live_roles.items()) {
    if (wanted_roles.count(name) > 0) continue;
    if (!choices.exclusive) {
      out.unmanaged.push_back(fmt::format("role `{}`", name));
    } else if (choices.protected_roles.count(name) > 0) {
      out.refused.push_back(fmt::format("role `{}` is not in the policy, but [project] protect lists it: it is not "
                                        "deleted (to delete it, remove it from `protect` first, in a change of its own)",
                                        name));
    } else if (const auto it = holders.find(name); it != holders.end()) {
      out.refused.push_back(fmt::format("role `{}` is not in the policy, but {} user{} still hold{} it ({}): it is not "
                                        "deleted until no one does",
                                        name, it->second.size(), it->second.size() == 1 ? "" : "s",
                                        it->second.size() == 1 ? "s" : "", fmt::join(it->second, ", ")));
    } else {
      deletions.push_back({action::remove, access::kind::role, name, {}, {}, {}});
    }
  }
  for (const auto& [name, value] : live_permissions.items()) {
    if (wanted_permissions.count(name) > 0) continue;
    if (!choices.exclusive) {
      out.unmanaged.push_back(fmt::format("permission `{}`", name));
    } else {
      deletions.push_back({action::remove, access::kind::permission, name, {}, {}, {}});
    }
  }
  // Roles go before permissions, so that no role ever points at a missing permission.
  std::stable_partition(deletions.begin(), deletions.end(), [](const change& c) { return c.resource == access::kind::role; });
  for (change& c : deletions) out.changes.push_back(std::move(c));
  return out;
}

summary summarize(const plan& p) {
  summary s;
  for (const change& c : p.changes) {
    s.create += c.what == action::create;
    s.update += c.what == action::update;
    s.remove += c.what == action::remove;
    s.widening += !c.widens.empty();
  }
  return s;
}

}  // namespace rolec::plan
