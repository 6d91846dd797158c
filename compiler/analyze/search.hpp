#pragma once
/// Witnesses without the solver: documents and principals made of the filters' own values (the
/// literals each field is compared with, an id of every form, the user's id, "another value",
/// nothing at all), tried simplest first with the evaluator. Most changes show a witness among
/// the first few hundred; what is not found is left to the solver, which also proves absences.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analyze/check.hpp"
#include "analyze/compare.hpp"
#include "decide/model.hpp"

namespace rolec::analyze {

/// The candidates of one question about one role, from the filters of both sides.
class search {
 public:
  search(const decide::model& before, const decide::model& after, const std::string& role, const asked& q);
  /// The candidates of one question about roles of one model held together, on documents `where`
  /// (null: any) matches.
  search(const decide::model& m, const std::vector<std::string>& roles, const groq::node* where, const asked& q);

  /// The simplest of at most `budget` candidates that `yes` allows and `no` does not, confirmed.
  [[nodiscard]] std::optional<witness> find(checker& yes, checker& no, std::size_t budget) const;

  /// The number of candidates there are (the product of every field's values).
  [[nodiscard]] double size() const;

 private:
  struct dimension {
    int target = 0;                              ///< 0 a document field, 1 an attribute, 2 robot, 3 dataset, 4 id, 5 forms
    std::vector<std::string> path;               ///< the field (document or attributes)
    std::vector<std::optional<nlohmann::json>> values;  ///< none: absent
  };
  /// The values of the grants of `r` (null: none) that bear on the question; true when `r`
  /// applies to users or robots only.
  bool collect(const decide::model& m, const decide::role* r);
  /// The dimensions every question has, once the filters' values are in.
  void finish(bool one_audience);
  void add(int target, const std::vector<std::string>& path, std::optional<nlohmann::json> value);
  void walk(const groq::node* n);
  void compared(const groq::node* chain, const groq::node* other, groq::node_kind op);
  witness build(const std::vector<std::size_t>& choice) const;

  asked q_;
  std::vector<dimension> dims_;
  std::vector<std::string> id_words_;  ///< ids the filters name (published forms)
  std::vector<std::string> releases_{"r1"};
  bool uses_now_ = false;
  std::size_t simple_ids_ = 1;  ///< the first values of the id dimension: the forms of `x`
  std::vector<std::size_t> order_;  ///< dimensions with parents before their fields
};

/// `w` without the fields and forms the difference does not need: each is dropped in turn and
/// kept out when `confirms` still accepts the witness.
[[nodiscard]] witness shrink(witness w, const std::function<bool(witness&)>& confirms);

}  // namespace rolec::analyze
