#pragma once
/// `file://` URIs, as editors name documents, and the paths they stand for.

#include <optional>
#include <string>
#include <string_view>

namespace rolec::lsp {

/// The absolute path of a `file://` URI (percent-decoded, lexically normal), or nothing for any
/// other URI.
[[nodiscard]] std::optional<std::string> path_of_uri(std::string_view uri);

/// The `file://` URI of absolute `path`.
[[nodiscard]] std::string uri_of_path(std::string_view path);

}  // namespace rolec::lsp
