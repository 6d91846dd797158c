#pragma once
/// `rolec build`: compile a policy into request bodies for one target.

#include <optional>
#include <string>
#include <vector>

#include "build/target.hpp"
#include "diag/source.hpp"
#include "policy/load.hpp"
#include "policy/model.hpp"
#include "cli/common.hpp"

namespace rolec::cli {

/// Options of `rolec build`.
struct build_options {
  std::vector<std::string> paths{"."};
  build::target which = build::target::access_api;
  std::optional<std::string> env;  ///< a `[targets.NAME]`
  std::string output;              ///< empty: standard output; a folder: one file per body
};

/// A policy checked and built for one target, with what later stages need.
struct built_policy {
  diag::source_manager sources;
  policy::policy policy;               ///< as loaded (settings such as `[project] exclusive`)
  resolve::resolved_policy resolved;   ///< points into `policy`
  build::compiled compiled;            ///< points into `resolved`: the project id, API version, roles
  build::output out;
};

/// Lints `paths` and builds them for `which`, printing what stops it (errors of the policy or the
/// target) to standard error; nothing, with `status` set to the exit code, when it stopped.
[[nodiscard]] std::optional<built_policy> build_policy(const std::vector<std::string>& paths,
                                                       const std::optional<std::string>& env, build::target which,
                                                       int& status);

/// Lints and resolves `paths` for `explain` and `test`: the errors of a policy are printed to
/// standard error and counted in `errors`, and the policy is decided as it stands; only what
/// cannot be read (or an unknown `env`) stops it, with `status` set.
[[nodiscard]] std::optional<built_policy> resolve_for_decisions(const std::vector<std::string>& paths,
                                                                const std::optional<std::string>& env, int& status,
                                                                std::size_t& errors);

/// What a policy is read from: paths on disk, or texts someone else read (`git show`).
struct policy_input {
  std::vector<std::string> paths;
  std::optional<std::vector<policy::named_text>> texts;  ///< instead of `paths`
};

/// `resolve_for_decisions` for a policy read from `input`.
[[nodiscard]] std::optional<built_policy> resolve_for_decisions(policy_input input, const std::optional<std::string>& env,
                                                                int& status, std::size_t& errors);

/// Runs `rolec build`; returns the process exit code.
[[nodiscard]] int run_build(const build_options& options);

}  // namespace rolec::cli
