// RC403 empty-role, RC314 unknown-extends and RC315 cyclic-extends: a role's `extends` and
// whether it grants anything at all. Each role's grants are then judged by lint/rules/grants.cpp.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

#include "lint/rules/context.hpp"
#include "util/spell.hpp"

namespace rolec::lint {
namespace {

using diag::rule;

void check_role(context& c, const resolve::role& resolved) {
  const policy::role& r = *resolved.written;
  if (!r.has_grants && r.extends.empty()) {
    c.report(rule::empty_role, r.name.at, fmt::format("role `{}` grants nothing", r.name.value),
             "add grants, or extends = [\"...\"], or remove the role");
  }
  for (const policy::text& parent : r.extends) {
    if (c.resolved.find_role(parent.value) != nullptr || c.catalog.role(parent.value) != nullptr || !c.complete()) continue;
    std::vector<std::string> names;
    for (const auto& role : c.written.roles) names.push_back(role.name.value);
    for (const auto& b : c.catalog.roles()) names.push_back(b.name);
    std::string help = "extend a custom role of this policy or a built-in role (administrator, editor, viewer, ...)";
    if (auto guess = util::closest(parent.value, names)) help = fmt::format("did you mean `{}`?", *guess);
    c.report(rule::unknown_extends, parent.at, fmt::format("`{}` is not a role", parent.value), help);
  }
  for (const policy::grant& g : r.grants) check_grant(c, resolved, g);
}

void find_cycle(context& c, const policy::role& r, std::vector<std::string>& path, std::set<std::string>& reported) {
  for (const policy::text& parent : r.extends) {
    const resolve::role* next = c.resolved.find_role(parent.value);
    if (next == nullptr || next->builtin()) continue;
    if (parent.value == path.front()) {
      std::vector<std::string> members = path;
      std::sort(members.begin(), members.end());
      if (reported.insert(fmt::format("{}", fmt::join(members, ","))).second) {
        path.push_back(parent.value);
        c.report(rule::cyclic_extends, parent.at, fmt::format("roles extend each other in a cycle: {}", fmt::join(path, " -> ")),
                 "remove one of the `extends` entries");
        path.pop_back();
      }
      continue;
    }
    if (std::find(path.begin(), path.end(), parent.value) != path.end() || path.size() > c.resolved.custom_role_count) continue;
    path.push_back(parent.value);
    find_cycle(c, *next->written, path, reported);
    path.pop_back();
  }
}

}  // namespace

void check_roles(context& c) {
  for (const resolve::role* r : c.all_custom_roles()) check_role(c, *r);
}

void check_extends_cycles(context& c) {
  std::set<std::string> reported;
  for (const resolve::role& r : c.resolved.custom_roles()) {
    std::vector<std::string> path{r.name()};
    find_cycle(c, *r.written, path, reported);
  }
}

}  // namespace rolec::lint
