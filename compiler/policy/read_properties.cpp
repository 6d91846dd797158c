// `[[properties]]`: what roles held together allow or deny on every document a filter matches.

#include <fmt/format.h>

#include <algorithm>

#include "policy/reader.hpp"
#include "util/spell.hpp"

namespace rolec::policy {

using diag::rule;

namespace {

// What the analysis decides for every document: the document actions, and the operations whose
// checks it encodes (docs/analysis.md).
const std::vector<std::string>& decidable() {
  static const std::vector<std::string> names{"read", "create", "update", "manage", "history", "editHistory", "publish", "delete"};
  return names;
}

void check_property_action(reader& r, const text& action) {
  const auto& names = decidable();
  if (std::find(names.begin(), names.end(), action.value) != names.end()) return;
  static const std::vector<std::string> operations{"discardDraft", "discardVersion", "unpublish", "duplicate"};
  if (std::find(operations.begin(), operations.end(), action.value) != operations.end()) {
    r.report(rule::unknown_action, action.at,
             fmt::format("a property cannot be proved for `{}`: it decides the document actions and the operations "
                         "`publish` and `delete`",
                         action.value),
             "check this operation with a `[[tests]]` example instead");
    return;
  }
  std::string help = "a property takes the document actions read, create, update, manage, history and editHistory, "
                     "and the operations publish and delete";
  if (auto guess = util::closest(action.value, names)) help = fmt::format("did you mean `{}`?", *guess);
  r.report(rule::unknown_action, action.at, fmt::format("a property cannot state `{}`: there is no such action", action.value),
           help);
}

void read_property(reader& r, const toml::table& t, location where) {
  r.check_keys(t, {"name", "role", "roles", "allow", "deny", "where", "robot"}, "a property");
  property out;
  out.at = where;
  out.name = r.read_text(t, "name");
  out.roles = r.read_strings(t, "roles");
  if (text single = r.read_text(t, "role"); single.present) out.roles.insert(out.roles.begin(), single);
  out.allow = r.read_strings(t, "allow");
  out.deny = r.read_strings(t, "deny");
  for (const auto* actions : {&out.allow, &out.deny}) {
    for (const text& action : *actions) check_property_action(r, action);
  }
  if (const toml::node* f = t.get("where")) {
    if (const auto* s = f->as_string()) {
      out.where = filter_of(r, *s, r.at(f->source()));
    } else {
      r.report(rule::invalid_type, r.at(f->source()), "`where` must be a string",
               "write the GROQ filter in a literal string: where = '_type == \"settings\"'");
    }
  }
  out.robot = r.read_flag(t, "robot");
  if (!t.contains("role") && !t.contains("roles")) {
    r.report(rule::missing_key, where, "this property names no role", "add role = \"...\" or roles = [\"...\"]");
  }
  if (!t.contains("allow") && !t.contains("deny")) {
    r.report(rule::missing_key, where, "this property states nothing", "add allow = [...] or deny = [...]");
  }
  r.result.merged.properties.push_back(std::move(out));
}

}  // namespace

void read_properties(reader& r, const toml::node& n) {
  const toml::array* list = n.as_array();
  if (list == nullptr) {
    r.report(rule::invalid_type, r.at(n.source()), "`properties` must be an array of tables",
             "write `[[properties]]` sections");
    return;
  }
  for (const toml::node& item : *list) {
    const toml::table* t = item.as_table();
    if (t == nullptr) {
      r.report(rule::invalid_type, r.at(item.source()), "a property must be a table", "write a `[[properties]]` section");
      continue;
    }
    read_property(r, *t, r.at(item.source()));
  }
}

}  // namespace rolec::policy
