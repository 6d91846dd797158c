#pragma once
/// Stage `check`: every rule of the catalogue applied to a loaded policy.

#include <vector>

#include "diag/diagnostic.hpp"
#include "diag/source.hpp"
#include "policy/model.hpp"
#include "schemas/catalog.hpp"

namespace rolec::lint {

/// All findings about `p` (before rule levels and suppressions are applied), in no particular
/// order. GROQ findings inside filters point into the policy files.
[[nodiscard]] std::vector<diag::diagnostic> check(const policy::policy& p, const schemas::catalog& catalog,
                                                  const diag::source_manager& sources);

}  // namespace rolec::lint
