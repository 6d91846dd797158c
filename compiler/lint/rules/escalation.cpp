// RC501 privilege-escalation: rights that let a role hand itself (or a token) more than it has.
// Sanity keeps roles that carry administrator permissions to administrators, but every other
// role, custom ones included, can be handed out by whoever holds these.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

#include "lint/rules/context.hpp"

namespace rolec::lint {
namespace {

struct path {
  const char* permission;
  const char* action;
  const char* consequence;
};

constexpr path paths[] = {
    {"sanity-project-roles", "create", "create roles with any permission"},
    {"sanity-project-roles", "update", "add any permission to roles, its own included"},
    {"sanity-project-members", "update", "change the roles of any member, itself included"},
    {"sanity-project-members", "invite", "invite members with other roles"},
    {"sanity-project-tokens", "create", "create API tokens with other roles"},
};

}  // namespace

void check_escalation(context& c, const resolve::role& r) {
  // One finding per place: a role that extends `administrator` gets one message listing every path.
  struct finding {
    const resolve::grant* grant;
    std::vector<const path*> paths;
  };
  std::vector<finding> findings;
  std::set<std::string> reported;
  for (const resolve::grant& g : r.effective) {
    for (const path& p : paths) {
      if (g.value.permission != p.permission || g.value.action.name != p.action) continue;
      if (!reported.insert(std::string(p.permission) + p.action).second) continue;
      const policy::location& at = g.from.shown_at();
      const auto same_place = std::find_if(findings.begin(), findings.end(), [&](const finding& f) {
        const policy::location& other = f.grant->from.shown_at();
        return other.source == at.source && other.where == at.where;
      });
      if (same_place != findings.end()) {
        same_place->paths.push_back(&p);
      } else {
        findings.push_back({&g, {&p}});
      }
    }
  }
  for (const finding& f : findings) {
    const std::string source = f.grant->from.inherited() ? fmt::format(" (through `{}`)", f.grant->from.via()) : "";
    std::string message;
    if (f.paths.size() == 1) {
      const path& p = *f.paths.front();
      message = fmt::format("role `{}` can {}{} (`{}` `{}`): a path to more access than the role itself grants", r.name(),
                            p.consequence, source, p.permission, p.action);
    } else {
      std::vector<std::string> ways;
      for (const path* p : f.paths) ways.push_back(fmt::format("{} (`{}` `{}`)", p->consequence, p->permission, p->action));
      message = fmt::format("role `{}` has {} paths to more access than it grants{}: it can {}", r.name(), f.paths.size(),
                            source, fmt::join(ways, "; "));
    }
    c.report(diag::rule::privilege_escalation, f.grant->from.shown_at(), message,
             "keep these rights to administrators; if it is intended, say so with a rolec-ignore comment and a reason");
  }
}

}  // namespace rolec::lint
