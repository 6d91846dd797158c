#pragma once
/// The whole of `rolec lint` as one call: load, resolve, check, then rule levels and suppressions.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "diag/source.hpp"
#include "lint/configure.hpp"
#include "policy/load.hpp"
#include "resolve/resolve.hpp"

namespace rolec::lint {

/// What linting found: the merged policy and what it resolves to, the findings a user sees
/// (configured and sorted), and errors that stop the tool (paths that cannot be read).
struct lint_result {
  policy::policy merged;
  resolve::resolved_policy resolved;  ///< points into `merged`: move the two together
  std::vector<diag::diagnostic> findings;
  std::vector<std::string> errors;
};

/// A further check of the resolved policy, run before rule levels and suppressions apply: it may
/// add findings, and take back those it decides better (the analysis's exact RC405 and RC406,
/// which a stage above lint supplies).
using refinement = std::function<void(const resolve::resolved_policy&, std::vector<diag::diagnostic>&)>;

/// Lints the policy at `paths` (files and folders, as `policy::load` reads them); `outside` sets
/// rule levels beside the policy's `[lint.rules]`.
[[nodiscard]] lint_result lint(const std::vector<std::string>& paths, diag::source_manager& sources,
                               const refinement& refine = {}, const outside_levels& outside = {});

/// Lints a policy already loaded into `sources` (from texts rather than paths). Filters are
/// parsed into `shared` when given (which must outlive the result), so that a filter an earlier
/// run parsed is not parsed again.
[[nodiscard]] lint_result lint_loaded(policy::load_result loaded, diag::source_manager& sources,
                                      const refinement& refine = {}, const outside_levels& outside = {},
                                      resolve::filter_set* shared = nullptr);

}  // namespace rolec::lint
