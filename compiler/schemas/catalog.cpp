#include "schemas/catalog.hpp"

#include <simdjson.h>

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

// The schemas are read with simdjson: this runs at every start of `rolec lint`, where each
// fraction of a millisecond shows. The data is ours and checked by tests, so a malformed file is
// a build defect and throws.
using element = simdjson::dom::element;

std::string optional_string(element e, const char* key) {
  std::string_view text;
  return e[key].get(text) == simdjson::SUCCESS ? std::string(text) : std::string();
}

bool optional_bool(element e, const char* key, bool fallback) {
  bool b = fallback;
  return e[key].get(b) == simdjson::SUCCESS ? b : fallback;
}

model::scope read_scope(const std::string& name) {
  if (name.empty()) return model::scope::project;
  const auto s = model::scope_named(name);
  if (!s) throw std::runtime_error("schemas: `" + name + "` is not a scope");
  return *s;
}

std::vector<std::string> strings(simdjson::dom::array array) {
  std::vector<std::string> out;
  for (element item : array) out.emplace_back(std::string_view(item));
  return out;
}

}  // namespace

catalog::catalog(std::string_view types_json, std::string_view permissions_json, std::string_view roles_json) {
  simdjson::dom::parser parser;
  for (element t : parser.parse(types_json.data(), types_json.size())["types"].get_array()) {
    permission_type out;
    out.type = std::string(std::string_view(t["type"]));
    out.scope = read_scope(optional_string(t, "scope"));
    out.actions = strings(t["actions"].get_array());
    out.takes_filter = optional_string(t, "filter") == "required";
    simdjson::dom::object params;
    if (t["params"].get(params) == simdjson::SUCCESS) {
      for (auto [name, spec] : params) {
        param_spec p;
        p.name = std::string(name);
        p.type = optional_string(spec, "type");
        simdjson::dom::array values;
        if (spec["enum"].get(values) == simdjson::SUCCESS) p.values = strings(values);
        p.required = optional_bool(spec, "required", false);
        out.params.push_back(std::move(p));
      }
    }
    types_.push_back(std::move(out));
  }
  for (element p : parser.parse(permissions_json.data(), permissions_json.size())["permissions"].get_array()) {
    predefined_permission out;
    out.name = std::string(std::string_view(p["name"]));
    out.type = optional_string(p, "type");
    out.title = optional_string(p, "title");
    if (out.type.empty()) {
      permission_type own;
      own.type = out.name;
      own.scope = read_scope(optional_string(p, "scope"));
      simdjson::dom::array actions;
      if (p["actions"].get(actions) == simdjson::SUCCESS) own.actions = strings(actions);
      out.own_type = std::move(own);
    }
    std::string_view filter;
    if (p["filter"].get(filter) == simdjson::SUCCESS) out.filter = std::string(filter);
    permissions_.push_back(std::move(out));
  }
  for (element r : parser.parse(roles_json.data(), roles_json.size())["roles"].get_array()) {
    builtin_role out;
    out.name = std::string(std::string_view(r["name"]));
    out.title = optional_string(r, "title");
    out.description = optional_string(r, "description");
    out.scope = read_scope(optional_string(r, "scope"));
    out.is_custom = false;
    out.applies_to_users = optional_bool(r, "applies_to_users", true);
    out.applies_to_robots = optional_bool(r, "applies_to_robots", true);
    for (element g : r["permissions"].get_array()) {
      model::grant grant;
      grant.permission = std::string(std::string_view(g["name"]));
      grant.action = model::action::named(std::string(std::string_view(g["action"])));
      simdjson::dom::object params;
      if (g["params"].get(params) == simdjson::SUCCESS) {
        // The built-in roles' params are strings and booleans (tests check the data).
        for (auto [name, v] : params) {
          std::string_view text;
          bool flag = false;
          if (v.get(text) == simdjson::SUCCESS) {
            grant.set_param(std::string(name), model::param_value::of(std::string(text)));
          } else if (v.get(flag) == simdjson::SUCCESS) {
            grant.set_param(std::string(name), model::param_value::of(flag));
          } else {
            throw std::runtime_error("builtin-roles.json: a parameter is neither a string nor a boolean");
          }
        }
      }
      out.grants.push_back(std::move(grant));
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

model::scope catalog::scope_of(const predefined_permission& p) const {
  const permission_type* t = type_of(p);
  return t != nullptr ? t->scope : model::scope::project;
}

const builtin_role* catalog::role(std::string_view name) const {
  const builtin_role* found = nullptr;
  for (const auto& r : roles_) {
    if (r.name != name) continue;
    if (r.scope == model::scope::project) return &r;
    if (found == nullptr) found = &r;
  }
  return found;
}

const catalog& builtin() {
  static const catalog data(permission_types_json, predefined_permissions_json, builtin_roles_json);
  return data;
}

}  // namespace rolec::schemas
