#pragma once
/// What rolec is: the release, the source revision it was built from (`rolec --version`, the
/// SARIF log, the User-Agent of API requests), and where its documentation is.

#include <string_view>

namespace rolec::util {

/// The release, such as `0.1.0` (CMake's project version).
[[nodiscard]] std::string_view version();
/// The git commit built, 12 hex digits with `-dirty` when files had changed, or `unknown`
/// outside git (a build from a source archive can set it with -DROLEC_REVISION=...).
[[nodiscard]] std::string_view revision();
/// The address of the folder of rule pages this build links to (CMake's ROLEC_DOCS_URL), with a
/// slash at its end; empty when the build did not set one.
[[nodiscard]] std::string_view docs_url();
/// The source folder this build was made from (its `docs/rules/` serve a build that is not installed).
[[nodiscard]] std::string_view source_dir();

}  // namespace rolec::util
