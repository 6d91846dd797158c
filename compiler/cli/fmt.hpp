#pragma once
/// `rolec fmt`: rewrite policy files in the one layout, or check that they are in it.

#include <string>
#include <vector>

namespace rolec::cli {

/// Options of `rolec fmt`.
struct fmt_options {
  std::vector<std::string> paths{"."};
  bool check = false;  ///< change nothing; list the files that would change
};

/// Runs `rolec fmt`; returns the process exit code.
[[nodiscard]] int run_fmt(const fmt_options& options);

}  // namespace rolec::cli
