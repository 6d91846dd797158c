#pragma once
/// Witnesses as a person would write them: the solver invents strings such as "" or "\u{0}";
/// these become `value-1`, `user-1`, and ids keep the form of a real published, draft or release
/// version id (`drafts.x`). A rewrite is kept only when the evaluator still confirms it.

#include <functional>
#include <set>
#include <string>

#include "analyze/compare.hpp"
#include "groq/ast.hpp"

namespace rolec::analyze {

/// `w` with its invented strings rewritten, if `confirms` (which re-checks a witness and may
/// update its causes) accepts the rewrite; `w` unchanged otherwise. `literals` are the strings the
/// filters name, which are kept as they are.
[[nodiscard]] witness make_readable(witness w, const std::set<std::string>& literals,
                                    const std::function<bool(witness&)>& confirms);

/// Adds every string literal of `n` (a filter's syntax tree) to `out`.
void collect_literals(const groq::node* n, std::set<std::string>& out);

}  // namespace rolec::analyze
