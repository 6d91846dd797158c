#include "adopt/groups_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "adopt/filter_names.hpp"
#include "adopt/input_json.hpp"
#include "adopt/toml_writer.hpp"
#include "model/group_filter.hpp"
#include "model/resources.hpp"

namespace rolec::adopt {
namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view group_prefix = "_.groups.";
constexpr std::string_view filter_type = "sanity.document.filter";

// S1: these cannot be changed through the API, so a policy cannot manage them.
constexpr std::array<std::string_view, 5> builtin_groups = {"administrator", "create-session", "public", "read", "write"};

std::string at(const std::string& where, std::string_view key) {
  return where.empty() ? std::string(key) : fmt::format("{}.{}", where, key);
}

void strings_of(const json& doc, std::string_view key, const std::string& where, std::vector<std::string>& out) {
  const auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) return;
  if (!it->is_array()) fail(fmt::format("`{}` must be an array", at(where, key)));
  for (std::size_t i = 0; i < it->size(); ++i) {
    if (!(*it)[i].is_string()) fail(fmt::format("`{}[{}]` must be a string", at(where, key), i));
    out.push_back((*it)[i].get<std::string>());
  }
}

group_grant grant_of(const json& value, const std::string& where) {
  if (!value.is_object()) fail(fmt::format("`{}` must be an object", where));
  group_grant g;
  g.path = optional_string(value, "path", where);
  g.filter = optional_string(value, "filter", where);
  if (g.path.has_value() == g.filter.has_value()) fail(fmt::format("`{}` must have either `path` or `filter`", where));
  strings_of(value, "permissions", where, g.permissions);
  const auto& known = group_permissions();
  for (std::size_t i = 0; i < g.permissions.size(); ++i) {
    if (std::find(known.begin(), known.end(), g.permissions[i]) == known.end()) {
      fail(fmt::format("`{}.permissions[{}]` is `{}`, which is not a permission of `system.group` grants (read, create, "
                       "update, manage, history, editHistory)",
                       where, i, g.permissions[i]));
    }
  }
  return g;
}

// The group in `doc`, or nothing when `doc` is a document of another type.
std::optional<group> group_of(const json& doc, const std::string& where) {
  if (!doc.is_object()) fail(fmt::format("{} must be an object", where.empty() ? "a document" : "`" + where + "`"));
  const auto type = doc.find("_type");
  if (type == doc.end() || *type != "system.group") return std::nullopt;
  group g;
  const auto id = optional_string(doc, "_id", where);
  if (!id) fail(fmt::format("a `system.group` document{} has no `_id`", where.empty() ? "" : " at `" + where + "`"));
  if (id->rfind(group_prefix, 0) != 0 || id->size() == group_prefix.size()) {
    fail(fmt::format("`{}` is not a group id: `system.group` documents are `_.groups.NAME`", *id));
  }
  g.id = *id;
  if (const auto grants = doc.find("grants"); grants != doc.end() && !grants->is_null()) {
    if (!grants->is_array()) fail(fmt::format("`{}` must be an array", at(where, "grants")));
    for (std::size_t i = 0; i < grants->size(); ++i) {
      g.grants.push_back(grant_of((*grants)[i], fmt::format("{}[{}]", at(where, "grants"), i)));
    }
  }
  strings_of(doc, "members", where, g.members);
  return g;
}

void add(group_export& into, std::map<std::string, std::size_t>& index, group g) {
  const auto [it, added] = index.emplace(g.id, into.groups.size());
  if (added) {
    into.groups.push_back(std::move(g));
  } else if (!(into.groups[it->second] == g)) {
    fail(fmt::format("group `{}` is given twice with different grants or members", g.id));
  }
}

// The first value of `text` that is not whitespace, parsed alone when it is on one line.
std::optional<json> first_line_value(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return std::nullopt;
  const std::size_t end = text.find('\n', begin);
  util::json_error why;
  return util::parse_json<json>(text.substr(begin, end == std::string_view::npos ? end : end - begin), why, max_input_depth);
}

bool has_type(const json& v) { return v.is_object() && v.contains("_type"); }

}  // namespace

const std::vector<std::string>& group_permissions() {
  static const std::vector<std::string> all = {"read", "create", "update", "manage", "history", "editHistory"};
  return all;
}

bool looks_like_groups(std::string_view text) {
  util::json_error why;
  if (const auto whole = util::parse_json<json>(text, why, max_input_depth)) {
    if (whole->is_array()) {
      const auto first = std::find_if(whole->begin(), whole->end(), [](const json& v) { return v.is_object(); });
      return first != whole->end() && has_type(*first);
    }
    return has_type(*whole);
  }
  // Not one JSON value: NDJSON when its first line is a document.
  const auto first = first_line_value(text);
  return first && has_type(*first);
}

bool parse_groups(std::string_view text, const std::string& name, group_export& into, std::string& error) {
  group_export merged = into;
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < merged.groups.size(); ++i) index.emplace(merged.groups[i].id, i);
  const auto take = [&](const json& doc, const std::string& where) {
    if (auto g = group_of(doc, where)) {
      add(merged, index, std::move(*g));
    } else {
      ++merged.other_documents;
    }
  };
  util::json_error why;
  std::size_t line = 0;
  try {
    if (const auto whole = util::parse_json<json>(text, why, max_input_depth); whole && whole->is_array()) {
      for (std::size_t i = 0; i < whole->size(); ++i) take((*whole)[i], fmt::format("[{}]", i));
    } else if (whole) {
      // One document: NDJSON of one line, or an object spread over several; errors name the line it starts on.
      line = util::position_of(text, text.find_first_not_of(" \t\r\n")).line;
      take(*whole, "");
      line = 0;
    } else {
      // NDJSON (one document is one line of it): each line on its own, so that errors name it.
      for (std::size_t begin = 0; begin < text.size();) {
        ++line;
        std::size_t end = text.find('\n', begin);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view row = text.substr(begin, end - begin);
        begin = end + 1;
        if (row.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        const auto doc = util::parse_json<json>(row, why, max_input_depth);
        if (!doc) {
          error = json_error_message(name, why, "group document", line);
          return false;
        }
        take(*doc, "");
      }
      line = 0;
    }
  } catch (const shape_error& e) {
    error = line > 0 ? fmt::format("{}:{}: {}", name, line, e.message) : fmt::format("{}: {}", name, e.message);
    return false;
  }
  into = std::move(merged);
  return true;
}

