#include "resolve/resolve.hpp"

#include <algorithm>
#include <set>

#include "model/api_json.hpp"
#include "util/parallel.hpp"

namespace rolec::resolve {
namespace {

model::param_value param_value_of(const policy::param& p) {
  model::param_value v;
  switch (p.type) {
    case policy::param::kind::string: return model::param_value::of(p.string_value);
    case policy::param::kind::boolean: return model::param_value::of(p.bool_value);
    case policy::param::kind::integer:
      v.type = model::param_value::kind::integer;
      v.integer = static_cast<std::int64_t>(p.number_value);
      return v;
    case policy::param::kind::floating:
      v.type = model::param_value::kind::number;
      v.number = p.number_value;
      return v;
    case policy::param::kind::other: break;
  }
  return v;
}

// The Access API grants one written grant stands for: one per action, or one for its mode. The
// conversion is faithful to what was written, mistakes included, so that what build sends is
// exactly what lint judged.
void expand(const policy::grant& g, std::string_view role_name, std::vector<grant>& out) {
  if (!g.permission.present) return;
  model::grant base;
  base.permission = g.permission.value;
  for (const policy::param& p : g.params) base.set_param(p.name, param_value_of(p));
  if (g.mode.present) {
    base.action = model::action::of_mode(g.mode.value);
    if (g.history.present) base.set_param("history", model::param_value::of(g.history.value));
    out.push_back({std::move(base), nullptr, {role_name, &g, g.at, {}}});
    return;
  }
  if (g.history.present) base.set_param("history", model::param_value::of(g.history.value));
  for (std::size_t i = 0; i < g.actions.size(); ++i) {
    const policy::text& a = g.actions[i];
    // The last action takes the base grant itself; the others copy it.
    model::grant plain = i + 1 == g.actions.size() ? std::move(base) : base;
    plain.action.name = a.value;
    out.push_back({std::move(plain), nullptr, {role_name, &g, a.at, {}}});
  }
}

// What permissions and roles share: a name, a title and a description, as written.
template<typename Written, typename Value>
void copy_names(const Written& written, Value& value) {
  value.name = written.name.value;
  if (written.title.present) value.title = written.title.value;
  value.description = written.description.value;
}

// Marks `name` visited; false when it was already. A role's `extends` reach few roles, so a
// vector searched from the start costs less than a set.
bool first_visit(std::vector<std::string_view>& visited, std::string_view name) {
  if (std::find(visited.begin(), visited.end(), name) != visited.end()) return false;
  visited.push_back(name);
  return true;
}

class resolver {
 public:
  resolver(const policy::policy& p, const schemas::catalog& catalog, resolved_policy& out, filter_set& filters)
      : policy_(p), catalog_(catalog), out_(out), filters_(filters) {}

  void run() {
    intern_filters();
    out_.permissions.reserve(policy_.permissions.size() + catalog_.permissions().size());
    out_.permission_index.reserve(out_.permissions.capacity());
    for (const policy::permission& perm : policy_.permissions) out_.permissions.push_back(custom(perm));
    out_.custom_permission_count = out_.permissions.size();
    for (const schemas::predefined_permission& p : catalog_.permissions()) out_.permissions.push_back(predefined(p));
    for (std::size_t i = 0; i < out_.permissions.size(); ++i) out_.permission_index.emplace(out_.permissions[i].name(), i);
    for (const policy::permission& perm : policy_.shadowed_permissions) out_.shadowed_permissions.push_back(custom(perm));

    for (const policy::role& r : policy_.roles) custom_roles_.emplace(r.name.value, &r);
    out_.roles.reserve(policy_.roles.size() + catalog_.roles().size());
    out_.role_index.reserve(out_.roles.capacity());
    // Roles are independent once every permission is known: resolve them on every core, but
    // start threads only for many, as for filters.
    out_.roles.resize(policy_.roles.size());
    util::parallel_for(policy_.roles.size(), policy_.roles.size() < 512 ? 1 : 0, [&](std::size_t i) {
      out_.roles[i] = custom(policy_.roles[i]);
      bind(out_.roles[i]);
    });
    out_.custom_role_count = out_.roles.size();
    for (const schemas::builtin_role& b : catalog_.roles()) {
      if (b.scope != model::scope::project || custom_roles_.count(b.name) > 0) continue;
      bind(out_.roles.emplace_back(builtin(b)));
    }
    for (std::size_t i = 0; i < out_.roles.size(); ++i) out_.role_index.emplace(out_.roles[i].value.name, i);
    for (const policy::role& r : policy_.shadowed_roles) bind(out_.shadowed_roles.emplace_back(custom(r)));
    for (const policy::property& p : policy_.properties) {
      out_.property_filters.push_back(p.where ? filters_.find(p.where->text) : nullptr);
    }
    holders();
  }

