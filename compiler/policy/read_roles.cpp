// `[roles.NAME]`: custom roles, their grants and the grants' params.

#include "policy/reader.hpp"

#include <fmt/format.h>

namespace rolec::policy {

using diag::rule;

namespace {

param read_param(reader& r, const toml::key& key, const toml::node& value) {
  param p;
  p.name = std::string(key.str());
  p.key = r.at(key.source());
  p.value = r.at(value.source());
  if (const auto* s = value.as_string()) {
    p.type = param::kind::string;
    p.string_value = s->get();
  } else if (const auto* b = value.as_boolean()) {
    p.type = param::kind::boolean;
    p.bool_value = b->get();
  } else if (const auto* i = value.as_integer()) {
    p.type = param::kind::integer;
    p.number_value = static_cast<double>(i->get());
  } else if (const auto* f = value.as_floating_point()) {
    p.type = param::kind::floating;
    p.number_value = f->get();
  }
  return p;
}

void read_grant(reader& r, const toml::node& n, role& owner) {
  const toml::table* t = n.as_table();
  if (t == nullptr) {
    r.report(rule::invalid_type, r.at(n.source()), "a grant must be a table",
             "write { permission = \"...\", actions = [\"read\"] }");
    return;
  }
  r.check_keys(*t, {"permission", "actions", "mode", "history", "params"}, "a grant");
  grant out;
  out.at = r.at(n.source());
  out.permission = r.read_text(*t, "permission");
  if (const toml::node* a = t->get("actions")) {
    out.has_actions = true;
    out.actions_at = r.at(a->source());
    out.actions = r.read_strings(*t, "actions");
  }
  out.mode = r.read_text(*t, "mode");
  out.history = r.read_flag(*t, "history");
  if (const toml::node* p = t->get("params")) {
    if (const toml::table* params = p->as_table()) {
      for (auto&& [key, value] : *params) out.params.push_back(read_param(r, key, value));
    } else {
      r.report(rule::invalid_type, r.at(p->source()), "`params` must be a table", "write params = { dataset = \"production\" }");
    }
  }
  if (!out.permission.present) {
    r.report(rule::missing_key, out.at, "this grant names no permission", "add permission = \"...\"");
  }
  owner.grants.push_back(std::move(out));
}

}  // namespace

void read_role(reader& r, const toml::key& key, const toml::node& n) {
  const toml::table* t = r.entry_table(n, "role", "roles", key);
  if (t == nullptr) return;
  r.check_keys(*t, {"title", "description", "applies_to_users", "applies_to_robots", "extends", "protect", "grants"},
               fmt::format("role `{}`", key.str()));
  role out;
  out.name = {std::string(key.str()), r.at(key.source()), true};
  out.title = r.read_text(*t, "title");
  out.description = r.read_text(*t, "description");
  out.applies_to_users = r.read_flag(*t, "applies_to_users");
  out.applies_to_robots = r.read_flag(*t, "applies_to_robots");
  out.protect = r.read_flag(*t, "protect");
  out.extends = r.read_strings(*t, "extends", true);
  if (const toml::node* g = t->get("grants")) {
    out.grants_at = r.at(g->source());
    out.has_grants = !g->is_array() || !g->as_array()->empty();
    if (const toml::array* a = g->as_array()) {
      for (const toml::node& item : *a) read_grant(r, item, out);
    } else {
      r.report(rule::invalid_type, r.at(g->source()), "`grants` must be an array of tables",
               "write grants = [ { permission = \"...\", actions = [\"read\"] } ]");
    }
  }
  r.result.merged.roles.push_back(std::move(out));
}

}  // namespace rolec::policy
