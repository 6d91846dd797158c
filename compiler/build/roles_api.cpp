// The `roles-api` target: the call sequence of the 2021 project Roles API (reference §4a, from
// S4 and RA). Every body below has a documented shape except `params` on POST /grants: the
// documented body is `{roleName, permissionName, permissionResourceId}`, and `params` is inferred
// from the grants GET /roles returns (`{name, params}`, with mode, history or datasetPolicyName).

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <tuple>

#include "build/findings.hpp"
#include "build/target.hpp"
#include "model/api_json.hpp"

namespace rolec::build {

namespace {

// The version the Roles API reference documents these endpoints under (S4).
constexpr const char* roles_api_version = "v2021-06-07";

// Grants refer to permission resources by the id their creation returns; the bundle cannot know
// it, so it names the resource and a script substitutes the id. The ids of predefined resources
// (`sanity-project`, `sanity-all-documents`, ...) are not created here: they come from
// GET /permissionResources.
std::string resource_placeholder(const std::string& permission) {
  return fmt::format("{{{{resource:{}}}}}", permission);
}

// The dataset a grant is limited to, as its message names it (a mistyped one as JSON).
std::optional<std::string> limited_dataset(const model::grant& g) {
  if (g.dataset) return g.dataset;
  for (const model::param& p : g.others) {
    if (p.name == "dataset") return model::to_json(p.value).dump();
  }
  return std::nullopt;
}

nlohmann::ordered_json post(const std::string& path, nlohmann::ordered_json body) {
  nlohmann::ordered_json call;
  call["method"] = "POST";
  call["path"] = path;
  call["body"] = std::move(body);
  return call;
}

nlohmann::ordered_json resource_body(const model::permission& p) {
  nlohmann::ordered_json body;
  body["permissionResourceType"] = p.type;
  body["title"] = p.title.value_or("");
  body["description"] = p.description;
  body["config"] = nlohmann::ordered_json::object();
  if (p.filter) body["config"]["filter"] = *p.filter;
  return body;
}

}  // namespace

output emit_roles_api(const compiled& c) {
  output out;
  out.bundle = bundle_header("roles-api", c, roles_api_version);
  const std::string base = fmt::format("/projects/{}", c.project_id.value_or("{projectId}"));
  auto& calls = out.bundle["calls"] = nlohmann::ordered_json::array();

  for (const resolve::permission* p : c.permissions) {
    nlohmann::ordered_json call = post(base + "/permissionResources", resource_body(p->api_value()));
    call["result"] = fmt::format("resource:{}", p->name());
    calls.push_back(std::move(call));
  }
  for (const resolve::role* r : c.roles) {
    // POST /roles creates an empty role from a title, a name and a description only.
    warn_dropped_audience(*r, "roles-api", "POST /roles takes only a title, a name and a description",
                          "build with the access-api target, which sends it; otherwise check who may hold the role "
                          "once it exists",
                          out.diagnostics);
    nlohmann::ordered_json body;
    body["title"] = r->value.title.value_or("");
    body["name"] = r->name();
    body["description"] = r->value.description;
    calls.push_back(post(base + "/roles", std::move(body)));
  }
  for (const resolve::role* r : c.roles) {
    for (const resolve::grant* e : sent_grants(*r)) {
      if (const auto dataset = limited_dataset(e->value)) {
        const std::string& name = *dataset;
        out.diagnostics.push_back(grant_finding(
            diag::rule::target_unsupported, *e,
            fmt::format("the roles-api target cannot limit {} to dataset `{}`: the 2021 Roles API scopes grants by "
                        "dataset policy, not by dataset",
                        describe_grant(*e), name),
            "leave `dataset` out, so that the grant covers every dataset, or build with the access-api target"));
        continue;
      }
      nlohmann::ordered_json body;
      body["roleName"] = r->name();
      body["permissionName"] = e->value.action.name;
      body["permissionResourceId"] = resource_placeholder(e->value.permission);
      if (e->value.has_params()) body["params"] = model::params_json(e->value);
      calls.push_back(post(base + "/grants", std::move(body)));
    }
  }

  // One file per call, numbered from 1 so that the files sort in call order.
  const std::size_t width = std::max<std::size_t>(3, fmt::formatted_size("{}", calls.size()));
  for (std::size_t i = 0; i < calls.size(); ++i) {
    out.files.emplace_back(fmt::format("calls/{:0{}}.json", i + 1, width), calls[i]);
  }
  warn_left_out(c, "roles-api", "its calls create roles and grants, and give no one a role",
                "its calls create roles and grants, not robot tokens", out.diagnostics);
  sort_by_place(out.diagnostics);
  return out;
}

}  // namespace rolec::build
