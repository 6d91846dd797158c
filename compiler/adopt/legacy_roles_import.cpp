#include "adopt/legacy_roles_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "adopt/filter_names.hpp"
#include "adopt/input_json.hpp"
#include "model/api_json.hpp"

namespace rolec::adopt {
namespace {

using json = nlohmann::ordered_json;

std::optional<bool> flag_of(const json& obj, std::string_view key, const std::string& where) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_boolean()) fail(fmt::format("`{}.{}` must be true or false", where, key));
  return it->get<bool>();
}

const json& member_of(const json& obj, std::string_view key, const std::string& where, bool array) {
  static const json empty_object = json::object();
  static const json empty_array = json::array();
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return array ? empty_array : empty_object;
  if (array ? !it->is_array() : !it->is_object()) {
    fail(fmt::format("`{}.{}` must be {}", where, key, array ? "an array" : "an object"));
  }
  return *it;
}

// One entry of a role's `grants`: a permission resource (type and filter) and the grants on it.
struct resource_grants {
  std::string type;
  std::optional<std::string> filter;
  std::string where;
  std::vector<std::pair<std::string, json>> grants;  // action, params
};

struct listed_role {
  model::role role;
  std::vector<resource_grants> resources;
};

class reader {
 public:
  reader(const schemas::catalog& catalog, live_state& into) : catalog_(catalog), into_(into) {}

  void listing(const json& doc) {
    if (!doc.is_array()) fail("a Roles API listing must be an array of roles");
    for (std::size_t i = 0; i < doc.size(); ++i) role(doc[i], fmt::format("[{}]", i));
    names_.assign(catalog_);
    std::set<std::string> made;
    for (listed_role& r : roles_) {
      for (const resource_grants& res : r.resources) {
        const std::string permission = permission_for(res, made);
        for (const auto& [action, params] : res.grants) r.role.grants.push_back(grant_of(r.role.name, permission, action, params));
      }
      if (std::any_of(into_.roles.begin(), into_.roles.end(), [&](const model::role& o) { return o.name == r.role.name; })) {
        fail(fmt::format("role `{}` is listed twice", r.role.name));
      }
      into_.roles.push_back(std::move(r.role));
    }
  }

 private:
  const schemas::catalog& catalog_;
  live_state& into_;
  std::vector<listed_role> roles_;
  filter_names names_;

  void role(const json& value, const std::string& where) {
    if (!value.is_object()) fail(fmt::format("`{}` must be an object", where));
    listed_role out;
    model::role& r = out.role;
    const auto name = optional_string(value, "name", where);
    if (!name || name->empty()) fail(fmt::format("`{}.name` is missing", where));
    r.name = *name;
    r.title = optional_string(value, "title", where);
    r.description = optional_string(value, "description", where).value_or("");
    r.applies_to_users = flag_of(value, "appliesToUsers", where).value_or(true);
    r.applies_to_robots = flag_of(value, "appliesToRobots", where).value_or(true);
    r.is_custom = flag_of(value, "isCustom", where);
    if (const auto project = optional_string(value, "projectId", where)) project_of(*project, where);
    const json& grants = member_of(value, "grants", where, false);
    // Built-in roles are Sanity's: import leaves them out, so their grants are not read.
    if (r.is_custom.value_or(catalog_.role(r.name) == nullptr)) {
      for (const auto& [type, entries] : grants.items()) {
        const std::string at = fmt::format("{}.grants.{}", where, type);
        if (!entries.is_array()) fail(fmt::format("`{}` must be an array", at));
        for (std::size_t i = 0; i < entries.size(); ++i) out.resources.push_back(resource(type, entries[i], fmt::format("{}[{}]", at, i)));
      }
    }
    roles_.push_back(std::move(out));
  }

  resource_grants resource(const std::string& type, const json& entry, const std::string& where) {
    if (!entry.is_object()) fail(fmt::format("`{}` must be an object", where));
    if (catalog_.type(type) == nullptr) fail(fmt::format("`{}`: `{}` is not a permission resource type", where, type));
    resource_grants out;
    out.type = type;
    out.where = where;
    out.filter = optional_string(member_of(entry, "config", where, false), "filter", where + ".config");
    if (out.filter) names_.add(type, *out.filter);
    const json& grants = member_of(entry, "grants", where, true);
    for (std::size_t i = 0; i < grants.size(); ++i) {
      const std::string at = fmt::format("{}.grants[{}]", where, i);
      if (!grants[i].is_object()) fail(fmt::format("`{}` must be an object", at));
      const auto action = optional_string(grants[i], "name", at);
      if (!action || action->empty()) fail(fmt::format("`{}.name` is missing", at));
      out.grants.emplace_back(*action, member_of(grants[i], "params", at, false));
    }
    return out;
  }

  void project_of(const std::string& id, const std::string& where) {
    if (into_.resource_id && *into_.resource_id != id) {
      fail(fmt::format("`{}` belongs to project `{}`, but the rest of the listing is about project `{}`", where, id,
                       *into_.resource_id));
    }
    into_.resource_type = "project";
    into_.resource_id = id;
  }

  // The predefined permission of `res` (same type and filter), else the custom one made for it.
  std::string permission_for(const resource_grants& res, std::set<std::string>& made) {
    for (const schemas::predefined_permission& p : catalog_.permissions()) {
      if (p.type == res.type && p.filter == res.filter) return p.name;
    }
    if (!res.filter) {
      fail(fmt::format("`{}`: no predefined permission has type `{}` and no filter, and only document types take one",
                       res.where, res.type));
    }
    const std::string& name = names_.name(res.type, *res.filter);
    if (made.insert(name).second) {
      model::permission p;
      p.name = name;
      p.title = title_for_filter(*res.filter);
      p.type = res.type;
      p.filter = res.filter;
      into_.permissions.push_back(std::move(p));
    }
    return name;
  }

  model::grant grant_of(const std::string& role, const std::string& permission, const std::string& action, const json& params) {
    model::grant g;
    g.permission = permission;
    g.action = model::action::named(action);
    for (const auto& [key, value] : params.items()) {
      // Legacy grants are scoped by dataset policy; `default` is every dataset, which is what an
      // Access API grant without `dataset` means. Any other policy has no Access API counterpart.
      if (key == "datasetPolicyName" || key == "datasetPolicyId") {
        if (value != "default") {
          into_.warnings.push_back(fmt::format("role `{}`: its `{}` grant on `{}` is limited to dataset policy {}, which the "
                                               "Access API does not have; the grant now covers every dataset",
                                               role, action, permission, value.dump()));
        }
        continue;
      }
      g.set_param(key, model::param_from_json(value));
    }
    return g;
  }
};

}  // namespace

bool looks_like_legacy_roles(std::string_view text) {
  util::json_error why;
  const auto doc = util::parse_json<json>(text, why, max_input_depth);
  if (!doc || !doc->is_array()) return false;
  const auto first = std::find_if(doc->begin(), doc->end(), [](const json& v) { return v.is_object(); });
  if (first == doc->end()) return false;
  const auto grants = first->find("grants");
  return grants != first->end() && grants->is_object();
}

bool parse_legacy_roles(std::string_view text, const std::string& name, const schemas::catalog& catalog, live_state& into,
                        std::string& error) {
  return read_whole(text, name, "roles listing", into, error,
                    [&](const json& doc, live_state& merged) { reader(catalog, merged).listing(doc); });
}

}  // namespace rolec::adopt
