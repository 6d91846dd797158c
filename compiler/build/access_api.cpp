// The `access-api` target: request bodies for POST /permissions and POST /roles.

#include <fmt/format.h>

#include "build/target.hpp"

namespace rolec::build {

nlohmann::ordered_json bundle_header(std::string_view target_name, const compiled& c, const std::string& api_version) {
  nlohmann::ordered_json j;
  j["format_version"] = "1";
  j["target"] = target_name;
  j["api_version"] = api_version;
  j["resource"] = {{"type", "project"}, {"id", c.project_id ? nlohmann::ordered_json(*c.project_id) : nullptr}};
  return j;
}

namespace {

nlohmann::ordered_json permission_body(const permission& p) {
  nlohmann::ordered_json j;
  j["name"] = p.source->name.value;
  j["title"] = p.source->title.value;
  j["description"] = p.source->description.value;  // the API's default is "" as well
  j["type"] = p.type;
  j["config"] = nlohmann::ordered_json::object();
  if (p.filter) j["config"]["filter"] = *p.filter;
  return j;
}

nlohmann::ordered_json role_body(const role& r) {
  nlohmann::ordered_json j;
  j["name"] = r.source->name.value;
  j["title"] = r.source->title.value;
  j["description"] = r.source->description.value;
  j["appliesToUsers"] = r.applies_to_users;
  j["appliesToRobots"] = r.applies_to_robots;
  auto& permissions = j["permissions"] = nlohmann::ordered_json::array();
  for (const entry& e : r.entries) {
    nlohmann::ordered_json p;
    p["name"] = e.permission;
    p["action"] = e.action;
    if (!e.params.empty()) p["params"] = e.params;
    permissions.push_back(std::move(p));
  }
  return j;
}

}  // namespace

output emit_access_api(const compiled& c) {
  output out;
  out.bundle = bundle_header("access-api", c, c.api_version);
  auto& permissions = out.bundle["permissions"] = nlohmann::ordered_json::array();
  for (const permission& p : c.permissions) {
    permissions.push_back(permission_body(p));
    out.files.emplace_back(fmt::format("permissions/{}.json", p.source->name.value), permissions.back());
  }
  auto& roles = out.bundle["roles"] = nlohmann::ordered_json::array();
  for (const role& r : c.roles) {
    roles.push_back(role_body(r));
    out.files.emplace_back(fmt::format("roles/{}.json", r.source->name.value), roles.back());
  }
  return out;
}

output emit(target which, const compiled& c, const schemas::catalog& catalog) {
  switch (which) {
    case target::access_api: return emit_access_api(c);
    case target::roles_api: return emit_roles_api(c, catalog);
    case target::groups: return emit_groups(c, catalog);
  }
  return {};
}

}  // namespace rolec::build
