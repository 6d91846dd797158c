#pragma once
/// `rolec diff`: what a change of policy does to access, with a witness for each direction.

#include <optional>
#include <string>
#include <vector>

#include "cli/build.hpp"

namespace rolec::cli {

/// Output formats of `rolec diff`.
enum class diff_format { human, json, sarif, github };

/// What makes `rolec diff` exit 1.
enum class fail_on { nothing, widening, narrowing, change };

/// Options of `rolec diff`.
struct diff_options {
  std::string before;  ///< a file or folder, or `git:REV:PATH`
  std::string after;
  std::optional<std::string> env;
  std::vector<std::string> roles;
  std::vector<std::string> actions;
  diff_format output = diff_format::human;
  fail_on fail = fail_on::nothing;
};

/// Where a side of `diff` is read from: `git:REV:PATH` is PATH as it was at git revision REV
/// (every `.toml` file under it); anything else is a file or folder. Nothing, with `error` set,
/// when git cannot give it.
[[nodiscard]] std::optional<policy_input> side_input(const std::string& argument, std::string& error);

/// Runs `rolec diff`; returns the process exit code.
[[nodiscard]] int run_diff(const diff_options& options);

}  // namespace rolec::cli
