#include "model/canonical.hpp"

#include <algorithm>

#include "model/api_json.hpp"
#include "model/sort.hpp"

namespace rolec::model {

permission canonical(permission p, const std::optional<std::string>& canonical_filter) {
  if (p.filter && canonical_filter) p.filter = canonical_filter;
  p.other_config.clear();
  return p;
}

role canonical(role r) {
  sort_unique(r.grants);
  return r;
}

bool same(const permission& a, const permission& b) {
  return a.title.value_or("") == b.title.value_or("") && a.description == b.description && a.type == b.type &&
         a.filter == b.filter;
}

bool same(const role& a, const role& b) {
  return a.title.value_or("") == b.title.value_or("") && a.description == b.description &&
         a.applies_to_users == b.applies_to_users && a.applies_to_robots == b.applies_to_robots && a.grants == b.grants;
}

nlohmann::json canonical_json(const grant& g) {
  return {{"name", g.permission}, {"action", g.action.name}, {"params", nlohmann::json(params_json(g))}};
}

nlohmann::json canonical_json(const permission& p) {
  nlohmann::json out = {{"title", p.title.value_or("")}, {"description", p.description}, {"type", p.type}};
  if (p.filter) out["filter"] = *p.filter;
  return out;
}

nlohmann::json canonical_json(const role& r) {
  std::vector<nlohmann::json> entries;
  entries.reserve(r.grants.size());
  for (const grant& g : r.grants) entries.push_back(canonical_json(g));
  std::sort(entries.begin(), entries.end());
  entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
  return {{"title", r.title.value_or("")},
          {"description", r.description},
          {"appliesToUsers", r.applies_to_users},
          {"appliesToRobots", r.applies_to_robots},
          {"permissions", entries}};
}

void sort_canonical(std::vector<grant>& grants) {
  sort_grants(grants, [](const grant& g) { return canonical_json(g); }, false);
}

}  // namespace rolec::model
