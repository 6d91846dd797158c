#pragma once
/// JSON output that never throws: text from users and from libraries (file contents, TOML error
/// messages) may hold bytes that are not UTF-8, and nlohmann's dump() throws on them.

#include <string>

#include <nlohmann/json.hpp>

namespace rolec::util {

/// `j` as JSON text (`indent` < 0: one line); bytes that are not UTF-8 become U+FFFD.
template<typename Json>
[[nodiscard]] std::string json_text(const Json& j, int indent = -1) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace rolec::util
