#pragma once
/// The filters of `system.group` documents against those of roles: legacy groups name the
/// current user with the parameter `$identity`, roles with the function `identity()` (reference
/// §6; both reach the evaluator as the same user id). Only whole tokens outside string literals
/// are rewritten, so a filter that compares a string holding either text keeps its meaning.

#include <string>
#include <string_view>

namespace rolec::model {

/// `filter` with every `$identity` parameter written as `identity()`.
[[nodiscard]] std::string identity_to_call(std::string_view filter);

/// `filter` with every `identity()` call written as the parameter `$identity`.
[[nodiscard]] std::string identity_to_param(std::string_view filter);

/// The filter of a `system.group` path grant: `_id in path("GLOB")`.
[[nodiscard]] std::string path_filter(std::string_view glob);

}  // namespace rolec::model