 private:
  const policy::policy& policy_;
  const schemas::catalog& catalog_;
  resolved_policy& out_;
  filter_set& filters_;  // the policy's own, or one it shares with another
  std::unordered_map<std::string_view, const policy::role*> custom_roles_;

  // `[members]` and `[robots.NAME]`: names kept as written (lint judges them), each role once.
  void holders() {
    const auto role_names = [](const std::vector<policy::text>& roles) {
      std::vector<std::string> names;
      for (const policy::text& r : roles) {
        if (std::find(names.begin(), names.end(), r.value) == names.end()) names.push_back(r.value);
      }
      return names;
    };
    out_.members_managed = policy_.members.present;
    out_.members_exclusive = policy_.members.exclusive.value;
    for (const policy::member& m : policy_.members.entries) {
      member& out = out_.members.emplace_back();
      out.value.id = m.id.value;
      out.value.roles = role_names(m.roles);
      out.written = &m;
    }
    for (const policy::robot& r : policy_.robots) {
      robot& out = out_.robots.emplace_back();
      out.name = r.name.value;
      out.value.label = r.label.present && !r.label.value.empty() ? r.label.value : r.name.value;
      out.value.roles = role_names(r.roles);
      out.written = &r;
    }
  }

  // Every filter of the policy and the catalogue, parsed once (in parallel for a large policy).
  void intern_filters() {
    std::vector<std::string_view> texts;
    for (const auto* list : {&policy_.permissions, &policy_.shadowed_permissions}) {
      for (const policy::permission& perm : *list) {
        if (perm.filter) texts.push_back(perm.filter->text);
      }
    }
    for (const schemas::predefined_permission& p : catalog_.permissions()) {
      if (p.filter) texts.push_back(*p.filter);
    }
    for (const policy::property& p : policy_.properties) {
      if (p.where) texts.push_back(p.where->text);
    }
    filters_.intern_all(texts);
  }

  permission custom(const policy::permission& perm) {
    permission out;
    out.written = &perm;
    out.type = catalog_.type(out.type_name());
    // A custom permission belongs to the project the policy manages.
    out.scope = model::scope::project;
    if (perm.filter) out.filter = filters_.find(perm.filter->text);
    return out;
  }

  permission predefined(const schemas::predefined_permission& p) {
    permission out;
    out.catalogued = &p;
    out.type = catalog_.type_of(p);
    out.scope = catalog_.scope_of(p);
    if (p.filter) out.filter = filters_.find(*p.filter);
    return out;
  }

  role custom(const policy::role& r) {
    role out;
    out.written = &r;
    copy_names(r, out.value);
    out.value.applies_to_users = !r.applies_to_users.present || r.applies_to_users.value;
    out.value.applies_to_robots = !r.applies_to_robots.present || r.applies_to_robots.value;
    out.value.is_custom = true;
    std::size_t own = 0;  // what its own grants expand to: most roles extend nothing
    for (const policy::grant& g : r.grants) own += g.mode.present ? 1 : g.actions.size();
    out.effective.reserve(own);
    std::vector<std::string_view> visiting;
    // The role itself, not the one its name finds: a definition an earlier file shadows (RC316)
    // is resolved on its own.
    collect_own(r, out.effective, visiting, nullptr);
    return out;
  }

  role builtin(const schemas::builtin_role& b) {
    role out;
    out.value = b;
    out.value.grants.clear();
    out.scope = b.scope;
    for (const model::grant& g : b.grants) out.effective.push_back({g, nullptr, {b.name, nullptr, {}, {}}});
    return out;
  }

