#include "policy/reader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "util/spell.hpp"

namespace rolec::policy {

std::vector<std::pair<const toml::key*, const toml::node*>> reader::ordered(const toml::table& t) {
  std::vector<std::pair<const toml::key*, const toml::node*>> entries;
  for (auto&& [key, value] : t) entries.emplace_back(&key, &value);
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    const auto& x = a.first->source().begin;
    const auto& y = b.first->source().begin;
    return x.line != y.line ? x.line < y.line : x.column < y.column;
  });
  return entries;
}

location reader::at(const toml::source_region& r) const {
  const std::uint32_t begin = file.offset_of_code_point(r.begin.line, r.begin.column);
  std::uint32_t end = r.end.line == 0 ? begin : file.offset_of_code_point(r.end.line, r.end.column);
  if (end < begin) end = begin;
  return {id, {begin, end}};
}

void reader::report(diag::rule r, location where, std::string message, std::string help) {
  diag::diagnostic d = diag::make(r, where.where, std::move(message), std::move(help));
  d.source = where.source;
  result.diagnostics.push_back(std::move(d));
}

void reader::check_keys(const toml::table& t, std::initializer_list<std::string_view> allowed, std::string_view where) {
  std::vector<std::string> names(allowed.begin(), allowed.end());
  for (auto&& [key, value] : t) {
    if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
    std::string help = fmt::format("the keys of {} are {}", where, fmt::join(names, ", "));
    if (auto guess = util::closest(key.str(), names)) help = fmt::format("did you mean `{}`?", *guess);
    report(diag::rule::unknown_key, at(key.source()), fmt::format("unknown key `{}` in {}", key.str(), where), help);
  }
}

const toml::table* reader::entry_table(const toml::node& n, std::string_view kind, std::string_view section,
                                       const toml::key& name) {
  if (const toml::table* t = n.as_table()) return t;
  report(diag::rule::invalid_type, at(n.source()), fmt::format("{} `{}` must be a table", kind, name.str()),
         fmt::format("write `[{}.{}]`", section, name.str()));
  return nullptr;
}

const toml::table* reader::table_at(const toml::table& t, std::string_view key) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return nullptr;
  if (const toml::table* table = n->as_table()) return table;
  report(diag::rule::invalid_type, at(n->source()), fmt::format("`{}` must be a table", key),
         fmt::format("write `[{}.NAME]` sections", key));
  return nullptr;
}

text reader::read_text(const toml::table& t, std::string_view key) {
  text out;
  const toml::node* n = t.get(key);
  if (n == nullptr) return out;
  if (const auto* s = n->as_string()) {
    out.value = s->get();
    out.at = at(n->source());
    out.present = true;
  } else {
    out.at = at(n->source());
    out.invalid = true;
    report(diag::rule::invalid_type, out.at, fmt::format("`{}` must be a string", key),
           fmt::format("write `{} = \"...\"`", key));
  }
  return out;
}

flag reader::read_flag(const toml::table& t, std::string_view key) {
  flag out;
  const toml::node* n = t.get(key);
  if (n == nullptr) return out;
  if (const auto* b = n->as_boolean()) {
    out.value = b->get();
    out.at = at(n->source());
    out.present = true;
  } else {
    report(diag::rule::invalid_type, at(n->source()), fmt::format("`{}` must be `true` or `false`", key));
  }
  return out;
}

std::vector<text> reader::read_strings(const toml::table& t, std::string_view key, bool allow_single) {
  std::vector<text> out;
  const toml::node* n = t.get(key);
  if (n == nullptr) return out;
  if (allow_single && n->is_string()) return {read_text(t, key)};
  const toml::array* a = n->as_array();
  if (a == nullptr) {
    report(diag::rule::invalid_type, at(n->source()), fmt::format("`{}` must be an array of strings", key),
           fmt::format("write `{} = [\"...\"]`", key));
    return out;
  }
  for (const toml::node& item : *a) {
    if (const auto* s = item.as_string()) {
      out.push_back({s->get(), at(item.source()), true});
    } else {
      report(diag::rule::invalid_type, at(item.source()), fmt::format("the elements of `{}` must be strings", key));
    }
  }
  return out;
}

void read_document(reader& r, const toml::table& root) {
  r.check_keys(root, {"project", "targets", "permissions", "roles", "members", "robots", "tests", "properties", "lint"},
               "the top level");
  if (const toml::node* n = root.get("project")) read_project(r, *n);
  if (const toml::table* t = r.table_at(root, "targets")) {
    for (auto&& [key, value] : r.ordered(*t)) read_target(r, *key, *value);
  }
  if (const toml::table* t = r.table_at(root, "permissions")) {
    for (auto&& [key, value] : r.ordered(*t)) read_permission(r, *key, *value);
  }
  if (const toml::table* t = r.table_at(root, "roles")) {
    for (auto&& [key, value] : r.ordered(*t)) read_role(r, *key, *value);
  }
  if (const toml::node* n = root.get("members")) read_members(r, *n);
  if (const toml::table* t = r.table_at(root, "robots")) {
    for (auto&& [key, value] : r.ordered(*t)) read_robot(r, *key, *value);
  }
  if (const toml::node* n = root.get("tests")) read_tests(r, *n);
  if (const toml::node* n = root.get("properties")) read_properties(r, *n);
  if (const toml::node* n = root.get("lint")) read_lint(r, *n);
}

void read_settings_document(reader& r, const toml::table& root) {
  r.check_keys(root, {"lint"}, "`.rolec.toml` (lint settings only)");
  if (const toml::node* n = root.get("lint")) read_lint(r, *n);
}

}  // namespace rolec::policy
