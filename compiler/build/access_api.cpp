// The `access-api` target: request bodies for POST /permissions and POST /roles.

#include <fmt/format.h>

#include "build/findings.hpp"
#include "build/target.hpp"
#include "model/api_json.hpp"

namespace rolec::build {

nlohmann::ordered_json bundle_header(std::string_view target_name, const compiled& c, const std::string& api_version) {
  nlohmann::ordered_json j;
  j["format_version"] = "1";
  j["target"] = target_name;
  j["api_version"] = api_version;
  j["resource"] = {{"type", "project"}, {"id", c.project_id ? nlohmann::ordered_json(*c.project_id) : nullptr}};
  return j;
}

output emit_access_api(const compiled& c) {
  output out;
  out.bundle = bundle_header("access-api", c, c.api_version);
  auto& permissions = out.bundle["permissions"] = nlohmann::ordered_json::array();
  for (const resolve::permission* p : c.permissions) {
    permissions.push_back(model::to_api(p->api_value()));
    out.files.emplace_back(fmt::format("permissions/{}.json", p->name()), permissions.back());
  }
  auto& roles = out.bundle["roles"] = nlohmann::ordered_json::array();
  for (const resolve::role* r : c.roles) {
    roles.push_back(model::to_api(r->api_value()));
    out.files.emplace_back(fmt::format("roles/{}.json", r->name()), roles.back());
  }
  // Memberships have no request body (`PUT /users/{id}/roles/{role}`): the bundle lists each
  // member's roles in the shape `GET /users` reports them. Absent unless the policy manages them.
  if (c.members_managed) {
    auto& members = out.bundle["members"] = nlohmann::ordered_json::array();
    for (const resolve::member* m : c.members) {
      if (m->value.id == "everyone") {
        // `everyone` is the visitor without a token of `system.group` documents; the Access API
        // has no such user, and gives visitors access through public datasets alone.
        // A warning, not an error: `rolec plan` builds with this target, and an imported policy
        // keeps `everyone` for --target groups.
        out.diagnostics.push_back(finding_at(diag::rule::target_approximation, m->written->id.at,
                                             "the access-api target leaves out `everyone`, the visitor without a token: "
                                             "the Access API has no such user",
                                             "list the dataset in `public_datasets` for visitors to read it, or build "
                                             "with --target groups"));
        continue;
      }
      members.push_back({{"sanityUserId", m->value.id}, {"roleNames", m->value.roles}});
    }
    out.files.emplace_back("members.json", members);
  }
  if (!c.robots.empty()) {
    auto& robots = out.bundle["robots"] = nlohmann::ordered_json::array();
    for (const resolve::robot* r : c.robots) {
      robots.push_back(model::to_api(r->value, model::scope::project, c.project_id));
      out.files.emplace_back(fmt::format("robots/{}.json", r->name), robots.back());
    }
  }
  return out;
}

output emit(target which, const compiled& c) {
  switch (which) {
    case target::access_api: return emit_access_api(c);
    case target::roles_api: return emit_roles_api(c);
    case target::groups: return emit_groups(c);
    case target::blueprint: return emit_blueprint(c);
  }
  return {};
}

}  // namespace rolec::build
