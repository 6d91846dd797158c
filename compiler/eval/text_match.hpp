#pragma once
/// The `match` operator's text search (spec "Match operator": tokenisation and pattern analysis
/// are implementation-defined; this follows what the conformance suite expects).

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rolec::eval {

/// The tokens of `text`: words split on white space and punctuation; dots inside a word do not
/// split (`ding.dong` is one token) but leading and trailing dots are stripped; case-folded
/// (Unicode letters and `_` are word characters; the exact rules are in text_match.cpp).
[[nodiscard]] std::vector<std::string> match_tokens(std::string_view text);

/// `left match right` for strings: true iff every pattern word of every pattern matches some
/// token of the texts. A pattern word matches a token exactly (case-insensitively) unless it
/// contains `*`, which matches any run of characters. No patterns, or no tokens, is false.
[[nodiscard]] bool text_match(std::span<const std::string_view> texts, std::span<const std::string_view> patterns);

}  // namespace rolec::eval
