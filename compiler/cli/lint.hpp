#pragma once
/// `rolec lint`: check policy files; `rolec rules`: list the rule catalogue.

#include <string>
#include <vector>

#include "cli/common.hpp"
#include "diag/rules.hpp"

namespace rolec::cli {

/// Output formats of `rolec lint`.
enum class lint_format { human, json, sarif, github, gitlab };

/// Options of `rolec lint`.
struct lint_options {
  std::vector<std::string> paths{"."};
  lint_format output = lint_format::human;
  diag::severity fail_level = diag::severity::error;
  std::string docs_base = "docs/rules/";  ///< SARIF help links: this prefix and `RC201.md`
};

/// Runs `rolec lint`; returns the process exit code.
[[nodiscard]] int run_lint(const lint_options& options);

/// Runs `rolec rules` (human table, or JSON with `json`).
[[nodiscard]] int run_rules(bool json);

}  // namespace rolec::cli
