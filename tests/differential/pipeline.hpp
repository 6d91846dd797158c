#pragma once
// The library calls the differential test makes: lint a policy, build its Access API bodies
// whatever lint says, and apply them to an empty project of an in-process emulator. Kept in one
// small file so that they follow the library's interfaces in one place.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace rolec::test::differential {

/// The error-severity findings of `rolec lint` on the policy at `path`, each as `RULE message`;
/// a path that cannot be read is an error too.
[[nodiscard]] std::vector<std::string> lint_errors(const std::string& path);

/// The access-api bundle of a policy, or why there is none.
struct built {
  std::optional<nlohmann::ordered_json> bundle;
  std::string error;
};

/// Loads the policy at `path` and builds its access-api bundle, errors or not: the stages are
/// called directly, without the lint gate of `rolec build`.
[[nodiscard]] built build_bodies(const std::string& path);

/// How the emulator took a bundle.
struct applied {
  bool accepted = false;   ///< every request of the plan succeeded
  long status = 0;         ///< the first refusal's HTTP status
  std::string message;     ///< the first refusal's message, with its method and path
  std::size_t requests = 0;
};

/// Plans `bundle` against an empty project `p1` and applies the plan to a fresh in-process
/// emulator, one change at a time.
[[nodiscard]] applied apply_to_empty(const nlohmann::ordered_json& bundle);

}  // namespace rolec::test::differential
