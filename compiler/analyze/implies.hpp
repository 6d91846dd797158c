#pragma once
/// The solver-free proofs: one role's grants contain another's when each grant of the one is
/// implied by a grant of the other, filters compared in disjunctive normal form with GROQ's
/// three-valued reading (a filter holds where it is exactly `true`). A proof here is sound; its
/// absence says nothing, and the search and the solver take over.

#include <vector>

#include "analyze/check.hpp"
#include "decide/model.hpp"

namespace rolec::analyze {

/// True when every (document, principal) that role `lesser` of `m_lesser` allows for `q`, role
/// `greater` of `m_greater` allows too (a missing role allows nothing).
[[nodiscard]] bool contained(const decide::model& m_lesser, const decide::role* lesser, const decide::model& m_greater,
                             const decide::role* greater, const asked& q);

/// True when grant `big` of `m_big` allows `a` wherever grant `small` of `m_small` does, as far
/// as their forms show it: the same kinds of id or more, every dataset `small` holds in, and a
/// filter `small`'s implies.
[[nodiscard]] bool grant_covers(const decide::model& m_small, const decide::rule& small, const decide::model& m_big,
                                const decide::rule& big, decide::action a);

/// True when no document makes both `a` and `b` exactly true, as far as their forms show it (one
/// expression tested against values the two have none of in common).
[[nodiscard]] bool filters_disjoint(const groq::node* a, const groq::node* b);

/// True when `a` being exactly true makes `b` exactly true, as far as their forms show it.
[[nodiscard]] bool filter_implies(const groq::node* a, const groq::node* b);

}  // namespace rolec::analyze
