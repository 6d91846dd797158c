#pragma once
/// Edits of a policy file's text that a fix may make: an element of a TOML array taken out.

#include <optional>
#include <string_view>
#include <vector>

#include "diag/diagnostic.hpp"

namespace rolec::policy {

/// The edit that takes element `i` (of `elements`, the spans of an array's values in order) out
/// of `text`, with the comma between it and a neighbour. Nothing when the array has one element
/// (an empty array says something else), or when anything but white space and one comma lies
/// between the element and that neighbour (a comment would go with it).
[[nodiscard]] std::optional<diag::fix> remove_element(std::string_view text, const std::vector<diag::span>& elements,
                                                      std::size_t i);

}  // namespace rolec::policy
