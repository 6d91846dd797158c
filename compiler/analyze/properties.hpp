#pragma once
/// Properties: what roles held together allow or deny on every document a filter matches, for
/// every principal, proved or refuted with a witness the evaluator confirms (DESIGN.md,
/// "Properties"). The same procedure as `diff`: a search among documents made of the filters'
/// own values, then the solver, which alone can prove.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyze/compare.hpp"
#include "decide/model.hpp"
#include "groq/parse.hpp"

namespace rolec::analyze {

/// One statement of a property: one action, allowed (or denied) on every document `where` matches.
struct claim {
  std::vector<std::string> roles;             ///< held together
  std::string action;                         ///< a document action, `publish` or `delete`
  bool allow = false;                         ///< allow: every such document (but group documents); deny: none
  /// Null: every document. For an operation, every form that exists matches it (and the
  /// published id is no draft or version id: not `drafts.drafts.x`).
  const groq::parse_result* where = nullptr;
  std::optional<bool> robot;                  ///< only robots (true) or only users (false)
  decide::kinds id_kinds = decide::every_kind;  ///< for an action: documents whose id is of these kinds
};

/// What became of a claim.
enum class outcome { proved, refuted, unknown };

/// `proved`, `refuted`, `unknown`.
[[nodiscard]] std::string_view name_of(outcome o);

/// A claim decided.
struct finding {
  outcome result = outcome::unknown;
  std::optional<witness> counterexample;  ///< with `refuted`: a document and principal it fails for
  std::string reason;                     ///< with `unknown`: why
  int solver_checks = 0;                  ///< questions put to the solver (0: decided without it)
};

/// Decides claims about one policy, the solver opened once for all of them.
class prover {
 public:
  /// Fails (`error`) only when the policy's decision model cannot be made. With `only`, claims
  /// name those roles alone (none: `exists` only, for a large policy at no cost).
  prover(const side& s, options opts, std::string& error, const std::vector<std::string>* only = nullptr);
  ~prover();
  prover(const prover&) = delete;
  prover& operator=(const prover&) = delete;

  [[nodiscard]] finding prove(const claim& c);
  /// Whether some document and principal make `filter` exactly true (`truth`), or not exactly
  /// true: `refuted` with one (as found, not made simpler), `proved` that there is none, or
  /// `unknown`.
  [[nodiscard]] finding exists(const groq::parse_result& filter, bool truth);
  /// Whether grant `g` of `role` allows `action` (a document action) on some document, for some
  /// principal, that no other grant of the role (but those of `left_out`) allows: `refuted` with
  /// one, `proved` that the others allow everything it does, or `unknown`.
  [[nodiscard]] finding beyond_others(const std::string& role, const resolve::grant* g, const std::string& action,
                                      const std::vector<const resolve::grant*>& left_out = {});
  /// Whether role `a` allows `action` (a document action) on some document, for some principal,
  /// that role `b` does not: `refuted` with one, `proved` that `b` allows all `a` does, or
  /// `unknown`. Without `solve`, only the search looks for one (never `proved`).
  [[nodiscard]] finding beyond_role(const std::string& a, const std::string& b, const std::string& action, bool solve = true);
  /// Whether `role` allows `action` on the witness's document for its principal (the evaluator).
  [[nodiscard]] bool allows(const std::string& role, const std::string& action, const witness& w);
  /// Forgets the decision models made so far (kept while questions are about the same roles).
  void forget_models();

 private:
  struct state;
  std::unique_ptr<state> state_;
};

}  // namespace rolec::analyze
