#pragma once
/// Stage `analyze`: what a change of policy does to access, decided for every document and
/// principal at once. For each role and document action (and the operations `publish` and
/// `delete`), whether some (document, principal) is allowed by one side and not by the other,
/// with a witness for each direction that rolec's evaluator confirms before it is shown.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "decide/model.hpp"
#include "resolve/resolve.hpp"

namespace rolec::analyze {

/// What a change does to one role's access.
enum class verdict { unchanged, widens, narrows, both, unknown };

/// `widens`, `narrows`, `both`, `unknown`, `unchanged`.
[[nodiscard]] std::string_view name_of(verdict v);

/// Who asks, in a witness.
struct principal {
  std::string identity;
  nlohmann::json attributes = nullptr;  ///< null: the filters do not read them
  bool robot = false;
  std::optional<std::string> dataset;   ///< none: the filters and grants do not depend on it
  std::optional<std::string> now;       ///< none: the filters do not read the time
  bool anonymous = false;               ///< a visitor without a token (the pseudo-role `(anyone)`)
};

/// A grant that allows a witness.
struct cause {
  std::string permission;
  std::string written;                    ///< `actions = ["read"]`, `mode = "publish", ...`
  const resolve::grant* grant = nullptr;  ///< where it is (of the side that allows)
  bool filter_changed = false;            ///< its permission's filter differs between the sides (or is new)
};

/// A (document, principal) allowed by one side and not the other.
struct witness {
  std::vector<nlohmann::json> documents;  ///< one, or for an operation the forms that exist
  principal who;
  std::vector<cause> because;             ///< the grants (of the side that allows) that allow it
};

/// One role and action whose access may have changed.
struct change {
  std::string role;
  std::string action;                    ///< a document action or `publish`, `delete`
  verdict result = verdict::unchanged;
  std::optional<witness> widened;        ///< the new side allows it, the old one does not
  std::optional<witness> narrowed;       ///< the old side allows it, the new one does not
  std::string reason;                    ///< why `unknown`
  bool solved = false;                   ///< the grants differ: the question was analysed (search, solver)
  int solver_checks = 0;                 ///< questions put to the solver (0: decided without it)
  double millis = 0;                     ///< time to decide it
};

/// What to compare.
struct options {
  std::vector<std::string> roles;    ///< empty: every role of either side
  std::vector<std::string> actions;  ///< empty: every action and the two operations
  unsigned rlimit = 1000000;         ///< the solver's resource bound per question (deterministic)
  unsigned retry_rlimit = 3000000;   ///< ... for the second try, in a fresh solver
  std::size_t search_budget = 256;   ///< candidates tried before the solver is asked for a witness
};

/// What a comparison cost (`ROLEC_STATS=1 rolec diff` prints it).
struct costs {
  int solver_checks = 0;       ///< questions put to the solver (two per role and action at most)
  double solver_millis = 0;    ///< time in the solver
  double check_millis = 0;     ///< time re-checking witnesses with the evaluator
  int searched = 0;            ///< witnesses found without the solver
  double search_millis = 0;    ///< time searching for them
};

/// The comparison of two policies.
struct report {
  std::vector<change> changes;  ///< every (role, action) asked, in role then action order
  std::string error;            ///< why nothing could be compared (the solver is missing)
  costs spent;
};

/// The actions `diff` asks about, in order: the document actions, then `publish` and `delete`.
[[nodiscard]] const std::vector<std::string>& compared_actions();

/// One side: a resolved policy and its decision model (made with a default context).
struct side {
  const resolve::resolved_policy* policy = nullptr;
  std::optional<std::string> project_id;
  std::vector<std::string> public_datasets;  ///< where anyone reads the root-path documents
};

/// The pseudo-role of what anyone may do without a role: read a public dataset's documents.
inline constexpr std::string_view anyone = "(anyone)";

/// Compares `before` with `after`.
[[nodiscard]] report compare(const side& before, const side& after, const options& opts);

}  // namespace rolec::analyze
