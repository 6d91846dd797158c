#pragma once
/// The lint rules the analysis decides exactly, for `rolec lint`: a custom permission's filter
/// that no document and principal make true (RC406), or that every one does (RC405), which take
/// the place of lint's pattern rules of the same ids wherever the analysis decides (where it
/// cannot, a construct outside the fragment, the pattern rules' findings stay); a grant whose
/// every document the role's other grants allow (RC411); a role that updates documents and
/// creates published ones but can publish none (RC412); a role that allows exactly what another
/// does (RC413, analyze/identical.hpp).

#include <vector>

#include "diag/diagnostic.hpp"
#include "resolve/resolve.hpp"

namespace rolec::analyze {

/// Decides every custom permission's filter and custom role, adds the findings lint's patterns
/// missed and takes back those the analysis refutes. A lint::refinement.
void refine_findings(const resolve::resolved_policy& resolved, std::vector<diag::diagnostic>& found);

}  // namespace rolec::analyze
