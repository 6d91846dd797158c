#pragma once
/// The formulas of one question over one world: when roles allow an action (or an operation on
/// the forms of a document), and which document and principal a solver's model stands for.
/// `diff` asks it of two sides, properties of one side against a filter.

#include <functional>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyze/check.hpp"
#include "analyze/symbolic.hpp"
#include "decide/model.hpp"

namespace rolec::analyze {

/// An action or operation asked of symbolic documents: one document for an action, the draft
/// and published forms (either may be missing) for an operation.
class question {
 public:
  question(world& w, const asked& q);

  /// When the role `r` of `m` (null: none) allows what is asked; with `counts`, through the
  /// grants it accepts only.
  [[nodiscard]] Z3_ast allows(const decide::model& m, const decide::role* r,
                              const std::function<bool(const decide::rule&)>& counts = {});
  /// When `parsed` is exactly true on the document asked about, or on every form that exists.
  [[nodiscard]] Z3_ast matches(const groq::parse_result& parsed);
  /// When the document (for an operation, its published id) is not one of the legacy access
  /// control's group documents (`_.groups.*`).
  [[nodiscard]] Z3_ast outside_groups();
  /// When the document asked about (an action's) has an id of kinds `ks`; true for an operation.
  [[nodiscard]] Z3_ast id_of(decide::kinds ks);
  /// For an operation, when the published id is itself no draft or release version id (not
  /// `drafts.drafts.x`); true for an action.
  [[nodiscard]] Z3_ast plain_forms();
  /// What the documents satisfy (ids of their form).
  [[nodiscard]] const std::vector<Z3_ast>& constraints() const { return constraints_; }

  /// The documents of a model: the one asked about, or the forms of an operation that exist.
  [[nodiscard]] std::vector<nlohmann::json> documents(const solution& s) const;
  /// The documents and principal of a model, as a witness without causes.
  [[nodiscard]] witness witness_of(const solution& s) const;

 private:
  Z3_ast well_formed(Z3_ast id);
  Z3_ast kind_is(Z3_ast id, decide::kinds ks);
  Z3_ast may(const decide::model& m, const decide::role& r, decide::action a, const document& d,
             const std::function<bool(const decide::rule&)>& counts);

  world& w_;
  smt& z_;
  asked q_;
  std::vector<Z3_ast> constraints_;
  document single_;
  Z3_ast x_ = nullptr, draft_exists_ = nullptr, published_exists_ = nullptr;
  document draft_, draft_as_published_, published_;
};

}  // namespace rolec::analyze
