// `[members]` and `[robots.NAME]`: who holds which project roles, people and robot tokens.

#include "policy/reader.hpp"

#include <fmt/format.h>

namespace rolec::policy {

using diag::rule;

void read_members(reader& r, const toml::node& n) {
  const toml::table* t = n.as_table();
  if (t == nullptr) {
    r.report(rule::invalid_type, r.at(n.source()), "`members` must be a table",
             "write a `[members]` section with lines such as `\"p-aB3dE9\" = [\"editor\"]`");
    return;
  }
  members_table& out = r.result.merged.members;
  out.present = true;
  out.at = r.at(n.source());
  for (auto&& [key, value] : r.ordered(*t)) {
    // `exclusive` is the one setting of the table, a boolean; a list under that key is a member.
    if (key->str() == "exclusive" && !value->is_array()) {
      out.exclusive = r.read_flag(*t, "exclusive");
      continue;
    }
    member m;
    m.id = {std::string(key->str()), r.at(key->source()), true};
    m.roles_at = r.at(value->source());
    if (value->is_string()) {
      r.report(rule::invalid_type, m.roles_at, fmt::format("the roles of member `{}` must be an array", key->str()),
               fmt::format("write `\"{}\" = [\"{}\"]`", key->str(), value->as_string()->get()));
      continue;
    }
    if (!value->is_array()) {
      r.report(rule::invalid_type, m.roles_at, fmt::format("the roles of member `{}` must be an array of role names", key->str()),
               fmt::format("write `\"{}\" = [\"viewer\"]`", key->str()));
      continue;
    }
    m.roles = r.read_strings(*t, key->str());
    out.entries.push_back(std::move(m));
  }
}

void read_robot(reader& r, const toml::key& key, const toml::node& n) {
  const toml::table* t = r.entry_table(n, "robot", "robots", key);
  if (t == nullptr) return;
  r.check_keys(*t, {"label", "roles"}, fmt::format("robot `{}`", key.str()));
  robot out;
  out.name = {std::string(key.str()), r.at(key.source()), true};
  out.label = r.read_text(*t, "label");
  if (const toml::node* roles = t->get("roles")) {
    out.roles_at = r.at(roles->source());
    out.roles = r.read_strings(*t, "roles");
  } else {
    r.report(rule::missing_key, out.name.at, fmt::format("robot `{}` holds no role", key.str()),
             "add roles = [\"viewer\"]: a robot token is created with its roles");
  }
  r.result.merged.robots.push_back(std::move(out));
}

}  // namespace rolec::policy
