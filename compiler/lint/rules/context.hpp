#pragma once
// What every lint rule reads and where it reports (internal to the lint stage). Each rule, or
// family of rules about one thing, lives in its own file of lint/rules/, named after it.

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "diag/diagnostic.hpp"
#include "diag/source.hpp"
#include "policy/model.hpp"
#include "resolve/resolve.hpp"
#include "schemas/catalog.hpp"

namespace rolec::lint {

/// The policy as written and as resolved, and the findings so far.
struct context {
  const policy::policy& written;
  const resolve::resolved_policy& resolved;
  const schemas::catalog& catalog;
  const diag::source_manager& sources;
  std::vector<diag::diagnostic> found;
  std::unordered_set<std::string_view> granted;  ///< permission names some grant names (views of the policy)

  /// Adds a finding of rule `r` at `at`.
  diag::diagnostic& report(diag::rule r, const policy::location& at, std::string message, std::string help = {});
  /// True when every file parsed: references across files are judged only then.
  [[nodiscard]] bool complete() const { return written.broken_files.empty(); }
  /// Every custom role, then every role whose name an earlier file took.
  [[nodiscard]] std::vector<const resolve::role*> all_custom_roles() const;
  /// Every custom permission, then every one whose name an earlier file took.
  [[nodiscard]] std::vector<const resolve::permission*> all_custom_permissions() const;
};

// The rules, in the order `check` runs them.

/// RC305 invalid-name, RC306 invalid-title, RC313 builtin-redefined, RC409 case-collision, RC410 (titles).
void check_names(context& c);
/// RC304 (neither filter nor type), RC311 filter-mismatch, RC312 unknown-permission-type,
/// RC320 custom-permission-type.
void check_permission_types(context& c);
/// The GROQ findings inside filters, and RC401, RC405 to RC408, RC410 about what they say.
void check_filters(context& c);
/// RC403 empty-role, RC314 unknown-extends, then every grant (lint/rules/grants.cpp).
void check_roles(context& c);
/// RC304 (no actions), RC307 unknown-permission, RC308 unknown-action, RC309 actions-or-mode,
/// RC310 invalid-param, RC319 wrong-scope: one written grant against the Access API's rules.
void check_grant(context& c, const resolve::role& r, const policy::grant& g);
/// RC315 cyclic-extends.
void check_extends_cycles(context& c);
/// RC404 redundant-grant.
void check_redundant_grants(context& c, const resolve::role& r);
/// RC501 privilege-escalation.
void check_escalation(context& c, const resolve::role& r);
/// RC502 robot-publishes-all.
void check_robot_publish(context& c, const resolve::role& r);
/// RC321 unknown-role, RC322 wrong-audience, RC323 invalid-member, RC414 repeated-role, and
/// RC305 and RC316 for robots: `[members]` and `[robots.NAME]`.
void check_holders(context& c);
/// RC402 unused-permission.
void check_unused_permissions(context& c);
/// RC317 invalid-lint-config.
void check_lint_config(context& c);

}  // namespace rolec::lint
