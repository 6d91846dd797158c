#pragma once
/// Stage `groq::validate`: the spec's query validation (Validate*), on a parsed query.

#include <string>
#include <vector>

#include "groq/parse.hpp"

namespace rolec::groq {

/// What the query will run with.
struct validate_options {
  /// The parameters the query is given; when set, every `$name` must be one of them
  /// (spec ValidateParameter). When null, parameters are not checked.
  const std::vector<std::string>* parameters = nullptr;
  /// Delta mode allows `before()`, `after()` and `delta::` (spec "Mode").
  bool delta_mode = false;
};

/// Appends a diagnostic for every validation error of `result` (which must have parsed).
void validate(parse_result& result, const validate_options& options = {});

}  // namespace rolec::groq
