// Completion from the TOML context of the place (lsp/cursor.hpp) and the folder's last lint:
// names the policy and Sanity define, the actions a permission's type takes, modes, rules and
// levels, keys of each table, and in filters GROQ functions and the fields other filters use.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "diag/rules.hpp"
#include "groq/functions.hpp"
#include "lsp/cursor.hpp"
#include "lsp/features.hpp"
#include "lsp/locate.hpp"
#include "schemas/catalog.hpp"

namespace rolec::lsp {
namespace {

// The protocol's CompletionItemKind values used here.
enum item_kind : int { function_kind = 3, field_kind = 5, class_kind = 7, property_kind = 10, value_kind = 12,
                       keyword_kind = 14, reference_kind = 18, enum_member_kind = 20, constant_kind = 21 };

struct candidate {
  std::string label;
  int kind = value_kind;
  std::string detail;
  std::string documentation;
};

// The keys each kind of table takes (the format of docs/policy.md and schemas/policy.schema.json).
const std::vector<std::string>& keys_of(std::string_view table, bool in_grant) {
  static const std::vector<std::string> none;
  static const std::vector<std::string> top{"project", "targets", "permissions", "roles", "members", "robots", "tests", "properties", "lint"};
  static const std::vector<std::string> members{"exclusive"};
  static const std::vector<std::string> robot{"label", "roles"};
  static const std::vector<std::string> project{"id", "api_version", "exclusive", "protect", "public_datasets"};
  static const std::vector<std::string> target{"project", "api_version", "public_datasets"};
  static const std::vector<std::string> permission{"title", "description", "type", "filter"};
  static const std::vector<std::string> role{"title", "description", "applies_to_users", "applies_to_robots", "extends", "protect", "grants"};
  static const std::vector<std::string> grant{"permission", "actions", "mode", "history", "params"};
  static const std::vector<std::string> test{"name",   "role",     "roles",         "identity",  "attributes",
                                             "robot",  "anonymous", "dataset",      "document",  "document_file",
                                             "documents", "live_edit", "allow",     "deny"};
  static const std::vector<std::string> property{"name", "role", "roles", "allow", "deny", "where", "robot"};
  if (in_grant) return grant;
  if (table.empty()) return top;
  if (table == "project") return project;
  if (table == "targets") return target;
  if (table == "permissions") return permission;
  if (table == "roles") return role;
  if (table == "members") return members;
  if (table == "robots") return robot;
  if (table == "tests") return test;
  if (table == "properties") return property;
  return none;
}

// The identifiers of GROQ texts that are read as fields (not called, not keywords), sorted.
std::set<std::string> fields_of(const std::vector<std::string_view>& texts) {
  static const std::set<std::string, std::less<>> keywords{"true", "false", "null", "in", "match", "asc", "desc"};
  std::set<std::string> out;
  for (const std::string_view text : texts) {
    for (std::size_t i = 0; i < text.size();) {
      const char c = text[i];
      if (c == '"' || c == '\'') {  // a string literal: its words are not fields
        for (++i; i < text.size() && text[i] != c; ++i) i += text[i] == '\\' ? 1 : 0;
        ++i;
        continue;
      }
      if (!(std::isalpha(static_cast<unsigned char>(c)) || c == '_') || (i > 0 && text[i - 1] == '$')) {
        ++i;
        continue;
      }
      std::size_t end = i;
      while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
      const std::string word(text.substr(i, end - i));
      std::size_t after = end;
      while (after < text.size() && text[after] == ' ') ++after;
      const bool called = after < text.size() && (text[after] == '(' || text[after] == ':');
      if (!called && keywords.find(word) == keywords.end()) out.insert(word);
      i = end;
    }
  }
  return out;
}

class collector {
 public:
  collector(const view& v, const folder_file& file, std::uint32_t offset) : v_(v), file_(file), offset_(offset) {}

  void add(candidate c) { items_.push_back(std::move(c)); }

