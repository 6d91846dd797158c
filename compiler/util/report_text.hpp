#pragma once
/// How machine formats write paths and text: a path relative to the working folder, a relative
/// URI reference, a base address that ends with a slash, and the escapes of GitHub's workflow
/// commands.

#include <filesystem>
#include <string>
#include <string_view>

namespace rolec::util {

/// `given` relative to `base` (an absolute folder), normalised: `./access/x.toml` and
/// `/repo/access/x.toml` (with `base` `/repo`) are both `access/x.toml`. A path outside `base`
/// stays as given but normalised (`../x.toml`, `/elsewhere/x.toml`); `<stdin>` stays as it is.
[[nodiscard]] std::string relative_path(std::string_view given, const std::filesystem::path& base);
/// `relative_path` from the working folder, as every machine format reports files.
[[nodiscard]] std::string report_path(std::string_view given);
/// `path` as a relative URI reference (RFC 3986): letters, digits, `-._~/` kept, every other byte
/// percent-encoded.
[[nodiscard]] std::string uri_reference(std::string_view path);
/// `path` (absolute) as a `file://` URI.
[[nodiscard]] std::string file_uri(std::string_view path);
/// `base` with a `/` at its end, so that a file name can follow it.
[[nodiscard]] std::string as_folder(std::string_view base);
/// A workflow command's message: `%`, CR and LF escaped.
[[nodiscard]] std::string workflow_data(std::string_view s);
/// A workflow command's property value: as `workflow_data`, and `:` and `,` too.
[[nodiscard]] std::string workflow_property(std::string_view s);

}  // namespace rolec::util
