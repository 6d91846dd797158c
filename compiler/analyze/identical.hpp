#pragma once
/// Lint rule RC413: a custom role whose access is the same as another role's, for every
/// document, action, principal and project permission. Roles are grouped by what their forms
/// show (the actions they give, their other permissions, who they apply to); roles with the same
/// grants in form are the same at no cost, and the rest of a group are told apart by the
/// analysis, each witness it finds splitting the group at once.

#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "resolve/resolve.hpp"

namespace rolec::analyze {

/// The most roles of one group (the same actions, permissions and audience, different grants)
/// compared by the analysis; a larger group is compared in form only.
inline constexpr std::size_t most_roles_compared = 256;

/// Adds an RC413 finding for each custom role with the access of another (a built-in role, or an
/// earlier custom one). `matching_none` names the permissions whose filter matches no document
/// (their grants allow nothing).
void identical_roles(const resolve::resolved_policy& resolved, const std::vector<std::string>& matching_none,
                     std::vector<diag::diagnostic>& out);

}  // namespace rolec::analyze
