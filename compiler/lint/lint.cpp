#include "lint/lint.hpp"

#include <iterator>

#include "lint/check.hpp"
#include "lint/configure.hpp"
#include "schemas/catalog.hpp"

namespace rolec::lint {

lint_result lint(const std::vector<std::string>& paths, diag::source_manager& sources, const refinement& refine,
                 const outside_levels& outside) {
  return lint_loaded(policy::load(paths, sources), sources, refine, outside);
}

lint_result lint_loaded(policy::load_result loaded, diag::source_manager& sources, const refinement& refine,
                        const outside_levels& outside, resolve::filter_set* shared) {
  lint_result result;
  result.errors = std::move(loaded.errors);
  if (!result.errors.empty()) return result;
  // The policy moves into the result first: what resolve points at is then where it stays.
  result.merged = std::move(loaded.merged);
  result.resolved = shared != nullptr ? resolve::resolve(result.merged, schemas::builtin(), *shared)
                                      : resolve::resolve(result.merged, schemas::builtin());
  std::vector<diag::diagnostic> found = std::move(loaded.diagnostics);
  std::vector<diag::diagnostic> checked = check(result.merged, result.resolved, schemas::builtin(), sources);
  found.insert(found.end(), std::make_move_iterator(checked.begin()), std::make_move_iterator(checked.end()));
  if (refine) refine(result.resolved, found);
  result.findings = configure(std::move(found), result.merged, sources, true, outside);
  return result;
}

}  // namespace rolec::lint
