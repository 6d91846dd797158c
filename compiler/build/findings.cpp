#include "build/findings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace rolec::build {

std::string describe_grant(const resolve::grant& g) {
  std::string out;
  if (g.value.action.is_mode() && g.value.action.mode) {
    out = fmt::format("mode `{}` on `{}`", *g.value.action.mode, g.value.permission);
  } else {
    out = fmt::format("`{}` on `{}`", g.value.action.name, g.value.permission);
  }
  if (g.from.inherited()) out += fmt::format(" (from `{}` through `extends`)", g.from.via());
  return out;
}

diag::diagnostic finding_at(diag::rule r, const policy::location& at, std::string message, std::string help) {
  diag::diagnostic d = diag::make(r, at.where, std::move(message), std::move(help));
  d.source = at.source;
  return d;
}

diag::diagnostic grant_finding(diag::rule r, const resolve::grant& g, std::string message, std::string help) {
  return finding_at(r, g.from.shown_at(), std::move(message), std::move(help));
}

void warn_dropped_audience(const resolve::role& r, std::string_view target_name, std::string_view why, std::string_view help,
                           std::vector<diag::diagnostic>& out) {
  const auto warn = [&](const policy::flag& flag, std::string_view key) {
    if (!flag.present || flag.value) return;
    diag::diagnostic d = diag::make(
        diag::rule::target_approximation, flag.at.where,
        fmt::format("the {} target cannot keep `{} = false` of role `{}`: {}", target_name, key, r.name(), why),
        std::string(help));
    d.source = flag.at.source;
    out.push_back(std::move(d));
  };
  warn(r.written->applies_to_users, "applies_to_users");
  warn(r.written->applies_to_robots, "applies_to_robots");
}

void sort_by_place(std::vector<diag::diagnostic>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const diag::diagnostic& a, const diag::diagnostic& b) {
    return std::tie(a.source, a.where.begin, a.where.end) < std::tie(b.source, b.where.begin, b.where.end);
  });
}

void warn_left_out(const compiled& c, std::string_view target_name, std::string_view members_why,
                   std::string_view robots_why, std::vector<diag::diagnostic>& out) {
  const auto warn = [&](const policy::location& at, std::string message, std::string help) {
    out.push_back(finding_at(diag::rule::target_approximation, at, std::move(message), std::move(help)));
  };
  if (!members_why.empty() && c.members_managed && !c.members.empty() && c.members.front()->written != nullptr) {
    warn(c.members.front()->written->id.at,
         fmt::format("the {} target leaves out `[members]` ({} member{}): {}", target_name, c.members.size(),
                     c.members.size() == 1 ? "" : "s", members_why),
         "build with the access-api target to list them; members stay with rolec (docs/members.md)");
  }
  if (robots_why.empty()) return;
  for (const resolve::robot* r : c.robots) {
    if (r->written == nullptr) continue;
    warn(r->written->name.at, fmt::format("the {} target leaves out robot `{}`: {}", target_name, r->name, robots_why),
         "build with the access-api or blueprint target to create it; robots stay with rolec (docs/members.md)");
  }
}

}  // namespace rolec::build
