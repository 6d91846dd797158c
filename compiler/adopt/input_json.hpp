#pragma once
/// What the readers of `rolec import`'s inputs (live state, `system.group` documents, legacy
/// listings) share: how deep their JSON may nest, the error for input of the wrong shape, and a
/// file read all or nothing.

#include <fmt/format.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "util/json_read.hpp"

namespace rolec::adopt {

/// nlohmann's parser is iterative, but copying a value and writing it as TOML recurse, so input
/// nested deeper than any listing or document is refused before it can exhaust the stack.
inline constexpr std::size_t max_input_depth = 128;

/// Raised by a reader for input of the wrong shape; `message` says where and what.
struct shape_error {
  std::string message;
};

/// Throws shape_error, so that the readers can stay straight-line code.
[[noreturn]] void fail(std::string message);

/// The string `obj[key]`; nothing when it is absent or null. `where` names `obj` in messages
/// (`where.key`; empty for the top level).
[[nodiscard]] std::optional<std::string> optional_string(const nlohmann::ordered_json& obj, std::string_view key,
                                                         const std::string& where);

/// Why the file `name` is not JSON an import reads: `name:line:col: not valid JSON: ...`, or
/// nesting deeper than any `what` has. `first_line` is the line of the text `why` is about (NDJSON).
[[nodiscard]] std::string json_error_message(const std::string& name, const util::json_error& why, std::string_view what,
                                             std::size_t first_line = 1);

/// Parses `text` (the file `name`, a `what`) and has `read(doc, copy)` add it to a copy of `into`,
/// which `into` becomes only when all of it was read: an error never leaves half a file in. False
/// with `error` set (the file name first) when the text is not JSON or `read` fails.
template<typename State, typename Read>
bool read_whole(std::string_view text, const std::string& name, std::string_view what, State& into, std::string& error,
                Read read) {
  util::json_error why;
  const auto doc = util::parse_json<nlohmann::ordered_json>(text, why, max_input_depth);
  if (!doc) {
    error = json_error_message(name, why, what);
    return false;
  }
  State merged = into;
  try {
    read(*doc, merged);
  } catch (const shape_error& e) {
    error = fmt::format("{}: {}", name, e.message);
    return false;
  }
  into = std::move(merged);
  return true;
}

}  // namespace rolec::adopt
