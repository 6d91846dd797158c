#pragma once
/// What the analysis asks, and the evaluator's answer to it: every witness the solver or the
/// search proposes is decided again here, by decide (the code `explain` runs), before it is shown.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyze/compare.hpp"
#include "decide/model.hpp"
#include "decide/operations.hpp"
#include "eval/eval.hpp"
#include "groq/parse.hpp"

namespace rolec::analyze {

/// A question: a document action, or one of the operations `diff` compares.
struct asked {
  std::string name;
  std::optional<decide::action> plain;
  std::optional<decide::operation> op;
};

/// The question named `name` (an action or an operation).
[[nodiscard]] asked asked_named(const std::string& name);

/// What a checker decides: roles held together, on documents a filter matches, for one kind of
/// principal.
struct subject {
  std::vector<std::string> roles;
  const groq::parse_result* where = nullptr;  ///< none, or what every document (every form) must match
  std::optional<bool> robot;                  ///< only robots (true), only users (false)
  bool anything = false;                      ///< allows every action, where `where` matches
  bool group_documents = true;                ///< false: no document of the legacy access control (`_.groups.*`)
  bool nested_forms = true;                   ///< false: an operation's published id is no draft or version id
};

/// Roles of one side, decided by the evaluator for any principal (a model per principal, kept).
class checker {
 public:
  checker(const side& s, std::string role) : checker(s, subject{{std::move(role)}, nullptr, std::nullopt, false, true, true}) {}
  checker(const side& s, subject what) : side_(s), subject_(std::move(what)) {}

  /// The grants that allow `q` on `documents` (one, or the forms of an operation) for `who`, or
  /// nothing when the role does not allow it.
  [[nodiscard]] std::optional<std::vector<cause>> allowing(const asked& q, const std::vector<nlohmann::json>& documents,
                                                           const principal& who);

 private:
  struct prepared {
    std::unique_ptr<decide::model> model;
    std::unique_ptr<eval::program> where;  ///< the subject's `where` in the model's context
  };
  const prepared* model_for(const principal& who);

  const side& side_;
  subject subject_;
  std::map<std::string, prepared> models_;
};

}  // namespace rolec::analyze
