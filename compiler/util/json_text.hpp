#pragma once
/// JSON output that never throws: text from users and from libraries (file contents, TOML error
/// messages) may hold bytes that are not UTF-8, and nlohmann's dump() throws on them.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace rolec::util {

/// Appends `text` as a JSON string literal, as nlohmann's dump() writes one: quotes, backslashes
/// and control characters escaped, other bytes as they are. GROQ string literals are written the
/// same way (groq::quote).
void append_json_string(std::string& out, std::string_view text);

/// `j` as JSON text (`indent` < 0: one line); bytes that are not UTF-8 become U+FFFD.
template<typename Json>
[[nodiscard]] std::string json_text(const Json& j, int indent = -1) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace rolec::util
