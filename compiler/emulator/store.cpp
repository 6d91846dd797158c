#include "emulator/store.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "emulator/validate.hpp"
#include "emulator/views.hpp"

namespace rolec::emulator {
namespace {

template<typename Item>
using by_name = std::map<std::string, Item, std::less<>>;

// How messages name the two kinds of items that share the code below.
struct kind_names {
  const char* noun;     // "role"
  const char* builtin;  // "a built-in role"
};
constexpr kind_names permission_names{"permission", "a predefined permission"};
constexpr kind_names role_names{"role", "a built-in role"};

// Listing order: built-ins in catalogue order, then custom items by name. The first character of
// a key puts the groups in that order; the rest orders items within their group.
template<typename Item, typename View>
json list_items(const std::vector<Item>& builtins, const by_name<Item>& custom, const page_request& request, View view) {
  std::vector<listed> items;
  for (std::size_t i = 0; i < builtins.size(); ++i) items.push_back({fmt::format("0{:04}", i), view(builtins[i])});
  for (const auto& [name, item] : custom) items.push_back({"1" + name, view(item)});
  return page(std::move(items), request);
}

[[noreturn]] void not_found(const kind_names& kind, std::string_view name) {
  throw api_error{404, fmt::format("{} `{}` not found", kind.noun, name)};
}

// The custom item `name`, which a write may change: built-ins are refused with 403.
template<typename Item>
Item& writable(by_name<Item>& custom, const Item* builtin, const kind_names& kind, std::string_view name) {
  if (builtin != nullptr) throw api_error{403, fmt::format("`{}` is {} and cannot be changed", name, kind.builtin)};
  const auto it = custom.find(name);
  if (it == custom.end()) not_found(kind, name);
  return it->second;
}

void check_new_name(bool taken, const kind_names& kind, std::string_view name) {
  if (taken) throw api_error{409, fmt::format("{} `{}` already exists", kind.noun, name)};
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  for (const std::string& n : names) quoted.push_back(fmt::format("`{}`", n));
  return fmt::format("{}", fmt::join(quoted, ", "));
}

user& member(project& in, std::string_view id) {
  const auto it = in.users.find(id);
  if (it == in.users.end()) throw api_error{404, fmt::format("user `{}` is not a member of project `{}`", id, in.id)};
  return it->second;
}

}  // namespace

project& store::add_project(const std::string& id) {
  auto [it, added] = state_.projects.try_emplace(id);
  if (added) {
    it->second.id = id;
    ++version_;
  }
  return it->second;
}

project* store::find_project(std::string_view id) {
  const auto it = state_.projects.find(id);
  return it == state_.projects.end() ? nullptr : &it->second;
}

reply store::list_permissions(const project& in, const page_request& page) const {
  return {200, list_items(builtin_permissions(), in.permissions, page, [&](const permission& p) { return permission_json(in, p); })};
}

reply store::get_permission(const project& in, std::string_view name) const {
  const permission* p = in.find_permission(name);
  if (p == nullptr) not_found(permission_names, name);
  return {200, permission_json(in, *p)};
}

reply store::create_permission(project& in, const json& body) {
  permission p = read_permission_body(in, body);
  check_new_name(in.find_permission(p.name) != nullptr, permission_names, p.name);
  reply out{201, permission_json(in, p)};
  in.permissions.emplace(p.name, std::move(p));
  ++version_;
  return out;
}

reply store::update_permission(project& in, std::string_view name, const json& body) {
  permission& current = writable(in.permissions, builtin_permission(name), permission_names, name);
  permission p = read_permission_body(in, body, name);
  // A new type would change the actions that roles already grant on it.
  if (p.type != current.type) {
    throw api_error{400, fmt::format("`type` of permission `{}` is {} and cannot be changed", name, current.type)};
  }
  current = std::move(p);
  ++version_;
  return {200, permission_json(in, current)};
}

reply store::delete_permission(project& in, std::string_view name) {
  const permission& current = writable(in.permissions, builtin_permission(name), permission_names, name);
  std::vector<std::string> users_of;
  for (const auto& [role_name, r] : in.roles) {
    if (r.refers_to(name)) users_of.push_back(role_name);
  }
  if (!users_of.empty()) {
    ++invariant_violations_;
    throw api_error{409, fmt::format("permission `{}` is used by role {}; remove it from the roles first", name,
                                     quoted_list(users_of))};
  }
  reply out{200, permission_json(in, current)};
  in.permissions.erase(in.permissions.find(name));
  ++version_;
  return out;
}

void store::check_role(const project& in, const role& r) {
  if (const int missing = missing_permission(in, r); missing >= 0) {
    ++invariant_violations_;
    throw api_error{400, fmt::format("`permissions[{}].name`: permission `{}` does not exist in project `{}`", missing,
                                     r.grants[static_cast<std::size_t>(missing)].permission, in.id)};
  }
  check_grants(in, r);
}

reply store::list_roles(const project& in, const page_request& page) const {
  return {200, list_items(builtin_roles(), in.roles, page, [&](const role& r) { return role_json(in, r); })};
}

reply store::get_role(const project& in, std::string_view name) const {
  const role* r = in.find_role(name);
  if (r == nullptr) not_found(role_names, name);
  return {200, role_json(in, *r)};
}

reply store::create_role(project& in, const json& body) {
  role r = read_role_body(in, body);
  check_new_name(in.find_role(r.name) != nullptr, role_names, r.name);
  check_role(in, r);
  reply out{201, role_json(in, r)};
  in.roles.emplace(r.name, std::move(r));
  ++version_;
  return out;
}

reply store::update_role(project& in, std::string_view name, const json& body) {
  role& current = writable(in.roles, builtin_role(name), role_names, name);
  role r = read_role_body(in, body, name);
  check_role(in, r);
  current = std::move(r);
  ++version_;
  return {200, role_json(in, current)};
}

reply store::delete_role(project& in, std::string_view name) {
  const role& current = writable(in.roles, builtin_role(name), role_names, name);
  std::vector<std::string> holders;
  for (const auto& [id, u] : in.users) {
    if (u.holds(name)) holders.push_back(id);
  }
  if (!holders.empty()) {
    throw api_error{409, fmt::format("role `{}` is assigned to user {}; take it from them first", name, quoted_list(holders))};
  }
  reply out{200, role_json(in, current)};
  in.roles.erase(in.roles.find(name));
  ++version_;
  return out;
}

reply store::list_users(const project& in, const page_request& page) const {
  std::vector<listed> items;
  for (const auto& [id, u] : in.users) items.push_back({id, user_json(in, u)});
  json out = emulator::page(std::move(items), page);
  out["totalCount"] = in.users.size();
  return {200, std::move(out)};
}

reply store::get_user(const project& in, std::string_view id) const {
  const auto it = in.users.find(id);
  if (it == in.users.end()) throw api_error{404, fmt::format("user `{}` is not a member of project `{}`", id, in.id)};
  return {200, user_json(in, it->second)};
}

reply store::add_user_role(project& in, std::string_view user_id, std::string_view role_name) {
  user& u = member(in, user_id);
  const role* r = in.find_role(role_name);
  if (r == nullptr) not_found(role_names, role_name);
  if (!r->applies_to_users) throw api_error{400, fmt::format("role `{}` does not apply to users", role_name)};
  if (!u.holds(role_name)) {
    u.roles.emplace_back(role_name);
    ++version_;
  }
  return {201, user_json(in, u)};
}

reply store::remove_user_role(project& in, std::string_view user_id, std::string_view role_name) {
  user& u = member(in, user_id);
  if (!u.holds(role_name)) throw api_error{404, fmt::format("user `{}` does not hold role `{}`", user_id, role_name)};
  if (u.roles.size() == 1) {
    throw api_error{409, fmt::format("`{}` is the last role of user `{}`; a user must hold at least one role", role_name, user_id)};
  }
  const bool other_administrator = std::any_of(in.users.begin(), in.users.end(), [&](const auto& entry) {
    return entry.first != user_id && entry.second.holds("administrator");
  });
  if (role_name == "administrator" && !other_administrator) {
    throw api_error{409, fmt::format("user `{}` is the last administrator of project `{}`", user_id, in.id)};
  }
  u.roles.erase(std::find(u.roles.begin(), u.roles.end(), role_name));
  ++version_;
  return {200, user_json(in, u)};
}

bool store::invariant_holds() const {
  return std::all_of(state_.projects.begin(), state_.projects.end(), [](const auto& entry) {
    const project& p = entry.second;
    return std::all_of(p.roles.begin(), p.roles.end(), [&](const auto& r) { return missing_permission(p, r.second) < 0; });
  });
}

}  // namespace rolec::emulator
