#pragma once
/// The GROQ front end as one call: parse, validate and, for permission filters, check_filter.

#include <string>
#include <string_view>
#include <vector>

#include "groq/parse.hpp"

namespace rolec::groq {

/// How a text is read: a full query, or a custom role's permission filter.
enum class mode { query, filter };

/// Options of `analyze`.
struct analyze_options {
  groq::mode mode = mode::query;
  /// Query mode: the parameters the query is given (null: not checked). Filter mode never has any.
  const std::vector<std::string>* parameters = nullptr;
  /// Where the syntax tree is allocated (see groq::parse); null: the result's own arena.
  util::arena* arena = nullptr;
};

/// Runs the front-end stages on `text` (which must outlive the result) and collects every
/// diagnostic they report.
[[nodiscard]] parse_result analyze(std::string_view text, const analyze_options& options = {});

}  // namespace rolec::groq
