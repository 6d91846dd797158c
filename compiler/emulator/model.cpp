#include "emulator/model.hpp"

#include <algorithm>

namespace rolec::emulator {
namespace {

// Organisation permissions are not served: the emulator has projects only.
bool is_project_scope(const schemas::permission_type* type) { return type != nullptr && type->scope == model::scope::project; }

std::vector<permission> read_builtin_permissions() {
  const schemas::catalog& catalog = schemas::builtin();
  std::vector<permission> out;
  for (const schemas::predefined_permission& p : catalog.permissions()) {
    const schemas::permission_type* type = catalog.type_of(p);
    if (!is_project_scope(type)) continue;
    permission item;
    static_cast<model::permission&>(item) = p;
    item.type = p.type.empty() ? p.name : p.type;
    item.kind = type;
    item.is_custom = false;
    out.push_back(std::move(item));
  }
  return out;
}

std::vector<role> read_builtin_roles() {
  std::vector<role> out;
  for (const schemas::builtin_role& r : schemas::builtin().roles()) {
    if (r.scope != model::scope::project) continue;
    role item;
    static_cast<model::role&>(item) = r;
    item.is_custom = false;
    out.push_back(std::move(item));
  }
  return out;
}

template<typename Item>
const Item* by_name(const std::vector<Item>& items, std::string_view name) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const Item& i) { return i.name == name; });
  return it == items.end() ? nullptr : &*it;
}

template<typename Item>
const Item* by_name(const std::map<std::string, Item, std::less<>>& items, std::string_view name) {
  const auto it = items.find(name);
  return it == items.end() ? nullptr : &it->second;
}

}  // namespace

bool role::allows(std::string_view permission_name, std::string_view action) const {
  return std::any_of(grants.begin(), grants.end(), [&](const model::grant& g) {
    return g.permission == permission_name && g.action.name == action;
  });
}

bool role::refers_to(std::string_view permission_name) const {
  return std::any_of(grants.begin(), grants.end(), [&](const model::grant& g) { return g.permission == permission_name; });
}

bool user::holds(std::string_view role_name) const { return std::find(roles.begin(), roles.end(), role_name) != roles.end(); }

const permission* project::find_permission(std::string_view name) const {
  const permission* p = builtin_permission(name);
  return p != nullptr ? p : by_name(permissions, name);
}

const role* project::find_role(std::string_view name) const {
  const role* r = builtin_role(name);
  return r != nullptr ? r : by_name(roles, name);
}

const std::vector<permission>& builtin_permissions() {
  static const std::vector<permission> items = read_builtin_permissions();
  return items;
}

const std::vector<role>& builtin_roles() {
  static const std::vector<role> items = read_builtin_roles();
  return items;
}

const permission* builtin_permission(std::string_view name) { return by_name(builtin_permissions(), name); }

const role* builtin_role(std::string_view name) { return by_name(builtin_roles(), name); }

}  // namespace rolec::emulator