  // What `role_name` grants, its `extends` followed depth first. A role is expanded once per
  // resolved role, so that cycles (lint errors) and diamonds end.
  void collect(const std::string& role_name, std::vector<grant>& out, std::vector<std::string_view>& visiting,
               const policy::text* through) {
    if (const auto it = custom_roles_.find(role_name); it != custom_roles_.end()) {
      collect_own(*it->second, out, visiting, through);
      return;
    }
    if (!first_visit(visiting, role_name)) return;
    if (const schemas::builtin_role* b = catalog_.role(role_name)) {
      for (const model::grant& g : b->grants) out.push_back({g, nullptr, {b->name, nullptr, {}, through}});
    }
  }

  void collect_own(const policy::role& r, std::vector<grant>& out, std::vector<std::string_view>& visiting,
                   const policy::text* through) {
    if (!first_visit(visiting, r.name.value)) return;
    const std::size_t first = out.size();
    for (const policy::grant& g : r.grants) expand(g, r.name.value, out);
    for (std::size_t i = first; i < out.size(); ++i) out[i].from.through = through;
    // Everything a parent brings in is shown at the resolved role's own `extends` entry.
    for (const policy::text& parent : r.extends) collect(parent.value, out, visiting, through != nullptr ? through : &parent);
  }

  // Binds each grant to its permission, and works out what the role sends: its grants sorted,
  // each once, its own grant kept rather than an inherited one with the same meaning.
  void bind(role& r) {
    for (grant& g : r.effective) g.target = out_.find_permission(g.value.permission);
    if (r.builtin() || r.effective.size() < 2) {
      // Sanity's own roles stay as the catalogue lists them (each grant once); one grant is
      // sorted and unique already.
      for (std::size_t i = 0; i < r.effective.size(); ++i) r.sent.push_back(i);
      return;
    }
    std::vector<std::size_t> order(r.effective.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    const auto compare = [&](std::size_t a, std::size_t b) { return model::compare_grants(r.effective[a].value, r.effective[b].value); };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const int c = compare(a, b);
      return c != 0 ? c < 0 : !r.effective[a].from.inherited() && r.effective[b].from.inherited();
    });
    order.erase(std::unique(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return compare(a, b) == 0; }),
                order.end());
    r.sent = std::move(order);
  }
};

}  // namespace

std::string_view permission::name() const { return written != nullptr ? written->name.value : catalogued->name; }

std::string_view permission::type_name() const {
  if (written == nullptr) return catalogued->type;
  return written->type.present ? std::string_view(written->type.value) : std::string_view("sanity.document.filter");
}

model::permission permission::api_value() const {
  if (written == nullptr) return *catalogued;
  model::permission out;
  copy_names(*written, out);
  out.type = type_name();
  if (filter != nullptr) out.filter = std::string(filter->trimmed());
  return out;
}

model::role role::api_value() const {
  model::role out = value;
  out.grants.reserve(sent.size());
  for (const std::size_t i : sent) out.grants.push_back(effective[i].value);
  return out;
}

const permission* resolved_policy::find_permission(std::string_view name) const {
  const auto it = permission_index.find(name);
  return it == permission_index.end() ? nullptr : &permissions[it->second];
}

const role* resolved_policy::find_role(std::string_view name) const {
  const auto it = role_index.find(name);
  return it == role_index.end() ? nullptr : &roles[it->second];
}

std::span<const permission> resolved_policy::custom_permissions() const {
  return std::span(permissions).first(custom_permission_count);
}

std::span<const role> resolved_policy::custom_roles() const { return std::span(roles).first(custom_role_count); }

resolved_policy resolve(const policy::policy& p, const schemas::catalog& catalog) {
  resolved_policy out;
  resolver(p, catalog, out, out.filters).run();
  return out;
}

resolved_policy resolve(const policy::policy& p, const schemas::catalog& catalog, filter_set& shared) {
  resolved_policy out;
  resolver(p, catalog, out, shared).run();
  return out;
}

}  // namespace rolec::resolve
