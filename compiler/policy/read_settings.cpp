// `[project]`, `[targets.NAME]` and `[lint.rules]`: the settings of a policy.

#include "policy/reader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace rolec::policy {

using diag::rule;

void read_project(reader& r, const toml::node& n) {
  const toml::table* t = n.as_table();
  if (t == nullptr) {
    r.report(rule::invalid_type, r.at(n.source()), "`project` must be a table", "write a `[project]` section");
    return;
  }
  r.check_keys(*t, {"id", "api_version", "exclusive", "protect", "public_datasets"}, "`[project]`");
  r.result.merged.project_id = r.read_text(*t, "id");
  r.result.merged.api_version = r.read_text(*t, "api_version");
  r.result.merged.exclusive = r.read_flag(*t, "exclusive");
  r.result.merged.protected_roles = r.read_strings(*t, "protect");
  r.result.merged.public_datasets = r.read_strings(*t, "public_datasets");
}

void read_target(reader& r, const toml::key& key, const toml::node& n) {
  const toml::table* t = r.entry_table(n, "target", "targets", key);
  if (t == nullptr) return;
  r.check_keys(*t, {"project", "api_version", "public_datasets"}, fmt::format("target `{}`", key.str()));
  target out;
  out.name = {std::string(key.str()), r.at(key.source()), true};
  out.project = r.read_text(*t, "project");
  out.api_version = r.read_text(*t, "api_version");
  out.public_datasets = r.read_strings(*t, "public_datasets");
  out.public_datasets_given = t->contains("public_datasets");
  r.result.merged.targets.push_back(std::move(out));
}

void read_lint(reader& r, const toml::node& n) {
  const toml::table* t = n.as_table();
  if (t == nullptr) {
    r.report(rule::invalid_type, r.at(n.source()), "`lint` must be a table", "write a `[lint.rules]` section");
    return;
  }
  r.check_keys(*t, {"rules"}, "`[lint]`");
  const toml::table* rules = r.table_at(*t, "rules");
  if (rules == nullptr) return;
  for (auto&& [key, value] : r.ordered(*rules)) {
    rule_level level;
    level.rule = {std::string(key->str()), r.at(key->source()), true};
    if (const auto* s = value->as_string()) {
      level.level = {s->get(), r.at(value->source()), true};
      r.result.merged.lint_levels.push_back(std::move(level));
    } else {
      r.report(rule::invalid_type, r.at(value->source()), "a rule level must be a string",
               "write \"off\", \"info\", \"warning\" or \"error\"");
    }
  }
}

}  // namespace rolec::policy
