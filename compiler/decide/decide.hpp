#pragma once
/// Stage `decide`, second half: whether roles may do an action on a document, and why. The
/// fast form (`filter_results` then `allowed`) serves `audit`; `decide` keeps every grant's
/// verdict for `explain` and `test`.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "decide/model.hpp"
#include "eval/value.hpp"

namespace rolec::decide {

/// The value of each filter of `m` on `document`: 1 when exactly true, 0 otherwise, -1 when the
/// evaluation failed (which grants nothing). `out` is resized to the number of filters.
void filter_results(const model& m, const eval::value& document, util::arena& arena, std::vector<signed char>& out);

/// True when `r` lets the context's principal do `a` on the document `id` (of kind `k`), given
/// the filter results of that document.
[[nodiscard]] bool allowed(const model& m, const role& r, action a, std::string_view id, id_kind k,
                           const std::vector<signed char>& results);

/// Why one grant did or did not allow the action.
struct grant_verdict {
  std::size_t rule = 0;        ///< index into model::rules()
  bool role_applies = true;     ///< the role applies to the principal (users or robots)
  bool in_dataset = true;       ///< the grant holds in the context's dataset
  bool action_granted = false;  ///< the grant gives the action on some kind of id
  bool kind_covered = false;    ///< ... and on this document's kind of id
  bool system_refused = false;  ///< the Content Lake refuses it whatever the filter (group documents)
  bool evaluated = false;       ///< the filter was evaluated (only when everything above holds)
  bool filter_true = false;
  std::string error;            ///< an evaluation error, if any

  /// True when this grant allows the action.
  [[nodiscard]] bool allows() const {
    return role_applies && in_dataset && action_granted && kind_covered && !system_refused && filter_true;
  }
};

/// A decision with the verdict of every grant of the roles asked about.
struct decision {
  bool allowed = false;
  std::string document_id;
  id_kind kind = id_kind::published;
  bool public_read = false;                 ///< allowed to anyone: a root-path document of a public dataset
  std::vector<std::string> unknown_roles;   ///< named, but neither in the policy nor built in
  std::vector<grant_verdict> verdicts;      ///< every grant of the roles, in role order
};

/// Decides `a` on `document` for the union of `roles` (grants are additive).
[[nodiscard]] decision decide(const model& m, const std::vector<std::string>& roles, action a, const eval::value& document,
                              util::arena& arena);

/// One sub-expression of a filter and its value on a document, for `explain`.
struct term {
  int depth = 0;           ///< 0: the whole filter
  std::string text;        ///< the sub-expression as written
  std::string value;       ///< its value as JSON (`true`, `"user-7"`, `null`)
  std::string error;       ///< an evaluation error instead of a value
};

/// The boolean structure of filter `f` on `document`: the filter, then for `&&`, `||` and `!`
/// each operand (recursively), and for a comparison the values of its two sides.
[[nodiscard]] std::vector<term> explain_filter(const model& m, std::size_t f, const eval::value& document, util::arena& arena);

}  // namespace rolec::decide
