#pragma once
/// `rolec pull`, `rolec plan` and `rolec apply`: the commands that read or change a live project.

#include <optional>
#include <string>
#include <vector>

#include "cli/common.hpp"

namespace rolec::cli {

/// Where the Access API is and how to sign in: `--api-url` or `SANITY_API_URL` (default
/// https://api.sanity.io), and the token from `SANITY_AUTH_TOKEN` or the variable `--token-env`.
struct connection_options {
  std::string api_url;
  std::string token_env = "SANITY_AUTH_TOKEN";
  unsigned parallelism = 8;  ///< apply: changes at once within a phase
};

/// Options of `rolec pull`.
struct pull_options {
  std::string project;
  std::string api_version;  ///< empty: the default version
  std::string output;       ///< empty: standard output
  connection_options connection;
};

/// Options of `rolec plan`.
struct plan_options {
  std::vector<std::string> paths{"."};
  std::string live;                  ///< a live-state file, instead of reading the project
  std::string project;               ///< the project to read (default: the policy's)
  std::optional<std::string> env;
  std::string output;                ///< `-o PLAN`
  format output_format = format::human;
  bool detailed_exitcode = false;
  connection_options connection;
};

/// Options of `rolec apply`.
struct apply_options {
  std::string plan_file;
  std::string project;  ///< overrides the plan's project
  connection_options connection;
};

/// Runs `rolec pull`; returns the process exit code.
[[nodiscard]] int run_pull(const pull_options& options);
/// Runs `rolec plan`; returns the process exit code.
[[nodiscard]] int run_plan(const plan_options& options);
/// Runs `rolec apply`; returns the process exit code.
[[nodiscard]] int run_apply(const apply_options& options);

}  // namespace rolec::cli
