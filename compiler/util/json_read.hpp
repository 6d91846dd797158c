#pragma once
/// Reading JSON inputs (documents, live states, plans) with bounds: every error has a line and
/// column, numbers beyond the range of a double are an error rather than an exception that ends
/// the process, and nesting is limited before anything walks the value recursively.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace rolec::util {

/// The deepest nesting of arrays and objects rolec reads in a JSON document: the same as the
/// simdjson parser of `--documents` and `audit`, so that a document is accepted by all of them or
/// by none.
inline constexpr std::size_t max_json_depth = 1024;

/// A 1-based line and column (in bytes) of an offset into a text.
struct text_position {
  std::size_t line = 1;
  std::size_t column = 1;
};
[[nodiscard]] text_position position_of(std::string_view text, std::size_t offset);

/// The offset of the first bracket nested deeper than `max_depth`, if any (strings are skipped).
[[nodiscard]] std::optional<std::size_t> too_deep(std::string_view text, std::size_t max_depth);

/// Why a text is not a JSON value we read: where, and the reason (`syntax error while parsing
/// object - unexpected end of input; expected '}'`, `the number `1e999` is out of range`, ...).
struct json_error {
  text_position at;
  std::string reason;
  bool too_deep = false;  ///< nested deeper than allowed (the text may be valid JSON)
};

namespace detail {
json_error json_error_of(std::string_view text, const nlohmann::json::exception& e);
json_error nesting_error(std::string_view text, std::size_t offset, std::size_t max_depth);
}  // namespace detail

/// Parses `text` as one JSON value (`Json` is nlohmann::json or nlohmann::ordered_json), nested
/// at most `max_depth` deep; nothing with `error` set when it is not.
template<typename Json>
[[nodiscard]] std::optional<Json> parse_json(std::string_view text, json_error& error, std::size_t max_depth = max_json_depth) {
  if (const auto deep = too_deep(text, max_depth)) {
    error = detail::nesting_error(text, *deep, max_depth);
    return std::nullopt;
  }
  try {
    return Json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    error = detail::json_error_of(text, e);
    return std::nullopt;
  }
}

}  // namespace rolec::util
