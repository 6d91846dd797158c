#pragma once
/// "Did you mean": the closest known name by edit distance.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace rolec::util {

/// Optimal string alignment distance (Levenshtein with adjacent transpositions).
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `word`, if it is close enough to be a plausible typo
/// (distance at most a third of the word's length, at least 1, ignoring case differences).
[[nodiscard]] std::optional<std::string> closest(std::string_view word, std::span<const std::string> candidates);

}  // namespace rolec::util
