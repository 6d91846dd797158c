#pragma once
/// Stage `groq::check_filter`: what a custom role's document filter may not contain.
///
/// Sanity evaluates a permission filter against one document at a time, with no dataset, no
/// parameters and no parent scope, and grants only when the result is exactly `true`. Each
/// construct that cannot work there gets its own rule and the span of the construct.

#include "groq/parse.hpp"

namespace rolec::groq {

/// Appends a diagnostic for every construct `result` may not use as a permission filter.
void check_filter(parse_result& result);

}  // namespace rolec::groq
