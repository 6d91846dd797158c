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
  std::vector<std::string> roles{};
  const groq::parse_result* where = nullptr;  ///< none, or what every document (every form) must match
  std::optional<bool> robot{};                ///< only robots (true), only users (false)
  bool anything = false;                      ///< allows every action, where `where` matches
  bool group_documents = true;                ///< false: no document of the legacy access control (`_.groups.*`)
  bool nested_forms = true;                   ///< false: an operation's published id is no draft or version id
  const resolve::grant* only_grant = nullptr;    ///< of the roles' grants, this one alone counts
  std::vector<const resolve::grant*> except_grants{};  ///< ... every one but these counts
  decide::kinds id_kinds = decide::every_kind;       ///< an action's document has an id of these kinds
};

/// Decision models of one side by the roles they hold and the principal, shared by checkers that
/// ask about the same roles (a model costs a program per filter).
class model_cache {
 public:
  /// The model of `roles` for `who`, made on first use; null when it cannot be made.
  const decide::model* get(const side& s, const std::vector<std::string>& roles, const principal& who);
  /// Drops every model (when the questions move on to other roles).
  void clear() { models_.clear(); }

 private:
  std::map<std::string, std::unique_ptr<decide::model>> models_;
};

/// Roles of one side, decided by the evaluator for any principal (a model per principal, kept).
class checker {
 public:
  checker(const side& s, std::string role) : checker(s, subject{.roles = {std::move(role)}}) {}
  /// With `shared`, models come from there (it must outlive the checker).
  checker(const side& s, subject what, model_cache* shared = nullptr)
      : side_(s), subject_(std::move(what)), cache_(shared != nullptr ? shared : &own_) {}

  /// The grants that allow `q` on `documents` (one, or the forms of an operation) for `who`, or
  /// nothing when the role does not allow it.
  [[nodiscard]] std::optional<std::vector<cause>> allowing(const asked& q, const std::vector<nlohmann::json>& documents,
                                                           const principal& who);

 private:
  struct prepared {
    const decide::model* model = nullptr;
    std::unique_ptr<eval::program> where;  ///< the subject's `where` in the model's context
  };
  const prepared* model_for(const principal& who);

  const side& side_;
  subject subject_;
  model_cache own_;
  model_cache* cache_;
  std::map<std::string, prepared> models_;
  // The principal asked about last, and its slot: a search asks about one principal many times.
  std::optional<principal> last_who_;
  const prepared* last_slot_ = nullptr;
};

}  // namespace rolec::analyze
