#include "adopt/import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "adopt/toml_writer.hpp"
#include "util/utf8.hpp"

namespace rolec::adopt {
namespace {

using json = nlohmann::json;  // sorted keys: the TOML does not depend on the order the API used

// One grant as the policy writes it: a permission with actions, or with a mode.
struct grant {
  std::string permission;
  bool is_mode = false;
  std::vector<std::string> actions;
  std::string mode;
  std::optional<bool> history;
  json params = json::object();

  [[nodiscard]] auto order() const {
    // Grants without params first: they are the common case, and the scoped ones read as exceptions.
    return std::make_tuple(permission, is_mode, !params.empty(), params.dump(), mode, history.has_value(), history.value_or(false));
  }
};

// Text for a TOML comment, which may not hold control characters: a resource id with a line
// break must not start a line of TOML.
std::string comment_text(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t n = c < 0x80 ? 1 : util::utf8_sequence_length(text, i);
    if (n == 0 || (c < 0x20 && c != '\t') || c == 0x7F) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(text.substr(i, n));
    i += n;
  }
  return out;
}

class importer {
 public:
  importer(const live_state& live, const schemas::catalog& catalog, imported_policy& out) : catalog_(catalog), out_(out) {
    for (const live_permission& p : live.permissions) {
      if (is_custom(p, catalog)) custom_types_.emplace(p.name, p.type);
    }
  }

  std::string permission(const live_permission& p) {
    std::string text = fmt::format("[permissions.{}]\n", toml::key(p.name));
    text += fmt::format("title = {}\n", toml::basic_string(title_of(p.title, "permission", p.name)));
    if (!p.description.empty()) text += fmt::format("description = {}\n", toml::basic_string(p.description));
    // `type` defaults to a document filter when a filter is written, as the policy format says.
    if (p.type != "sanity.document.filter" || !p.filter) text += fmt::format("type = {}\n", toml::basic_string(p.type));
    if (p.filter) text += fmt::format("filter = {}\n", toml::filter_string(*p.filter));
    for (const auto& [key, value] : p.config.items()) {
      if (key == "filter") continue;
      out_.warnings.push_back(fmt::format("permission `{}`: `config.{}` has no place in policy TOML and was left out", p.name, key));
    }
    return text;
  }

  std::string role(const live_role& r) {
    std::string text = fmt::format("[roles.{}]\n", toml::key(r.name));
    text += fmt::format("title = {}\n", toml::basic_string(title_of(r.title, "role", r.name)));
    if (!r.description.empty()) text += fmt::format("description = {}\n", toml::basic_string(r.description));
    if (!r.applies_to_users) text += "applies_to_users = false\n";
    if (!r.applies_to_robots) text += "applies_to_robots = false\n";
    const std::vector<grant> grants = grants_of(r);
    if (!grants.empty()) {
      text += "grants = [\n";
      for (const grant& g : grants) text += fmt::format("  {},\n", written(g));
      text += "]\n";
    }
    return text;
  }

 private:
  const schemas::catalog& catalog_;
  imported_policy& out_;
  std::map<std::string, std::string> custom_types_;  // custom permission name -> type

  std::string title_of(const std::optional<std::string>& title, const char* kind, const std::string& name) {
    if (title) return *title;
    out_.warnings.push_back(fmt::format("{} `{}` has no title; its name is used", kind, name));
    return name;
  }

  // The actions of the permission's type, in the order the type lists them (nothing if unknown).
  std::vector<std::string> type_actions(const std::string& permission) const {
    const schemas::permission_type* type = nullptr;
    if (const auto it = custom_types_.find(permission); it != custom_types_.end()) {
      type = catalog_.type(it->second);
    } else if (const schemas::predefined_permission* p = catalog_.permission(permission)) {
      type = catalog_.type_of(*p);
    }
    return type != nullptr ? type->actions : std::vector<std::string>{};
  }

