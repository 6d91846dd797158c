// RC402 unused-permission: a custom permission that no grant names.

#include <fmt/format.h>

#include "lint/rules/context.hpp"

namespace rolec::lint {

void check_unused_permissions(context& c) {
  if (!c.complete()) return;
  for (const policy::permission& perm : c.written.permissions) {
    if (c.granted.count(perm.name.value) > 0) continue;
    c.report(diag::rule::unused_permission, perm.name.at, fmt::format("no role grants the permission `{}`", perm.name.value),
             "grant it to a role, or remove it");
  }
}

}  // namespace rolec::lint
