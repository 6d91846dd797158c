#pragma once
// Checks of the GROQ filters of custom permissions (internal to the lint stage).

#include <vector>

#include "diag/diagnostic.hpp"
#include "groq/parse.hpp"
#include "policy/model.hpp"
#include "policy/toml_string.hpp"

namespace rolec::lint {

using policy::file_span;

/// The GROQ front end's findings for one filter (filter mode), moved into the policy file.
void check_filter_syntax(const policy::filter_source& filter, const groq::parse_result& parsed,
                         std::vector<diag::diagnostic>& out);

/// The warnings about filters Sanity accepts but that do not do what they seem to:
/// ids without drafts, filters that match everything or nothing, unguarded user attributes,
/// comparisons with null, confusable characters.
void check_filter_meaning(const policy::filter_source& filter, const groq::parse_result& parsed,
                          std::vector<diag::diagnostic>& out);

/// True when the filter certainly matches every document (`true`, `_id in path("**")`).
[[nodiscard]] bool matches_everything(const groq::node* root);

/// Invisible or mixed-script characters in `text`, as a description, or empty.
[[nodiscard]] std::string confusable(std::string_view text);

}  // namespace rolec::lint