  // The live entries (one per action) grouped into grants: plain actions with equal params share
  // one grant; each mode entry is a grant of its own.
  std::vector<grant> grants_of(const live_role& r) {
    std::vector<grant> grants;
    std::map<std::string, std::size_t> plain;  // permission and params -> index in grants
    for (const live_grant& e : r.permissions) {
      json params = json::object();
      for (const auto& [key, value] : e.params.items()) {
        if (toml::value(json(value))) {
          params[key] = value;
        } else {
          out_.warnings.push_back(fmt::format("role `{}`: param `{}` of its `{}` entry for `{}` is null, which TOML cannot "
                                              "express; it was left out",
                                              r.name, key, e.action, e.name));
        }
      }
      const auto mode = params.find("mode");
      if (e.action == "mode" && mode != params.end() && mode->is_string()) {
        grant g{e.name, true, {}, mode->get<std::string>(), std::nullopt, json::object()};
        params.erase("mode");
        if (const auto history = params.find("history"); history != params.end() && history->is_boolean()) {
          g.history = history->get<bool>();
          params.erase("history");
        }
        g.params = std::move(params);
        grants.push_back(std::move(g));
        continue;
      }
      const std::string key = e.name + '\n' + params.dump();
      const auto [it, added] = plain.emplace(key, grants.size());
      if (added) grants.push_back({e.name, false, {}, "", std::nullopt, std::move(params)});
      std::vector<std::string>& actions = grants[it->second].actions;
      if (std::find(actions.begin(), actions.end(), e.action) == actions.end()) actions.push_back(e.action);
    }
    for (grant& g : grants) {
      // Actions in the order of their type ("read", "create", "update", ...), unknown ones last.
      const std::vector<std::string> order = type_actions(g.permission);
      const auto rank = [&](const std::string& a) {
        return std::make_pair(static_cast<std::size_t>(std::find(order.begin(), order.end(), a) - order.begin()), a);
      };
      std::sort(g.actions.begin(), g.actions.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
    }
    std::sort(grants.begin(), grants.end(), [](const grant& a, const grant& b) { return a.order() < b.order(); });
    // A mode entry listed twice is one grant (plain ones were merged above).
    grants.erase(std::unique(grants.begin(), grants.end(), [](const grant& a, const grant& b) { return a.order() == b.order(); }),
                 grants.end());
    return grants;
  }

  static std::string written(const grant& g) {
    std::string text = fmt::format("{{ permission = {}", toml::basic_string(g.permission));
    if (g.is_mode) {
      text += fmt::format(", mode = {}", toml::basic_string(g.mode));
      if (g.history) text += fmt::format(", history = {}", *g.history ? "true" : "false");
    } else {
      std::string actions;
      for (const std::string& a : g.actions) actions += (actions.empty() ? "" : ", ") + toml::basic_string(a);
      text += fmt::format(", actions = [{}]", actions);
    }
    if (!g.params.empty()) text += fmt::format(", params = {}", *toml::value(g.params));
    return text + " }";
  }
};

std::string joined(const std::vector<std::string>& blocks) {
  std::string out;
  for (const std::string& b : blocks) out += (out.empty() ? "" : "\n") + b;
  return out;
}

std::string header_of(const live_state& live) {
  const std::string from = live.resource_id ? fmt::format("project `{}`", comment_text(*live.resource_id))
                                            : std::string("a live state that names no project");
  const std::string api = live.api_version ? fmt::format(" (Access API {})", comment_text(*live.api_version)) : "";
  return fmt::format("# Imported by `rolec import` from {}{}.\n"
                     "# Only custom roles and permissions are here: built-in ones are Sanity's, and grants name them.\n",
                     from, api);
}

}  // namespace

bool is_custom(const live_role& role, const schemas::catalog& catalog) {
  if (role.is_custom) return *role.is_custom;
  return catalog.role(role.name) == nullptr;
}

bool is_custom(const live_permission& permission, const schemas::catalog& catalog) {
  return catalog.permission(permission.name) == nullptr;
}

std::string imported_policy::document() const {
  std::string out = header;
  if (!permissions.empty()) out += "\n" + permissions;
  if (!roles.empty()) out += "\n" + roles;
  return out;
}

std::string imported_policy::permissions_file() const {
  return header + (permissions.empty() ? "# The project has no custom permissions.\n" : "\n" + permissions);
}

std::string imported_policy::roles_file() const {
  return header + (roles.empty() ? "# The project has no custom roles.\n" : "\n" + roles);
}

imported_policy import_policy(const live_state& live, const schemas::catalog& catalog) {
  imported_policy out;
  out.header = header_of(live);
  importer write(live, catalog, out);

  std::vector<const live_permission*> permissions;
  for (const live_permission& p : live.permissions) {
    if (!is_custom(p, catalog)) {
      ++out.predefined_left_out;
      continue;
    }
    // Sanity names its own permissions `sanity-*`; one rolec's catalogue lacks would otherwise
    // be planned as a custom permission to create.
    if (p.name.rfind("sanity-", 0) == 0) {
      out.warnings.push_back(fmt::format("permission `{}` is not in rolec's catalogue of predefined permissions, so it was "
                                         "imported as a custom one; if Sanity provides it, delete it from the policy",
                                         p.name));
    }
    permissions.push_back(&p);
  }
  std::sort(permissions.begin(), permissions.end(), [](const auto* a, const auto* b) { return a->name < b->name; });
  std::vector<std::string> blocks;
  for (const live_permission* p : permissions) blocks.push_back(write.permission(*p));
  out.permissions = joined(blocks);
  out.permission_count = permissions.size();

  std::vector<const live_role*> roles;
  for (const live_role& r : live.roles) {
    if (is_custom(r, catalog)) {
      roles.push_back(&r);
    } else {
      ++out.builtin_left_out;
    }
  }
  std::sort(roles.begin(), roles.end(), [](const auto* a, const auto* b) { return a->name < b->name; });
  blocks.clear();
  for (const live_role* r : roles) blocks.push_back(write.role(*r));
  out.roles = joined(blocks);
  out.role_count = roles.size();
  return out;
}

}  // namespace rolec::adopt
