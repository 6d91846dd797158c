#include "resolve/resolve.hpp"

#include <algorithm>
#include <set>

#include "model/api_json.hpp"

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
void expand(const policy::grant& g, const std::string& role_name, std::vector<grant>& out) {
  if (!g.permission.present) return;
  model::grant base;
  base.permission = g.permission.value;
  for (const policy::param& p : g.params) base.set_param(p.name, param_value_of(p));
  if (g.mode.present) {
    model::grant m = base;
    m.action = model::action::of_mode(g.mode.value);
    if (g.history.present) m.set_param("history", model::param_value::of(g.history.value));
    out.push_back({std::move(m), nullptr, {role_name, &g, g.at, {}}});
    return;
  }
  if (g.history.present) base.set_param("history", model::param_value::of(g.history.value));
  for (const policy::text& a : g.actions) {
    model::grant plain = base;
    plain.action = model::action::named(a.value);
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

class resolver {
 public:
  resolver(const policy::policy& p, const schemas::catalog& catalog, resolved_policy& out)
      : policy_(p), catalog_(catalog), out_(out) {}

  void run() {
    intern_filters();
    for (const policy::permission& perm : policy_.permissions) out_.permissions.push_back(custom(perm));
    out_.custom_permission_count = out_.permissions.size();
    for (const schemas::predefined_permission& p : catalog_.permissions()) out_.permissions.push_back(predefined(p));
    for (std::size_t i = 0; i < out_.permissions.size(); ++i) out_.permission_index.emplace(out_.permissions[i].value.name, i);
    for (const policy::permission& perm : policy_.shadowed_permissions) out_.shadowed_permissions.push_back(custom(perm));

    for (const policy::role& r : policy_.roles) custom_roles_.emplace(r.name.value, &r);
    for (const policy::role& r : policy_.roles) out_.roles.push_back(custom(r));
    out_.custom_role_count = out_.roles.size();
    for (const schemas::builtin_role& b : catalog_.roles()) {
      if (b.scope != model::scope::project || custom_roles_.count(b.name) > 0) continue;
      out_.roles.push_back(builtin(b));
    }
    for (std::size_t i = 0; i < out_.roles.size(); ++i) out_.role_index.emplace(out_.roles[i].value.name, i);
    for (const policy::role& r : policy_.shadowed_roles) out_.shadowed_roles.push_back(custom(r));
    for (std::vector<role>* roles : {&out_.roles, &out_.shadowed_roles}) {
      for (role& r : *roles) bind(r);
    }
  }

 private:
  const policy::policy& policy_;
  const schemas::catalog& catalog_;
  resolved_policy& out_;
  std::unordered_map<std::string_view, const policy::role*> custom_roles_;

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
    out_.filters.intern_all(texts);
  }

  permission custom(const policy::permission& perm) {
    permission out;
    out.written = &perm;
    copy_names(perm, out.value);
    out.value.type = perm.type.present ? perm.type.value : "sanity.document.filter";
    out.type = catalog_.type(out.value.type);
    // A custom permission belongs to the project the policy manages.
    out.scope = model::scope::project;
    if (perm.filter) {
      out.filter = out_.filters.find(perm.filter->text);
      out.value.filter = out.filter->trimmed();
    }
    return out;
  }

  permission predefined(const schemas::predefined_permission& p) {
    permission out;
    out.value = p;
    out.type = catalog_.type_of(p);
    out.scope = catalog_.scope_of(p);
    if (p.filter) out.filter = out_.filters.find(*p.filter);
    return out;
  }

  role custom(const policy::role& r) {
    role out;
    out.written = &r;
    copy_names(r, out.value);
    out.value.applies_to_users = !r.applies_to_users.present || r.applies_to_users.value;
    out.value.applies_to_robots = !r.applies_to_robots.present || r.applies_to_robots.value;
    out.value.is_custom = true;
    std::set<std::string_view> visiting;
    std::vector<const policy::text*> through;
    // The role itself, not the one its name finds: a definition an earlier file shadows (RC316)
    // is resolved on its own.
    collect_own(r, out.effective, visiting, through);
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
  void collect(const std::string& role_name, std::vector<grant>& out, std::set<std::string_view>& visiting,
               std::vector<const policy::text*>& through) {
    if (const auto it = custom_roles_.find(role_name); it != custom_roles_.end()) {
      collect_own(*it->second, out, visiting, through);
      return;
    }
    if (!visiting.insert(role_name).second) return;
    if (const schemas::builtin_role* b = catalog_.role(role_name)) {
      for (const model::grant& g : b->grants) out.push_back({g, nullptr, {b->name, nullptr, {}, through}});
    }
  }

  void collect_own(const policy::role& r, std::vector<grant>& out, std::set<std::string_view>& visiting,
                   std::vector<const policy::text*>& through) {
    if (!visiting.insert(r.name.value).second) return;
    const std::size_t first = out.size();
    for (const policy::grant& g : r.grants) expand(g, r.name.value, out);
    for (std::size_t i = first; i < out.size(); ++i) out[i].from.through = through;
    for (const policy::text& parent : r.extends) {
      through.push_back(&parent);
      collect(parent.value, out, visiting, through);
      through.pop_back();
    }
  }

  // Binds each grant to its permission, and works out what the role sends: its grants sorted,
  // each once, its own grant kept rather than an inherited one with the same meaning.
  void bind(role& r) {
    for (grant& g : r.effective) g.target = out_.find_permission(g.value.permission);
    if (r.builtin()) {
      // Sanity's own roles stay as the catalogue lists them (each grant once).
      r.value.grants.clear();
      for (std::size_t i = 0; i < r.effective.size(); ++i) {
        r.value.grants.push_back(r.effective[i].value);
        r.sent.push_back(i);
      }
      return;
    }
    std::vector<std::pair<std::string, std::size_t>> keyed;
    keyed.reserve(r.effective.size());
    for (std::size_t i = 0; i < r.effective.size(); ++i) keyed.emplace_back(model::order_key(r.effective[i].value), i);
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
      return std::pair(a.first, r.effective[a.second].from.inherited()) <
             std::pair(b.first, r.effective[b.second].from.inherited());
    });
    keyed.erase(std::unique(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
                keyed.end());
    r.value.grants.clear();
    r.sent.clear();
    for (const auto& [key, index] : keyed) {
      r.value.grants.push_back(r.effective[index].value);
      r.sent.push_back(index);
    }
  }
};

}  // namespace

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
  resolver(p, catalog, out).run();
  return out;
}

}  // namespace rolec::resolve
