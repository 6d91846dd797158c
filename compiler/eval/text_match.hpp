#pragma once
/// The `match` operator's text search. The specification leaves tokenisation and pattern analysis
/// to the implementation; rolec does what groq-js 2.0.1 does, which is what Sanity Studio
/// decides with (docs/conformance.md), and passes every `match` case of the conformance suite.

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rolec::eval {

/// The tokens of `text`, as groq-js makes them: dots next to a letter, digit or `_` are removed
/// (`ding.dong` becomes `dingdong`, `end.` becomes `end`), then the text is split on white space
/// and on the characters ``!@#$%^&*(),\/?";:{}|[]+<>-`` (the rules are in text_match.cpp). Case
/// is kept: matching compares it away.
[[nodiscard]] std::vector<std::string> match_tokens(std::string_view text);

/// `left match right` for strings: true iff every term of every pattern matches some token of
/// the texts. A term matches a whole token, letters compared as JavaScript's case-insensitive
/// regular expressions compare them; in a term `*` stands for any run of characters and a `.`
/// that is left (one not next to a letter or digit) for any one character. No terms, or no
/// tokens, is false.
[[nodiscard]] bool text_match(std::span<const std::string_view> texts, std::span<const std::string_view> patterns);

}  // namespace rolec::eval
