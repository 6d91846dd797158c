#include "build/compile.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

#include "util/spell.hpp"

namespace rolec::build {
namespace {

nlohmann::ordered_json param_json(const policy::param& p) {
  switch (p.type) {
    case policy::param::kind::string: return p.string_value;
    case policy::param::kind::boolean: return p.bool_value;
    case policy::param::kind::integer: return static_cast<std::int64_t>(p.number_value);
    case policy::param::kind::floating: return p.number_value;
    case policy::param::kind::other: break;
  }
  return nullptr;
}

// `mode` and `history` lead, as in Sanity's own listings; the rest follow by name.
nlohmann::ordered_json ordered_params(const std::map<std::string, nlohmann::ordered_json>& params) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const char* first : {"mode", "history"}) {
    if (const auto it = params.find(first); it != params.end()) out[first] = it->second;
  }
  for (const auto& [name, value] : params) {
    if (name != "mode" && name != "history") out[name] = value;
  }
  return out;
}

class resolver {
 public:
  resolver(const policy::policy& p, const schemas::catalog& catalog) : catalog_(catalog) {
    for (const auto& r : p.roles) roles_.emplace(r.name.value, &r);
  }

  // What `role_name` grants, its `extends` followed; `entry_at` and `via` are set for grants that
  // come through an `extends` entry of the role being compiled.
  void collect(const std::string& role_name, std::vector<entry>& out, std::set<std::string>& visiting,
               const policy::location* entry_at, const std::string& via) const {
    if (!visiting.insert(role_name).second) return;  // cycles are lint errors; never loop
    if (const auto it = roles_.find(role_name); it != roles_.end()) {
      for (const policy::grant& g : it->second->grants) expand(g, out, entry_at, via);
      for (const policy::text& parent : it->second->extends) {
        collect(parent.value, out, visiting, entry_at != nullptr ? entry_at : &parent.at,
                via.empty() ? parent.value : via);
      }
      return;
    }
    if (const schemas::builtin_role* b = catalog_.role(role_name)) {
      for (const schemas::role_permission& p : b->permissions) {
        std::map<std::string, nlohmann::ordered_json> params;
        for (const schemas::param_value& v : p.params) {
          params[v.name] = v.is_boolean ? nlohmann::ordered_json(v.text == "true") : nlohmann::ordered_json(v.text);
        }
        out.push_back({p.name, p.action, ordered_params(params), entry_at != nullptr ? *entry_at : policy::location{}, via});
      }
    }
  }

 private:
  const schemas::catalog& catalog_;
  std::map<std::string, const policy::role*> roles_;

  static void expand(const policy::grant& g, std::vector<entry>& out, const policy::location* entry_at,
                     const std::string& via) {
    std::map<std::string, nlohmann::ordered_json> params;
    for (const policy::param& p : g.params) params[p.name] = param_json(p);
    const auto where = [&](const policy::location& own) { return entry_at != nullptr ? *entry_at : own; };
    if (g.mode.present) {
      params["mode"] = g.mode.value;
      if (g.history.present) params["history"] = g.history.value;
      out.push_back({g.permission.value, "mode", ordered_params(params), where(g.at), via});
      return;
    }
    for (const policy::text& action : g.actions) {
      out.push_back({g.permission.value, action.value, ordered_params(params), where(action.at), via});
    }
  }
};

std::string trimmed(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

}  // namespace

std::string entry::key() const {
  return permission + '\n' + action + '\n' + params.dump();
}

std::optional<compiled> compile(const policy::policy& p, const schemas::catalog& catalog,
                                const std::optional<std::string>& env, std::string& error) {
  compiled out;
  if (p.project_id.present) out.project_id = p.project_id.value;
  out.api_version = p.api_version.present ? p.api_version.value : default_api_version;
  if (env) {
    const auto it = std::find_if(p.targets.begin(), p.targets.end(), [&](const policy::target& t) { return t.name.value == *env; });
    if (it == p.targets.end()) {
      std::vector<std::string> names;
      for (const auto& t : p.targets) names.push_back(t.name.value);
      error = names.empty() ? fmt::format("no target `{}`: the policy defines no [targets.NAME]", *env)
                            : fmt::format("no target `{}`; the policy defines {}", *env, fmt::join(names, ", "));
      if (auto guess = util::closest(*env, names)) error += fmt::format(" (did you mean `{}`?)", *guess);
      return std::nullopt;
    }
    if (it->project.present) out.project_id = it->project.value;
    if (it->api_version.present) out.api_version = it->api_version.value;
  }

  for (const policy::permission& perm : p.permissions) {
    permission compiled_permission{&perm, perm.type.present ? perm.type.value : "sanity.document.filter", std::nullopt};
    if (perm.filter) compiled_permission.filter = trimmed(perm.filter->text);
    out.permissions.push_back(std::move(compiled_permission));
  }
  std::sort(out.permissions.begin(), out.permissions.end(),
            [](const permission& a, const permission& b) { return a.source->name.value < b.source->name.value; });

  const resolver resolve(p, catalog);
  for (const policy::role& r : p.roles) {
    role compiled_role;
    compiled_role.source = &r;
    compiled_role.applies_to_users = !r.applies_to_users.present || r.applies_to_users.value;
    compiled_role.applies_to_robots = !r.applies_to_robots.present || r.applies_to_robots.value;
    std::set<std::string> visiting;
    resolve.collect(r.name.value, compiled_role.entries, visiting, nullptr, "");
    // One entry per (permission, action, params): the role's own grant wins over one that came
    // through `extends`, so that messages point at what the user wrote.
    std::stable_sort(compiled_role.entries.begin(), compiled_role.entries.end(), [](const entry& a, const entry& b) {
      return std::pair(a.key(), !a.via.empty()) < std::pair(b.key(), !b.via.empty());
    });
    compiled_role.entries.erase(std::unique(compiled_role.entries.begin(), compiled_role.entries.end(),
                                            [](const entry& a, const entry& b) { return a.key() == b.key(); }),
                                compiled_role.entries.end());
    out.roles.push_back(std::move(compiled_role));
  }
  std::sort(out.roles.begin(), out.roles.end(),
            [](const role& a, const role& b) { return a.source->name.value < b.source->name.value; });
  return out;
}

}  // namespace rolec::build
