#include "emulator/state_file.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "emulator/views.hpp"

namespace rolec::emulator {
namespace {

[[noreturn]] void fail(const std::string& where, const std::string& message) {
  throw std::runtime_error(fmt::format("`{}`: {}", where, message));
}

// `where.key`, or `key` at the top level.
std::string member(const std::string& where, std::string_view key) {
  return where.empty() ? std::string(key) : fmt::format("{}.{}", where, key);
}

const json& array_at(const json& obj, const char* key, const std::string& where) {
  static const json empty = json::array();
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return empty;
  if (!it->is_array()) fail(member(where, key), "must be an array");
  return *it;
}

std::string string_at(const json& obj, const char* key, const std::string& where) {
  const auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) fail(member(where, key), "must be a string");
  return it->get<std::string>();
}

// Items saved with their read-only fields: those are the server's to set, so they are dropped
// after checking that the item belongs to this project.
json without_read_only(json item, const project& in, const std::string& where) {
  if (!item.is_object()) fail(where, "must be an object");
  if (const auto it = item.find("resourceId"); it != item.end() && *it != in.id) {
    fail(member(where, "resourceId"), fmt::format("names another project than `{}`", in.id));
  }
  for (const char* key : {"resourceType", "resourceId", "ownerOrganizationId", "actions", "isCustom"}) item.erase(key);
  return item;
}

// `isCustom: false` and predefined names mark what `GET` lists beside the custom items: a pull
// file has them, and the catalogue provides them anyway.
bool is_builtin(const json& item, bool is_builtin_name) {
  const auto custom = item.find("isCustom");
  return is_builtin_name || (custom != item.end() && custom->is_boolean() && !custom->get<bool>());
}

template<typename Create>
void load_item(const json& item, const std::string& where, Create create) {
  try {
    create(item);
  } catch (const api_error& e) {
    fail(where, e.message);
  }
}

std::vector<std::string> role_names_of(const json& item, const project& in, const std::string& where) {
  json names = json::array();
  if (const auto it = item.find("roleNames"); it != item.end()) names = *it;
  for (const json& m : array_at(item, "memberships", where)) {
    if (m.is_object() && m.value("resourceId", in.id) == in.id && m.contains("roleNames")) names = m["roleNames"];
  }
  if (!names.is_array() || names.empty()) fail(member(where, "roleNames"), "must list at least one role");
  std::vector<std::string> out;
  for (const json& n : names) {
    if (!n.is_string()) fail(member(where, "roleNames"), "must hold strings");
    if (in.find_role(n.get<std::string>()) == nullptr) fail(member(where, "roleNames"), fmt::format("role `{}` not found", n.get<std::string>()));
    out.push_back(n.get<std::string>());
  }
  return out;
}

user read_user(const json& item, const project& in, const std::string& where) {
  if (!item.is_object()) fail(where, "must be an object");
  user u;
  u.id = string_at(item, "sanityUserId", where);
  if (const auto profile = item.find("profile"); profile != item.end() && profile->is_object()) {
    u.display_name = profile->value("displayName", "");
    u.email = profile->value("email", "");
  }
  u.roles = role_names_of(item, in, where);
  return u;
}

std::string organization_of(const json& entry) {
  if (const auto it = entry.find("ownerOrganizationId"); it != entry.end() && it->is_string()) return it->get<std::string>();
  for (const json& p : entry.value("permissions", json::array())) {
    if (p.is_object() && p.contains("ownerOrganizationId") && p["ownerOrganizationId"].is_string()) {
      return p["ownerOrganizationId"].get<std::string>();
    }
  }
  return default_organization_id;
}

void load_project(const json& entry, const std::string& where, store& into) {
  if (!entry.is_object()) fail(where, "must be an object");
  const auto resource = entry.find("resource");
  if (resource == entry.end() || !resource->is_object()) fail(member(where, "resource"), "must be an object");
  if (resource->value("type", "") != "project") fail(member(where, "resource.type"), "must be `project`");
  const std::string id = string_at(*resource, "id", member(where, "resource"));
  if (into.find_project(id) != nullptr) fail(member(where, "resource.id"), fmt::format("project `{}` is listed twice", id));
  project& in = into.add_project(id);
  in.organization_id = organization_of(entry);

  const json& permissions = array_at(entry, "permissions", where);
  for (std::size_t i = 0; i < permissions.size(); ++i) {
    const std::string at = fmt::format("{}[{}]", member(where, "permissions"), i);
    const json item = without_read_only(permissions[i], in, at);
    if (is_builtin(permissions[i], builtin_permission(item.value("name", "")) != nullptr)) continue;
    load_item(item, at, [&](const json& body) { (void)into.create_permission(in, body); });
  }
  const json& roles = array_at(entry, "roles", where);
  for (std::size_t i = 0; i < roles.size(); ++i) {
    const std::string at = fmt::format("{}[{}]", member(where, "roles"), i);
    const json item = without_read_only(roles[i], in, at);
    if (is_builtin(roles[i], builtin_role(item.value("name", "")) != nullptr)) continue;
    load_item(item, at, [&](const json& body) { (void)into.create_role(in, body); });
  }
  const json& users = array_at(entry, "users", where);
  for (std::size_t i = 0; i < users.size(); ++i) {
    const std::string at = fmt::format("{}[{}]", member(where, "users"), i);
    user u = read_user(users[i], in, at);
    if (in.users.count(u.id) != 0) fail(member(at, "sanityUserId"), fmt::format("user `{}` is listed twice", u.id));
    in.users.emplace(u.id, std::move(u));
  }
}

}  // namespace

json state_json(const state& s) {
  json projects = json::array();
  for (const auto& [id, p] : s.projects) {
    json permissions = json::array();
    for (const auto& [name, item] : p.permissions) permissions.push_back(permission_json(p, item));
    json roles = json::array();
    for (const auto& [name, item] : p.roles) roles.push_back(role_json(p, item));
    json users = json::array();
    for (const auto& [user_id, item] : p.users) users.push_back(user_json(p, item));
    projects.push_back(json{{"resource", {{"type", "project"}, {"id", id}}},
                            {"ownerOrganizationId", p.organization_id},
                            {"permissions", std::move(permissions)},
                            {"roles", std::move(roles)},
                            {"users", std::move(users)}});
  }
  return json{{"format_version", state_format_version}, {"projects", std::move(projects)}};
}

void load_state(const json& document, store& into) {
  if (!document.is_object()) throw std::runtime_error("the state must be a JSON object");
  const auto version = document.find("format_version");
  if (version == document.end() || *version != state_format_version) {
    throw std::runtime_error(fmt::format("`format_version` must be \"{}\"", state_format_version));
  }
  // A `rolec pull` file is one project at the top level.
  if (!document.contains("projects") && document.contains("resource")) {
    load_project(document, "", into);
    return;
  }
  const json& projects = array_at(document, "projects", "");
  for (std::size_t i = 0; i < projects.size(); ++i) load_project(projects[i], fmt::format("projects[{}]", i), into);
}

}  // namespace rolec::emulator
