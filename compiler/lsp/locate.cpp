#include "lsp/locate.hpp"

#include <algorithm>

#include "diag/rules.hpp"
#include "lsp/cursor.hpp"

namespace rolec::lsp {
namespace {

bool covers(const policy::location& at, const folder_file& file, std::uint32_t offset) {
  return at.source == file.id && at.where.begin <= offset && offset <= at.where.end && at.where.end > at.where.begin;
}

bool groq_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }

// A name of a rule (`RC405`, `implied-grant`) around `offset` of a comment.
named rule_in_comment(std::string_view text, std::uint32_t offset) {
  const auto word = [](char c) { return groq_char(c) || c == '-'; };
  std::uint32_t begin = offset, end = offset;
  while (begin > 0 && word(text[begin - 1])) --begin;
  while (end < text.size() && word(text[end])) ++end;
  const std::string_view name = text.substr(begin, end - begin);
  if (name.empty() || !diag::find_rule(name)) return {};
  return {named::kind::rule, std::string(name), {begin, end}, false};
}

// A GROQ function named at file `offset` inside a filter written at `source`.
named function_in(const policy::filter_source& source, std::uint32_t offset) {
  if (!source.exact || source.offsets.empty()) return {};
  const auto it = std::upper_bound(source.offsets.begin(), source.offsets.end(), offset);
  if (it == source.offsets.begin()) return {};
  const auto at = static_cast<std::uint32_t>(it - source.offsets.begin() - 1);
  const auto [word, begin] = groq_word_at(source.text, at);
  if (word.empty()) return {};
  const std::size_t end = begin + word.size();
  std::size_t after = end;
  while (after < source.text.size() && (source.text[after] == ' ' || source.text[after] == '\t')) ++after;
  if (after >= source.text.size() || source.text[after] != '(') return {};  // a field, not a call
  return {named::kind::function, word, {source.offsets[begin], source.offsets[end]}, false};
}

}  // namespace

std::pair<std::string, std::uint32_t> groq_word_at(std::string_view text, std::uint32_t at) {
  if (at > text.size()) return {};
  std::uint32_t begin = at, end = at;
  const auto joined = [&](std::uint32_t i) { return i >= 2 && text[i - 1] == ':' && text[i - 2] == ':'; };
  while (true) {
    while (begin > 0 && groq_char(text[begin - 1])) --begin;
    if (joined(begin) && begin >= 3 && groq_char(text[begin - 3])) {
      begin -= 2;
      continue;
    }
    break;
  }
  while (true) {
    while (end < text.size() && groq_char(text[end])) ++end;
    if (end + 2 < text.size() && text[end] == ':' && text[end + 1] == ':' && groq_char(text[end + 2])) {
      end += 2;
      continue;
    }
    break;
  }
  if (begin == end) return {};
  return {std::string(text.substr(begin, end - begin)), begin};
}

named name_at(const policy_folder& folder, const folder_file& file, std::uint32_t offset) {
  const lint::lint_result* linted = folder.current();
  if (linted == nullptr) return {};
  const policy::policy& p = linted->merged;
  const auto name = [&](named::kind k, const policy::text& t, bool definition) {
    return named{k, t.value, t.at.where, definition};
  };
  const auto in_permissions = [&](const std::vector<policy::permission>& list) -> named {
    for (const policy::permission& perm : list) {
      if (covers(perm.name.at, file, offset)) return name(named::kind::permission, perm.name, true);
      if (perm.filter && covers(perm.filter->literal, file, offset)) return function_in(*perm.filter, offset);
    }
    return {};
  };
  const auto in_roles = [&](const std::vector<policy::role>& list) -> named {
    for (const policy::role& r : list) {
      if (covers(r.name.at, file, offset)) return name(named::kind::role, r.name, true);
      for (const policy::text& e : r.extends) {
        if (covers(e.at, file, offset)) return name(named::kind::role, e, false);
      }
      for (const policy::grant& g : r.grants) {
        if (covers(g.permission.at, file, offset)) return name(named::kind::permission, g.permission, false);
      }
    }
    return {};
  };
  for (const named& found : {in_permissions(p.permissions), in_permissions(p.shadowed_permissions), in_roles(p.roles),
                             in_roles(p.shadowed_roles)}) {
    if (found.what != named::kind::nothing) return found;
  }
  for (const policy::test_case& t : p.tests) {
    for (const policy::text& r : t.roles) {
      if (covers(r.at, file, offset)) return name(named::kind::role, r, false);
    }
  }
  for (const policy::property& prop : p.properties) {
    for (const policy::text& r : prop.roles) {
      if (covers(r.at, file, offset)) return name(named::kind::role, r, false);
    }
    if (prop.where && covers(prop.where->literal, file, offset)) return function_in(*prop.where, offset);
  }
  for (const policy::rule_level& level : p.lint_levels) {
    if (covers(level.rule.at, file, offset) && diag::find_rule(level.rule.value)) {
      return name(named::kind::rule, level.rule, false);
    }
  }
  const std::string_view text = folder.sources().file(file.id).text();
  const toml_context context = context_at(text, offset);
  if (context.in_comment && context.prefix.find("rolec-ignore") != std::string::npos) return rule_in_comment(text, offset);
  return {};
}

}  // namespace rolec::lsp
