#include "build/compile.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "util/spell.hpp"

namespace rolec::build {

std::vector<const resolve::grant*> sent_grants(const resolve::role& r) {
  std::vector<const resolve::grant*> out;
  out.reserve(r.sent.size());
  for (const std::size_t i : r.sent) out.push_back(&r.effective[i]);
  return out;
}

std::optional<compiled> compile(const policy::policy& p, const resolve::resolved_policy& resolved,
                                const std::optional<std::string>& env, std::string& error) {
  compiled out;
  if (p.project_id.present) out.project_id = p.project_id.value;
  out.api_version = p.api_version.present ? p.api_version.value : default_api_version;
  for (const policy::text& d : p.public_datasets) out.public_datasets.push_back(d.value);
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
    if (it->public_datasets_given) {
      out.public_datasets.clear();
      for (const policy::text& d : it->public_datasets) out.public_datasets.push_back(d.value);
    }
  }
  for (const resolve::permission& perm : resolved.custom_permissions()) out.permissions.push_back(&perm);
  std::sort(out.permissions.begin(), out.permissions.end(),
            [](const auto* a, const auto* b) { return a->name() < b->name(); });
  for (const resolve::role& r : resolved.custom_roles()) out.roles.push_back(&r);
  std::sort(out.roles.begin(), out.roles.end(), [](const auto* a, const auto* b) { return a->name() < b->name(); });
  out.members_managed = resolved.members_managed;
  for (const resolve::member& m : resolved.members) out.members.push_back(&m);
  std::sort(out.members.begin(), out.members.end(), [](const auto* a, const auto* b) { return a->value.id < b->value.id; });
  for (const resolve::robot& r : resolved.robots) out.robots.push_back(&r);
  std::sort(out.robots.begin(), out.robots.end(), [](const auto* a, const auto* b) { return a->name < b->name; });
  return out;
}

}  // namespace rolec::build
