#pragma once
/// Stage `check`: every rule of the catalogue applied to a resolved policy.

#include <vector>

#include "diag/diagnostic.hpp"
#include "diag/source.hpp"
#include "policy/model.hpp"
#include "resolve/resolve.hpp"
#include "schemas/catalog.hpp"

namespace rolec::lint {

/// All findings about the policy `written`, resolved as `resolved` (before rule levels and
/// suppressions are applied), in no particular order. GROQ findings inside filters point into the
/// policy files.
[[nodiscard]] std::vector<diag::diagnostic> check(const policy::policy& written, const resolve::resolved_policy& resolved,
                                                  const schemas::catalog& catalog, const diag::source_manager& sources);

}  // namespace rolec::lint
