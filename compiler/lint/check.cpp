// The rules in the order they run; each lives in lint/rules/.

#include "lint/check.hpp"

#include "lint/rules/context.hpp"

namespace rolec::lint {

diag::diagnostic& context::report(diag::rule r, const policy::location& at, std::string message, std::string help) {
  diag::diagnostic d = diag::make(r, at.where, std::move(message), std::move(help));
  d.source = at.source;
  found.push_back(std::move(d));
  return found.back();
}

std::vector<const resolve::role*> context::all_custom_roles() const {
  std::vector<const resolve::role*> out;
  for (const resolve::role& r : resolved.custom_roles()) out.push_back(&r);
  for (const resolve::role& r : resolved.shadowed_roles) out.push_back(&r);
  return out;
}

std::vector<const resolve::permission*> context::all_custom_permissions() const {
  std::vector<const resolve::permission*> out;
  for (const resolve::permission& p : resolved.custom_permissions()) out.push_back(&p);
  for (const resolve::permission& p : resolved.shadowed_permissions) out.push_back(&p);
  return out;
}

std::vector<diag::diagnostic> check(const policy::policy& written, const resolve::resolved_policy& resolved,
                                    const schemas::catalog& catalog, const diag::source_manager& sources) {
  context c{written, resolved, catalog, sources, {}, {}};
  check_names(c);
  check_permission_types(c);
  check_filters(c);
  check_roles(c);
  check_extends_cycles(c);
  // What a role finally grants, `extends` followed: only the policy's own roles.
  for (const resolve::role& r : resolved.custom_roles()) {
    check_redundant_grants(c, r);
    check_escalation(c, r);
    check_robot_publish(c, r);
  }
  check_holders(c);
  check_unused_permissions(c);
  check_lint_config(c);
  return std::move(c.found);
}

}  // namespace rolec::lint