namespace {

// The filter of a grant as a role's permission holds it.
std::string filter_of(const group_grant& g) {
  return g.path ? model::path_filter(*g.path) : model::identity_to_call(*g.filter);
}

std::string members_table(const std::map<std::string, std::set<std::string>>& members) {
  if (members.empty()) return {};
  std::string text =
      "# Who holds which role: the groups' members. `everyone` is every visitor who is not logged in.\n[members]\n";
  for (const auto& [id, roles] : members) {
    std::string list;
    for (const std::string& r : roles) list += (list.empty() ? "" : ", ") + toml::basic_string(r);
    text += fmt::format("{} = [{}]\n", toml::basic_string(id), list);
  }
  return text;
}

}  // namespace

std::optional<imported_policy> import_groups(const group_export& groups, const schemas::catalog& catalog,
                                             std::string& error) {
  std::vector<std::string> warnings;
  std::size_t builtin = 0;
  std::vector<std::pair<std::string, const group*>> kept;  // role name, group
  std::map<std::string, std::string> taken;                // role name -> group id
  for (const group& g : groups.groups) {
    const std::string name = g.id.substr(group_prefix.size());
    if (std::find(builtin_groups.begin(), builtin_groups.end(), name) != builtin_groups.end()) {
      ++builtin;
      warnings.push_back(fmt::format("group `{}` is one of Sanity's built-in groups, which cannot be changed; it was left "
                                     "out{}",
                                     g.id,
                                     g.members.empty() ? "" : fmt::format(" with its {} member{}", g.members.size(),
                                                                          g.members.size() == 1 ? "" : "s")));
      continue;
    }
    std::string role = model::valid_name(name) ? name : model::name_like(name);
    // A built-in role's name would make the role a redefinition of Sanity's, and a built-in
    // group's name (after renaming, `Read` is `read`) one that --target groups cannot write.
    const bool builtin_group =
        std::find(builtin_groups.begin(), builtin_groups.end(), role) != builtin_groups.end();
    if (catalog.role(role) != nullptr || builtin_group) role += "-group";
    // No segment of a document id may start with `-`.
    if (!role.empty() && role.front() == '-') role = "group" + role;
    if (role.empty()) {
      error = fmt::format("group `{}` has no letters or digits to name a role after", g.id);
      return std::nullopt;
    }
    if (role != name) {
      warnings.push_back(fmt::format("group `{}` is imported as role `{}`, since {}; `--target groups` builds it as "
                                     "`_.groups.{}`",
                                     g.id, role,
                                     !model::valid_name(name) ? "role names may hold only `a-z`, `0-9`, `_` and `-`"
                                     : name.front() == '-' ? "no document id segment may start with `-`"
                                                           : "a built-in role or group has its name",
                                     role));
    }
    if (const auto [it, added] = taken.emplace(role, g.id); !added) {
      error = fmt::format("groups `{}` and `{}` would both become role `{}`; rename one of them", it->second, g.id, role);
      return std::nullopt;
    }
    kept.emplace_back(role, &g);
  }

  filter_names names;
  for (const auto& [role, g] : kept) {
    for (const group_grant& grant : g->grants) names.add(std::string(filter_type), filter_of(grant));
  }
  names.assign(catalog);

  live_state live;
  std::set<std::string> made;
  std::map<std::string, std::set<std::string>> members;
  for (const auto& [role, g] : kept) {
    model::role r;
    r.name = role;
    r.title = role;
    r.description = fmt::format("Imported from the system.group document {}", g->id);
    r.is_custom = true;
    for (const group_grant& grant : g->grants) {
      const std::string filter = filter_of(grant);
      const std::string& permission = names.name(std::string(filter_type), filter);
      if (made.insert(permission).second) {
        model::permission p;
        p.name = permission;
        p.title = title_for_filter(filter);
        p.type = std::string(filter_type);
        p.filter = filter;
        live.permissions.push_back(std::move(p));
      }
      for (const std::string& action : grant.permissions) {
        model::grant e;
        e.permission = permission;
        e.action = model::action::named(action);
        r.grants.push_back(std::move(e));
      }
    }
    for (const std::string& m : g->members) members[m].insert(role);
    live.roles.push_back(std::move(r));
  }

  imported_policy out = import_policy(live, catalog);
  out.source = import_source::groups;
  out.header =
      "# Imported by `rolec import` from `system.group` documents: a role per group, a permission per filter.\n"
      "# Path grants are `_id in path(...)` filters, and `$identity` is `identity()`.\n";
  out.members = members_table(members);
  out.member_count = members.size();
  out.builtin_left_out = builtin;
  out.other_documents = groups.other_documents;
  warnings.insert(warnings.end(), out.warnings.begin(), out.warnings.end());
  out.warnings = std::move(warnings);
  return out;
}

}  // namespace rolec::adopt
