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

namespace rolec::analyze {

/// A question: a document action, or one of the operations `diff` compares.
struct asked {
  std::string name;
  std::optional<decide::action> plain;
  std::optional<decide::operation> op;
};

/// The question named `name` (an action or an operation).
[[nodiscard]] asked asked_named(const std::string& name);

/// One role of one side, decided by the evaluator for any principal (a model per principal, kept).
class checker {
 public:
  checker(const side& s, std::string role) : side_(s), role_(std::move(role)) {}

  /// The grants that allow `q` on `documents` (one, or the forms of an operation) for `who`, or
  /// nothing when the role does not allow it.
  [[nodiscard]] std::optional<std::vector<cause>> allowing(const asked& q, const std::vector<nlohmann::json>& documents,
                                                           const principal& who);

 private:
  const decide::model* model_for(const principal& who);

  const side& side_;
  std::string role_;
  std::map<std::string, std::unique_ptr<decide::model>> models_;
};

}  // namespace rolec::analyze
