#pragma once
/// `rolec test`: run the `[[tests]]` of a policy, decide its `[[properties]]`, and report each.

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
  bool allow_unknown = false;      ///< a property neither proved nor refuted does not fail
};

/// Runs `rolec test`; returns the process exit code: 0 every test passed and every property was
/// proved, 1 some test failed, a property was refuted (or unknown without `allow_unknown`) or the
/// policy has errors, 3 the tests could not run (usage, unreadable input).
[[nodiscard]] int run_test(const test_options& options);

}  // namespace rolec::cli
