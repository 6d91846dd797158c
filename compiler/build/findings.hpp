#pragma once
/// Findings the build targets share: how a grant is named, where a finding about it points, and
/// settings a target cannot keep.

#include <string>
#include <string_view>
#include <vector>

#include "build/compile.hpp"
#include "diag/diagnostic.hpp"
#include "resolve/resolve.hpp"

namespace rolec::build {

/// How a message names a grant: "`read` on `posts`", or "mode `publish` on `...`", and the
/// role it came from through `extends`, if any.
std::string describe_grant(const resolve::grant& g);

/// A finding of rule `r` at `at` in a policy file.
diag::diagnostic finding_at(diag::rule r, const policy::location& at, std::string message, std::string help);

/// A finding of rule `r` about `g`, at the grant or at the `extends` entry it came through.
diag::diagnostic grant_finding(diag::rule r, const resolve::grant& g, std::string message, std::string help);

/// A warning for each `applies_to_users = false` or `applies_to_robots = false` of `r`, which
/// `target_name` drops because `why`.
void warn_dropped_audience(const resolve::role& r, std::string_view target_name, std::string_view why, std::string_view help,
                           std::vector<diag::diagnostic>& out);

/// A warning at the first member when `members_why` is given, and at each robot when
/// `robots_why` is: what `target_name` leaves out of `c`, and why.
void warn_left_out(const compiled& c, std::string_view target_name, std::string_view members_why,
                   std::string_view robots_why, std::vector<diag::diagnostic>& out);

/// Sorts findings by file and position, as lint's are, rather than by role and grant.
void sort_by_place(std::vector<diag::diagnostic>& findings);

}  // namespace rolec::build
