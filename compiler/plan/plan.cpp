#include "plan/plan.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

#include "adopt/import.hpp"
#include "groq/print.hpp"
#include "model/api_json.hpp"
#include "model/canonical.hpp"
#include "util/fingerprint.hpp"

namespace rolec::plan {
namespace {

using json = nlohmann::json;  // sorted keys: what the plan file records prints in one order

// A permission in canonical form, with its parsed filter.
struct canonical_permission {
  model::permission value;
  const resolve::filter* filter = nullptr;
};

canonical_permission canonical_of(const model::permission& p, resolve::filter_set& filters) {
  const resolve::filter* f = p.filter ? &filters.intern(*p.filter) : nullptr;
  return {model::canonical(p, f != nullptr ? std::optional<std::string>(f->canonical()) : std::nullopt), f};
}

std::string describe_entry(const json& e) {
  if (e["action"] == "mode" && e["params"].contains("mode")) {
    return fmt::format("mode `{}` on `{}`", e["params"]["mode"].get<std::string>(), e["name"].get<std::string>());
  }
  return fmt::format("`{}` on `{}`", e["action"].get<std::string>(), e["name"].get<std::string>());
}

// The conjuncts of a filter (`a && b && c`: a, b and c), each printed canonically; the whole
// filter when it is not a conjunction, nothing when it does not parse.
std::set<std::string> conjuncts(const resolve::filter& f) {
  std::set<std::string> out;
  if (!f.ok()) return out;
  std::vector<const groq::node*> pending{f.parsed().root};
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
bool narrows(const resolve::filter* before, const resolve::filter& after) {
  if (before == nullptr) return false;
  const std::set<std::string> old_terms = conjuncts(*before), new_terms = conjuncts(after);
  return !old_terms.empty() && std::includes(new_terms.begin(), new_terms.end(), old_terms.begin(), old_terms.end());
}

json text_or_null(const std::optional<std::string>& s) { return s ? json(*s) : json(); }

// What a change does to document access, when the access analysis ran: its sentences for the
// roles the change touches, in place of what the change's form suggests.
struct judge {
  const access_analysis* analysis = nullptr;
  std::map<std::string, std::set<std::string>> grantees;  // permission: the roles granting it on both sides
  std::set<std::string> on_documents;                     // permissions with a filter, either side or predefined

  void add(const std::string& role, change& c) const {
    const auto it = analysis->roles.find(role);
    if (it == analysis->roles.end()) return;
    for (const auto& [from, to] : {std::pair{&it->second.widens, &c.widens}, std::pair{&it->second.narrows, &c.narrows}}) {
      for (const std::string& sentence : *from) {
        if (std::find(to->begin(), to->end(), sentence) == to->end()) to->push_back(sentence);
      }
    }
  }
};

// The fields that differ between two canonical permissions, in the order of their names.
void compare(const canonical_permission& before, const canonical_permission& after, change& c, const judge& j) {
  const model::permission& old = before.value;
  const model::permission& now = after.value;
  if (old.description != now.description) c.fields.push_back({"description", old.description, now.description});
  // A permission without a filter says nothing about the old one's.
  if (now.filter && old.filter != now.filter) {
    c.fields.push_back({"filter", text_or_null(old.filter), *now.filter});
    if (j.analysis != nullptr) {
      if (const auto it = j.grantees.find(c.name); it != j.grantees.end()) {
        for (const std::string& role : it->second) j.add(role, c);
      }
    } else if (!narrows(before.filter, *after.filter)) {
      c.widens.push_back("replaces the filter: the new one may match documents the old one did not");
    }
  }
  if (old.title.value_or("") != now.title.value_or("")) c.fields.push_back({"title", old.title.value_or(""), now.title.value_or("")});
  if (old.type != now.type) {
    c.fields.push_back({"type", old.type, now.type});
    c.widens.push_back("changes the permission's type");
  }
}

// The fields that differ between two canonical roles, in the order of their names.
void compare(const model::role& old, const model::role& now, change& c, const judge& j) {
  const auto audience = [&](const char* field, bool before, bool after) {
    if (before == after) return;
    c.fields.push_back({field, before, after});
    if (after) c.widens.push_back(fmt::format("turns `{}` on", field));
  };
  audience("appliesToRobots", old.applies_to_robots, now.applies_to_robots);
  audience("appliesToUsers", old.applies_to_users, now.applies_to_users);
  if (old.description != now.description) c.fields.push_back({"description", old.description, now.description});
  if (old.grants != now.grants) {
    // The grants each side has and the other does not, in the order a plan lists them.
    const auto missing_from = [](const std::vector<model::grant>& from, const std::vector<model::grant>& other) {
      std::vector<model::grant> out;
      for (const model::grant& g : from) {
        if (std::find(other.begin(), other.end(), g) == other.end()) out.push_back(g);
      }
      model::sort_canonical(out);
      json list = json::array();
      for (const model::grant& g : out) list.push_back(model::canonical_json(g));
      return list;
    };
    const json added = missing_from(now.grants, old.grants);
    const json removed = missing_from(old.grants, now.grants);
    c.fields.push_back({"permissions", removed, added});
    for (const json& e : added) {
      // The analysis says what a grant on documents does; a grant of a project permission widens.
      if (j.analysis == nullptr || j.on_documents.count(e["name"].get<std::string>()) == 0) {
        c.widens.push_back(fmt::format("adds {}", describe_entry(e)));
      }
    }
  }
  // A role's own change is judged by the analysis when it changes what the role grants or whom
  // it applies to (a new title changes no one's access).
  const bool grants_changed = std::any_of(c.fields.begin(), c.fields.end(), [](const field_change& f) {
    return f.field == "permissions" || f.field == "appliesToRobots" || f.field == "appliesToUsers";
  });
  if (j.analysis != nullptr && grants_changed) j.add(c.name, c);
  if (old.title.value_or("") != now.title.value_or("")) c.fields.push_back({"title", old.title.value_or(""), now.title.value_or("")});
}

}  // namespace

json snapshot(const adopt::live_state& live, const schemas::catalog& catalog, resolve::filter_set& filters) {
  json permissions = json::object(), roles = json::object(), users = json::object();
  for (const model::permission& p : live.permissions) {
    if (!adopt::is_custom(p, catalog)) continue;
    permissions[p.name] = model::canonical_json(canonical_of(p, filters).value);
  }
  for (const model::role& r : live.roles) {
    if (!adopt::is_custom(r, catalog)) continue;
    roles[r.name] = model::canonical_json(r);
  }
  for (const model::member& u : live.users) {
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

plan make_plan(const desired_state& desired, const adopt::live_state& live, const schemas::catalog& catalog,
               const settings& choices, resolve::filter_set& filters, const access_analysis* analysis) {
  plan out;
  out.live = snapshot(live, catalog, filters);
  out.live_digest = digest(out.live);
  std::map<std::string, std::vector<std::string>> holders;
  for (const auto& [user, held] : out.live["users"].items()) {
    for (const json& role : held) holders[role.get<std::string>()].push_back(user);
  }
  // A live custom role the policy does not define stays unless the policy owns the project and
  // the role is neither protected nor held by anyone.
  const auto leaves_alone = [&](const std::string& name) {
    return !choices.exclusive || choices.protected_roles.count(name) > 0 || holders.count(name) > 0;
  };
  judge j{analysis, {}, {}};
  if (analysis != nullptr) {
    out.access = analysis->entries;
    // A permission's change is judged by the roles that grant it before and after; a role that
    // starts or stops granting it carries that in its own change.
    // A live role the policy leaves alone keeps its grants, so a permission's change reaches it.
    std::map<std::string, std::set<std::string>> before;
    std::set<std::string> policy_roles;
    for (const model::role& r : desired.roles) policy_roles.insert(r.name);
    for (const model::role& r : live.roles) {
      const bool kept = policy_roles.count(r.name) == 0 && leaves_alone(r.name);
      for (const model::grant& g : r.grants) {
        before[g.permission].insert(r.name);
        if (kept) j.grantees[g.permission].insert(r.name);
      }
    }
    for (const model::role& r : desired.roles) {
      for (const model::grant& g : r.grants) {
        if (before[g.permission].count(r.name) != 0) j.grantees[g.permission].insert(r.name);
      }
    }
    for (const auto* permissions : {&desired.permissions, &live.permissions}) {
      for (const model::permission& p : *permissions) {
        if (p.filter) j.on_documents.insert(p.name);
      }
    }
    for (const schemas::predefined_permission& p : catalog.permissions()) {
      if (p.filter) j.on_documents.insert(p.name);
    }
  }

  // Both sides by name, in canonical form: custom items only on the live side.
  std::map<std::string, canonical_permission> live_permissions, wanted_permissions;
  std::map<std::string, model::role> live_roles, wanted_roles;
  std::map<std::string, const model::permission*> permission_bodies;
  std::map<std::string, const model::role*> role_bodies;
  for (const model::permission& p : live.permissions) {
    if (adopt::is_custom(p, catalog)) live_permissions.emplace(p.name, canonical_of(p, filters));
  }
  for (const model::role& r : live.roles) {
    if (adopt::is_custom(r, catalog)) live_roles.emplace(r.name, model::canonical(r));
  }
  for (const model::permission& p : desired.permissions) {
    wanted_permissions.emplace(p.name, canonical_of(p, filters));
    permission_bodies.emplace(p.name, &p);
  }
  for (const model::role& r : desired.roles) {
    wanted_roles.emplace(r.name, model::canonical(r));
    role_bodies.emplace(r.name, &r);
  }

  const auto upsert = [&](access::kind k, const auto& wanted, const auto& existing, const auto& bodies) {
    for (const auto& [name, item] : wanted) {
      change c;
      c.resource = k;
      c.name = name;
      c.body = json(model::to_api(*bodies.at(name)));
      const auto it = existing.find(name);
      if (it == existing.end()) {
        c.what = action::create;
        if (analysis != nullptr && k == access::kind::role) j.add(name, c);
        out.changes.push_back(std::move(c));
        continue;
      }
      c.what = action::update;
      compare(it->second, item, c, j);
      if (!c.fields.empty()) out.changes.push_back(std::move(c));
    }
  };
  upsert(access::kind::permission, wanted_permissions, live_permissions, permission_bodies);
  upsert(access::kind::role, wanted_roles, live_roles, role_bodies);

  // What the live project has and the policy does not: deleted only when the policy owns the
  // whole project, and never a protected role or one that someone holds.
  std::vector<change> deletions;
  for (const auto& [name, value] : live_roles) {
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
  for (const auto& [name, value] : live_permissions) {
    if (wanted_permissions.count(name) > 0) continue;
    if (!choices.exclusive) {
      out.unmanaged.push_back(fmt::format("permission `{}`", name));
    } else {
      deletions.push_back({action::remove, access::kind::permission, name, {}, {}, {}});
    }
  }
  // Roles go before permissions, so that no role ever points at a missing permission.
  std::stable_partition(deletions.begin(), deletions.end(), [](const change& c) { return c.resource == access::kind::role; });
  for (change& c : deletions) {
    if (analysis != nullptr && c.resource == access::kind::role) j.add(c.name, c);
    out.changes.push_back(std::move(c));
  }
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
