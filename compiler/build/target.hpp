#pragma once
/// Stage `build`, second half: what one target makes of a compiled policy. Every target gives a
/// bundle (one JSON document) and the same content as files (one request body or document each).

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "build/compile.hpp"
#include "diag/diagnostic.hpp"

namespace rolec::build {

/// The targets of `rolec build --target`.
enum class target { access_api, roles_api, groups, blueprint };

/// A target's output. Errors among `diagnostics` (what the target cannot express) mean nothing
/// may be written.
struct output {
  nlohmann::ordered_json bundle;
  std::vector<std::pair<std::string, nlohmann::ordered_json>> files;  ///< relative path, content
  std::vector<diag::diagnostic> diagnostics;
};

/// `target` applied to `c`.
[[nodiscard]] output emit(target which, const compiled& c);

/// The Access API bodies (the default target).
[[nodiscard]] output emit_access_api(const compiled& c);

/// The call sequence of the 2021 project Roles API.
[[nodiscard]] output emit_roles_api(const compiled& c);

/// `system.group` documents for the deprecated custom access control.
[[nodiscard]] output emit_groups(const compiled& c);

/// A Sanity Blueprint document of the roles and robots (`build/blueprint.cpp`).
[[nodiscard]] output emit_blueprint(const compiled& c);

/// The start of every bundle: format version, target name, API version and resource.
[[nodiscard]] nlohmann::ordered_json bundle_header(std::string_view target_name, const compiled& c,
                                                   const std::string& api_version);

}  // namespace rolec::build
