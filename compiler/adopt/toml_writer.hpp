#pragma once
/// Writing TOML values and keys (TOML 1.0) for `rolec import`: strings with exactly the escapes
/// TOML requires, the most readable string form for GROQ filters, and keys quoted only when
/// needed.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace rolec::adopt::toml {

/// `text` as a TOML basic string `"..."`: quote, backslash and control characters escaped,
/// other characters (non-ASCII too) kept as UTF-8; bytes that are not UTF-8 become U+FFFD.
[[nodiscard]] std::string basic_string(std::string_view text);

/// True when `text` may stand in a literal string: valid UTF-8 without control characters other
/// than tab (and, when `multiline`, line feed).
[[nodiscard]] bool literal_safe(std::string_view text, bool multiline);

/// `text` as a literal string `'...'`, or nothing when it holds `'`, a line break or a control character.
[[nodiscard]] std::optional<std::string> literal_string(std::string_view text);

/// `text` as a multi-line literal string `'''...'''`, or nothing when it cannot be one. The line
/// break after the opening quotes is not part of the value, so the text begins on its own line.
/// Text that contains `'''` or ends in `'` is refused: TOML allows quotes right before the
/// closing delimiter, but a reader that gets it wrong would change the filter.
[[nodiscard]] std::optional<std::string> multiline_literal_string(std::string_view text);

/// A GROQ filter in the most readable form that holds it exactly: a literal string, else a
/// multi-line literal string, else a basic string.
[[nodiscard]] std::string filter_string(std::string_view text);

/// `name` as a TOML key: bare (`A-Za-z0-9_-`) when it can be, else a quoted basic string.
[[nodiscard]] std::string key(std::string_view name);

/// A JSON value as a TOML inline value (objects as inline tables with sorted keys); nothing
/// when it is or holds null, which TOML cannot express.
[[nodiscard]] std::optional<std::string> value(const nlohmann::json& v);

}  // namespace rolec::adopt::toml
