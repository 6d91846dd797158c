#pragma once
/// `rolec test`: run the `[[tests]]` of a policy and report each.

#include <optional>
#include <string>
#include <vector>

#include "cli/common.hpp"

namespace rolec::cli {

/// Output formats of `rolec test`.
enum class test_format { human, json, junit };

/// Options of `rolec test`.
struct test_options {
  std::vector<std::string> paths{"."};
  test_format output = test_format::human;
  std::optional<std::string> env;  ///< a `[targets.NAME]`
};

/// Runs `rolec test`; returns the process exit code: 0 every test passed, 1 some failed or the
/// policy has errors, 3 the tests could not run (usage, unreadable input).
[[nodiscard]] int run_test(const test_options& options);

}  // namespace rolec::cli
