#pragma once
/// What rolec is: the release, and the source revision it was built from (`rolec --version`, the
/// SARIF log, the User-Agent of API requests).

#include <string_view>

namespace rolec::util {

/// The release, such as `0.1.0` (CMake's project version).
[[nodiscard]] std::string_view version();
/// The git commit built, 12 hex digits with `-dirty` when files had changed, or `unknown`
/// outside git (a build from a source archive can set it with -DROLEC_REVISION=...).
[[nodiscard]] std::string_view revision();

}  // namespace rolec::util
