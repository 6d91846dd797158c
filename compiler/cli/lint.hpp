#pragma once
/// `rolec lint`: check policy files; `rolec rules`: list the rule catalogue.

#include <optional>
#include <string>
#include <utility>
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
  std::optional<std::string> output_file;     ///< `-o FILE`: the report goes there (atomically), not to stdout
  bool quiet = false;                         ///< `--quiet`: findings only, no summary line
  /// `--enable-rule` (true: back to its default level) and `--disable-rule` (false: off), in the
  /// order given: the last for a rule wins.
  std::vector<std::pair<std::string, bool>> rule_switches;
  std::optional<std::string> config;          ///< `--config FILE`: the lint settings shared by policies
  bool no_config = false;                     ///< `--no-config`: no `.rolec.toml`, even when there is one
  std::string docs_base;  ///< SARIF help links: this folder's address and `RC201.md` (empty: cli::rules_url's)
};

/// Runs `rolec lint`; returns the process exit code.
[[nodiscard]] int run_lint(const lint_options& options);

/// Runs `rolec rules` (human table, or JSON with `json`).
[[nodiscard]] int run_rules(bool json);

}  // namespace rolec::cli