  nlohmann::json result(std::uint32_t replace_from) const {
    // The range replaced is on the place's line, and ends there (the protocol's rule).
    const std::string_view text = v_.folder.sources().file(file_.id).text();
    replace_from = std::min(replace_from, offset_);
    const std::size_t line_start = text.rfind('\n', offset_ == 0 ? 0 : offset_ - 1);
    if (line_start != std::string_view::npos && offset_ > 0 && line_start + 1 > replace_from) {
      replace_from = static_cast<std::uint32_t>(line_start + 1);
    }
    nlohmann::json items = nlohmann::json::array();
    std::set<std::string> seen;
    for (const candidate& c : items_) {
      if (!seen.insert(c.label).second) continue;  // the client filters by what is typed in the range
      nlohmann::json item = {{"label", c.label},
                             {"kind", c.kind},
                             {"textEdit", {{"range", v_.range_of(file_.id, {replace_from, offset_})}, {"newText", c.label}}}};
      if (!c.detail.empty()) item["detail"] = c.detail;
      if (!c.documentation.empty()) item["documentation"] = {{"kind", "markdown"}, {"value", c.documentation}};
      items.push_back(std::move(item));
    }
    return {{"isIncomplete", false}, {"items", std::move(items)}};
  }

 private:
  const view& v_;
  const folder_file& file_;
  std::uint32_t offset_;
  std::vector<candidate> items_;
};

void add_permissions(collector& out, const resolve::resolved_policy& resolved) {
  for (const resolve::permission& p : resolved.permissions) {
    const model::permission value = p.api_value();
    out.add({std::string(p.name()), reference_kind, std::string(p.type_name()), value.title.value_or("")});
  }
}

void add_roles(collector& out, const resolve::resolved_policy& resolved, std::string_view except) {
  for (const resolve::role& r : resolved.roles) {
    if (r.name() == except) continue;
    out.add({r.name(), class_kind, r.builtin() ? "built-in role" : "role", r.value.title.value_or("")});
  }
}

void add_actions(collector& out, const resolve::resolved_policy& resolved, const toml_context& at) {
  const auto sibling = std::find_if(at.siblings.begin(), at.siblings.end(), [](const auto& s) { return s.first == "permission"; });
  const resolve::permission* p = sibling == at.siblings.end() ? nullptr : resolved.find_permission(sibling->second);
  if (p != nullptr && p->type != nullptr) {
    for (const std::string& a : p->type->actions) {
      if (a != "mode") out.add({a, enum_member_kind, std::string(p->type_name()), {}});
    }
    return;
  }
  // The permission is not written yet, or not known: every action of every type.
  for (const schemas::permission_type& t : schemas::builtin().types()) {
    for (const std::string& a : t.actions) {
      if (a != "mode") out.add({a, enum_member_kind, {}, {}});
    }
  }
}

void add_modes(collector& out) {
  for (const schemas::permission_type& t : schemas::builtin().types()) {
    if (const schemas::param_spec* mode = t.param("mode")) {
      for (const std::string& m : mode->values) out.add({m, enum_member_kind, "mode", {}});
    }
  }
}

void add_rules(collector& out) {
  for (const diag::rule_info& r : diag::all_rules()) {
    out.add({std::string(r.id), constant_kind, std::string(r.name), std::string(r.summary)});
    out.add({std::string(r.name), constant_kind, std::string(r.id), std::string(r.summary)});
  }
}

// GROQ inside a filter: functions, and the fields the policy's filters read.
nlohmann::json groq_items(collector& out, const resolve::resolved_policy& resolved, const toml_context& at,
                          std::uint32_t offset) {
  std::uint32_t start = static_cast<std::uint32_t>(at.prefix.size());
  const auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':'; };
  while (start > 0 && word(at.prefix[start - 1])) --start;
  const std::string typed = at.prefix.substr(start);
  for (const groq::function_info& f : groq::all_functions()) {
    if ((f.flags & (groq::function_flag::pipe | groq::function_flag::delta)) != 0) continue;
    const std::string name = f.ns == "global" ? std::string(f.name) : fmt::format("{}::{}", f.ns, f.name);
    out.add({name, function_kind, fmt::format("takes {}", groq::arity_text(f)), {}});
  }
  std::vector<std::string_view> texts;
  for (const resolve::permission& p : resolved.custom_permissions()) {
    if (p.filter != nullptr) texts.push_back(p.filter->text());
  }
  for (const std::string& field : fields_of(texts)) out.add({field, field_kind, "used in a filter of this policy", {}});
  return out.result(offset >= typed.size() ? offset - static_cast<std::uint32_t>(typed.size()) : 0);
}

}  // namespace

