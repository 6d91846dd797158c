#include "schemas/catalog.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

namespace rolec::schemas {

// Defined in the file cmake/embed.cmake generates from schemas/*.json.
extern const std::string_view permission_types_json;
extern const std::string_view predefined_permissions_json;
extern const std::string_view builtin_roles_json;

bool permission_type::has_action(std::string_view action) const {
  return std::find(actions.begin(), actions.end(), action) != actions.end();
}

const param_spec* permission_type::param(std::string_view name) const {
  for (const param_spec& p : params) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

namespace {

std::string optional_string(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

catalog::catalog(std::string_view types_json, std::string_view permissions_json, std::string_view roles_json) {
  const auto types = nlohmann::json::parse(types_json);
  for (const auto& t : types.at("types")) {
    permission_type out;
    out.type = t.at("type").get<std::string>();
    out.scope = optional_string(t, "scope");
    out.actions = t.at("actions").get<std::vector<std::string>>();
    out.takes_filter = optional_string(t, "filter") == "required";
    if (const auto params = t.find("params"); params != t.end() && params->is_object()) {
      for (const auto& [name, spec] : params->items()) {
        param_spec p;
        p.name = name;
        p.type = optional_string(spec, "type");
        if (const auto values = spec.find("enum"); values != spec.end()) p.values = values->get<std::vector<std::string>>();
        p.required = spec.value("required", false);
        out.params.push_back(std::move(p));
      }
    }
    types_.push_back(std::move(out));
  }
  const auto permissions = nlohmann::json::parse(permissions_json);
  for (const auto& p : permissions.at("permissions")) {
    predefined_permission out;
    out.name = p.at("name").get<std::string>();
    out.type = optional_string(p, "type");
    out.title = optional_string(p, "title");
    if (out.type.empty()) {
      permission_type own;
      own.type = out.name;
      own.scope = optional_string(p, "scope");
      if (const auto actions = p.find("actions"); actions != p.end()) own.actions = actions->get<std::vector<std::string>>();
      out.own_type = std::move(own);
    }
    if (const auto f = p.find("filter"); f != p.end() && f->is_string()) out.filter = f->get<std::string>();
    permissions_.push_back(std::move(out));
  }
  const auto roles = nlohmann::json::parse(roles_json);
  for (const auto& r : roles.at("roles")) {
    builtin_role out;
    out.name = r.at("name").get<std::string>();
    out.title = optional_string(r, "title");
    out.description = optional_string(r, "description");
    out.scope = optional_string(r, "scope");
    out.applies_to_users = r.value("applies_to_users", true);
    out.applies_to_robots = r.value("applies_to_robots", true);
    for (const auto& g : r.at("permissions")) {
      role_permission grant;
      grant.name = g.at("name").get<std::string>();
      grant.action = g.at("action").get<std::string>();
      if (const auto params = g.find("params"); params != g.end() && params->is_object()) {
        for (const auto& [name, v] : params->items()) {
          grant.params.push_back({name, v.is_string() ? v.get<std::string>() : v.dump(), v.is_boolean()});
        }
      }
      out.permissions.push_back(std::move(grant));
    }
    roles_.push_back(std::move(out));
  }
}

const permission_type* catalog::type(std::string_view name) const {
  for (const auto& t : types_) {
    if (t.type == name) return &t;
  }
  return nullptr;
}

const predefined_permission* catalog::permission(std::string_view name) const {
  for (const auto& p : permissions_) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

const permission_type* catalog::type_of(const predefined_permission& p) const {
  return p.own_type ? &*p.own_type : type(p.type);
}

const builtin_role* catalog::role(std::string_view name) const {
  const builtin_role* found = nullptr;
  for (const auto& r : roles_) {
    if (r.name != name) continue;
    if (r.scope == "project") return &r;
    if (found == nullptr) found = &r;
  }
  return found;
}

const catalog& builtin() {
  static const catalog data(permission_types_json, predefined_permissions_json, builtin_roles_json);
  return data;
}

}  // namespace rolec::schemas
