#pragma once
/// `rolec build`: compile a policy into request bodies for one target.

#include <optional>
#include <string>
#include <vector>

#include "build/target.hpp"
#include "cli/common.hpp"

namespace rolec::cli {

/// Options of `rolec build`.
struct build_options {
  std::vector<std::string> paths{"."};
  build::target which = build::target::access_api;
  std::optional<std::string> env;  ///< a `[targets.NAME]`
  std::string output;              ///< empty: standard output; a folder: one file per body
};

/// Runs `rolec build`; returns the process exit code.
[[nodiscard]] int run_build(const build_options& options);

}  // namespace rolec::cli