nlohmann::json completion(const view& v, const folder_file& file, std::uint32_t offset) {
  const lint::lint_result* linted = v.folder.current();
  const nlohmann::json empty = {{"isIncomplete", false}, {"items", nlohmann::json::array()}};
  if (linted == nullptr) return empty;
  const resolve::resolved_policy& resolved = linted->resolved;
  const std::string_view text = v.folder.sources().file(file.id).text();
  const toml_context at = context_at(text, offset);
  collector out(v, file, offset);
  const std::string table = at.table.empty() ? std::string() : at.table[0];
  const std::string key = at.keys.empty() ? std::string() : at.keys.back();
  if (at.in_comment) {
    if (at.prefix.find("rolec-ignore:") == std::string::npos) return empty;
    std::uint32_t start = offset;
    while (start > at.prefix_begin && (std::isalnum(static_cast<unsigned char>(text[start - 1])) || text[start - 1] == '-')) --start;
    add_rules(out);
    return out.result(start);
  }
  if (at.in_string) {
    if (table == "roles" && key == "permission") add_permissions(out, resolved);
    if (table == "roles" && key == "actions") add_actions(out, resolved, at);
    if (table == "roles" && key == "mode") add_modes(out);
    if (table == "roles" && key == "extends") add_roles(out, resolved, at.table.size() > 1 ? at.table[1] : std::string());
    if (table == "permissions" && key == "type") {
      for (const schemas::permission_type& t : schemas::builtin().types()) {
        out.add({t.type, enum_member_kind, fmt::format("{} scope", model::name_of(t.scope)), {}});
      }
    }
    if ((table == "tests" || table == "properties") && (key == "role" || key == "roles")) add_roles(out, resolved, {});
    // A member's line is `"USER" = ["role", ...]`: every key of `[members]` but `exclusive` holds roles.
    if ((table == "robots" && key == "roles") || (at.table.size() == 1 && table == "members" && key != "exclusive")) {
      add_roles(out, resolved, {});
    }
    if ((table == "tests" || table == "properties") && (key == "allow" || key == "deny")) {
      for (const std::string& a : policy::test_expectation_names()) out.add({a, enum_member_kind, {}, {}});
    }
    if (at.table == std::vector<std::string>{"lint", "rules"}) {
      for (const char* level : {"off", "info", "warning", "error"}) out.add({level, keyword_kind, "level", {}});
    }
    if ((table == "permissions" && key == "filter") || (table == "properties" && key == "where")) {
      return groq_items(out, resolved, at, offset);
    }
    return out.result(at.prefix_begin);
  }
  if (at.at_key) {
    if (at.table == std::vector<std::string>{"lint", "rules"}) {
      add_rules(out);
    } else if (at.table.size() != 1 || table == "project" || table == "members" || table == "tests" || table == "properties") {
      const bool in_grant = table == "roles" && !at.keys.empty() && at.keys.front() == "grants";
      if (at.keys.empty() || in_grant) {
        for (const std::string& k : keys_of(at.table.empty() ? "" : table, in_grant)) out.add({k, property_kind, {}, {}});
      }
    }
    return out.result(at.prefix_begin);
  }
  return empty;
}

}  // namespace rolec::lsp
