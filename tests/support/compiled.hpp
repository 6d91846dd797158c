#pragma once
// A policy written in a test, linted (it must have no errors) and compiled, with everything the
// compiled form points into kept alive.

#include <memory>
#include <optional>
#include <string>

#include "build/compile.hpp"
#include "diag/source.hpp"
#include "lint/lint.hpp"

namespace rolec::test {

/// The stages up to build::compile of one policy file.
struct compiled_policy {
  diag::source_manager sources;
  lint::lint_result linted;
  std::optional<build::compiled> compiled;
};

/// Writes `toml` to a temporary file `name`, lints it (REQUIREs no errors, warnings allowed) and
/// compiles it (REQUIREd to succeed).
[[nodiscard]] std::unique_ptr<compiled_policy> compile_policy(const std::string& name, const std::string& toml);

}  // namespace rolec::test
