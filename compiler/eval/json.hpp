#pragma once
/// JSON in and out of GROQ values: documents and parameters in, results out.

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "eval/value.hpp"

namespace rolec::eval {

/// The value of one element of a parsed JSON document, passed by address (a
/// `simdjson::dom::element`) so that simdjson stays out of headers. Scalars are converted;
/// arrays and objects keep pointing into the document, which must outlive the value.
[[nodiscard]] value from_json(const void* simdjson_element);

/// A parsed JSON text (a document, parameters) whose values can be used as long as it lives.
/// Small inputs only: it is read with nlohmann-json, which also reads integers beyond 64 bits.
class json_document {
 public:
  /// Parses `text`; on failure returns false and sets `error` (`line L, column C: ...`).
  bool parse(std::string_view text, std::string& error);
  /// The root value (null before a successful parse).
  [[nodiscard]] value root() const { return root_; }

 private:
  util::arena arena_;
  value root_;
};

/// The value as JSON: datetimes as RFC 3339 strings, ranges as `"a..b"`, pairs as `"a => b"`,
/// paths as their pattern (spec: serialisation of internal types).
[[nodiscard]] nlohmann::ordered_json to_json(const value& v, util::arena& arena);

/// A value for a JSON value (parameters, expected results); strings and containers are copied
/// into `arena`.
[[nodiscard]] value from_nlohmann(const nlohmann::json& j, util::arena& arena);

}  // namespace rolec::eval
