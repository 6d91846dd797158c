#include "emulator/views.hpp"

#include <cctype>

#include "model/api_json.hpp"

namespace rolec::emulator {
namespace {

// `editHistory` -> `Edit history`: Sanity shows titles, the schemas only list action names.
std::string action_title(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if (std::isupper(static_cast<unsigned char>(c)) != 0) {
      out += ' ';
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += out.empty() ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    }
  }
  return out;
}

}  // namespace

json actions_json(const permission& p) {
  json out = json::array();
  if (p.kind == nullptr) return out;
  for (const std::string& action : p.kind->actions) {
    out.push_back({{"name", action}, {"title", action_title(action)}, {"description", ""}});
  }
  return out;
}

json permission_json(const project& in, const permission& p) {
  json config = json::object();
  if (p.filter) config["filter"] = *p.filter;
  return json{{"name", p.name},
              {"title", p.title.value_or("")},
              {"description", p.description},
              {"type", p.type},
              {"config", std::move(config)},
              {"resourceType", "project"},
              {"resourceId", in.id},
              {"ownerOrganizationId", in.organization_id},
              {"actions", actions_json(p)}};
}

json role_json(const project& in, const role& r) {
  json permissions = json::array();
  for (const model::grant& g : r.grants) {
    permissions.push_back({{"name", g.permission}, {"action", g.action.name}, {"params", model::params_json(g)}});
  }
  return json{{"name", r.name},
              {"title", r.title.value_or("")},
              {"description", r.description},
              {"isCustom", r.is_custom.value_or(true)},
              {"resourceType", "project"},
              {"resourceId", in.id},
              {"appliesToUsers", r.applies_to_users},
              {"appliesToRobots", r.applies_to_robots},
              {"permissions", std::move(permissions)}};
}

json user_json(const project& in, const user& u) {
  json profile{{"id", u.id}, {"displayName", u.display_name}};
  if (!u.email.empty()) profile["email"] = u.email;
  json membership{{"resourceType", "project"}, {"resourceId", in.id}, {"roleNames", u.roles}};
  return json{{"sanityUserId", u.id}, {"profile", std::move(profile)}, {"memberships", json::array({std::move(membership)})}};
}

}  // namespace rolec::emulator
