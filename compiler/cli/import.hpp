#pragma once
/// `rolec import`: live state (what `rolec pull` saves, or raw Access API responses) to policy TOML.

#include <string>
#include <vector>

#include "cli/common.hpp"

namespace rolec::cli {

/// Options of `rolec import`.
struct import_options {
  std::vector<std::string> inputs;  ///< live-state files
  std::string output;               ///< empty: standard output; otherwise a folder for the TOML files
};

/// Runs `rolec import`; returns the process exit code.
[[nodiscard]] int run_import(const import_options& options);

}  // namespace rolec::cli
