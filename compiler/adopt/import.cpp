#include "adopt/import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "adopt/toml_writer.hpp"
#include "model/api_json.hpp"
#include "util/utf8.hpp"

namespace rolec::adopt {
namespace {

using json = nlohmann::json;  // sorted keys: the TOML does not depend on the order the API used

// The live grants one policy grant writes: those of one permission and parameters share it, each
// adding its action; a mode grant is one of its own.
struct written_grant {
  model::grant shared;               ///< the permission, the mode and the parameters (its action aside)
  std::vector<std::string> actions;  ///< plain grants: every action, in the type's order
  json params = json::object();      ///< the parameters but `mode` and `history`, as TOML writes them

  [[nodiscard]] bool is_mode() const { return shared.action.is_mode() && shared.action.mode.has_value(); }
  [[nodiscard]] auto order() const {
    // Grants without params first: they are the common case, and the scoped ones read as exceptions.
    return std::make_tuple(shared.permission, is_mode(), !params.empty(), params.dump(), shared.action.mode.value_or(""),
                           shared.history.has_value(), shared.history.value_or(false));
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
    for (const model::permission& p : live.permissions) {
      if (is_custom(p, catalog)) custom_types_.emplace(p.name, p.type);
    }
  }

  std::string permission(const model::permission& p) {
    std::string text = fmt::format("[permissions.{}]\n", toml::key(p.name));
    text += fmt::format("title = {}\n", toml::basic_string(title_of(p.title, "permission", p.name)));
    if (!p.description.empty()) text += fmt::format("description = {}\n", toml::basic_string(p.description));
    // `type` defaults to a document filter when a filter is written, as the policy format says.
    if (p.type != "sanity.document.filter" || !p.filter) text += fmt::format("type = {}\n", toml::basic_string(p.type));
    if (p.filter) text += fmt::format("filter = {}\n", toml::filter_string(*p.filter));
    for (const std::string& key : p.other_config) {
      out_.warnings.push_back(fmt::format("permission `{}`: `config.{}` has no place in policy TOML and was left out", p.name, key));
    }
    return text;
  }

  std::string role(const model::role& r) {
    std::string text = fmt::format("[roles.{}]\n", toml::key(r.name));
    text += fmt::format("title = {}\n", toml::basic_string(title_of(r.title, "role", r.name)));
    if (!r.description.empty()) text += fmt::format("description = {}\n", toml::basic_string(r.description));
    if (!r.applies_to_users) text += "applies_to_users = false\n";
    if (!r.applies_to_robots) text += "applies_to_robots = false\n";
    const std::vector<written_grant> grants = grants_of(r);
    if (!grants.empty()) {
      text += "grants = [\n";
      for (const written_grant& g : grants) text += fmt::format("  {},\n", written(g));
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

  // The live grants grouped as the policy writes them: plain actions with equal params share one
  // grant; each mode grant is a grant of its own.
  std::vector<written_grant> grants_of(const model::role& r) {
    std::vector<written_grant> grants;
    std::map<std::string, std::size_t> plain;  // permission and params -> index in grants
    for (const model::grant& e : r.grants) {
      written_grant g;
      g.shared = e;
      json params(model::params_json(e));
      if (g.is_mode()) {
        params.erase("mode");
        if (e.history) params.erase("history");
      }
      for (auto it = params.begin(); it != params.end();) {
        if (toml::value(*it)) {
          ++it;
          continue;
        }
        out_.warnings.push_back(fmt::format("role `{}`: param `{}` of its `{}` entry for `{}` is null, which TOML cannot "
                                            "express; it was left out",
                                            r.name, it.key(), e.action.name, e.permission));
        it = params.erase(it);
      }
      g.params = std::move(params);
      if (g.is_mode()) {
        grants.push_back(std::move(g));
        continue;
      }
      g.shared.action = model::action::named("");
      g.shared.history.reset();
      const std::string key = e.permission + '\n' + g.params.dump();
      const auto [it, added] = plain.emplace(key, grants.size());
      if (added) grants.push_back(std::move(g));
      std::vector<std::string>& actions = grants[it->second].actions;
      if (std::find(actions.begin(), actions.end(), e.action.name) == actions.end()) actions.push_back(e.action.name);
    }
    for (written_grant& g : grants) {
      // Actions in the order of their type ("read", "create", "update", ...), unknown ones last.
      const std::vector<std::string> order = type_actions(g.shared.permission);
      const auto rank = [&](const std::string& a) {
        return std::make_pair(static_cast<std::size_t>(std::find(order.begin(), order.end(), a) - order.begin()), a);
      };
      std::sort(g.actions.begin(), g.actions.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
    }
    std::sort(grants.begin(), grants.end(), [](const written_grant& a, const written_grant& b) { return a.order() < b.order(); });
    // A mode grant listed twice is one grant (plain ones were merged above).
    grants.erase(std::unique(grants.begin(), grants.end(),
                             [](const written_grant& a, const written_grant& b) { return a.order() == b.order(); }),
                 grants.end());
    return grants;
  }

  static std::string written(const written_grant& g) {
    std::string text = fmt::format("{{ permission = {}", toml::basic_string(g.shared.permission));
    if (g.is_mode()) {
      text += fmt::format(", mode = {}", toml::basic_string(*g.shared.action.mode));
      if (g.shared.history) text += fmt::format(", history = {}", *g.shared.history ? "true" : "false");
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

bool is_custom(const model::role& role, const schemas::catalog& catalog) {
  if (role.is_custom) return *role.is_custom;
  return catalog.role(role.name) == nullptr;
}

bool is_custom(const model::permission& permission, const schemas::catalog& catalog) {
  return catalog.permission(permission.name) == nullptr;
}

std::string imported_policy::document() const {
  std::string out = header;
  for (const std::string* part : {&project, &permissions, &roles, &robots, &members}) {
    if (!part->empty()) out += "\n" + *part;
  }
  return out;
}

std::string imported_policy::permissions_file() const {
  return header + (permissions.empty() ? "# The project has no custom permissions.\n" : "\n" + permissions);
}

std::string imported_policy::roles_file() const {
  std::string out = header;
  if (!project.empty()) out += "\n" + project;
  out += roles.empty() ? "# The project has no custom roles.\n" : "\n" + roles;
  if (!robots.empty()) out += "\n" + robots;
  return out;
}

std::string imported_policy::members_file() const { return members.empty() ? std::string() : header + "\n" + members; }

imported_policy import_policy(const live_state& live, const schemas::catalog& catalog) {
  imported_policy out;
  out.header = header_of(live);
  importer write(live, catalog, out);

  std::vector<const model::permission*> permissions;
  for (const model::permission& p : live.permissions) {
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
  for (const model::permission* p : permissions) blocks.push_back(write.permission(*p));
  out.permissions = joined(blocks);
  out.permission_count = permissions.size();

  std::vector<const model::role*> roles;
  for (const model::role& r : live.roles) {
    if (is_custom(r, catalog)) {
      roles.push_back(&r);
    } else {
      ++out.builtin_left_out;
    }
  }
  std::sort(roles.begin(), roles.end(), [](const auto* a, const auto* b) { return a->name < b->name; });
  blocks.clear();
  for (const model::role* r : roles) blocks.push_back(write.role(*r));
  out.roles = joined(blocks);
  out.role_count = roles.size();
  return out;
}

}  // namespace rolec::adopt
