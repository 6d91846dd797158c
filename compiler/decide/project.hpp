#pragma once
/// Questions about project permissions rather than documents: may these roles deploy Studio,
/// create tokens, invite members? Answered from the roles' grants of the predefined project
/// permissions (`sanity-project-tokens` with action `create`, ...).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "resolve/resolve.hpp"

namespace rolec::decide {

/// A project permission and one of its actions.
struct project_question {
  std::string permission;  ///< `sanity-project-tokens`
  std::string action;      ///< `create`
};

/// True when `name` has the form of a project question, `PERMISSION.ACTION` (no document action
/// or operation has a dot).
[[nodiscard]] inline bool names_project_permission(std::string_view name) {
  return name.find('.') != std::string_view::npos;
}

/// The project question `asked` names: `PERMISSION.ACTION` for a predefined project permission
/// (`sanity-project-tokens.create`), or an action that only one of them has (`deployStudio`,
/// `createSession`, `invite`). Nothing when `asked` is neither (a document action, say); nothing
/// with `error` set when it has the first form but names no such permission or action.
[[nodiscard]] std::optional<project_question> project_question_of(const resolve::resolved_policy& policy,
                                                                  std::string_view asked, std::string& error);

/// A grant that gives the asked action.
struct project_grant {
  std::string role;
  std::string via;          ///< the role it came through `extends` from, if any
  bool applies = true;      ///< the role applies to the principal (users or robots)
};

/// The answer to a project question for the union of some roles.
struct project_answer {
  project_question asked;
  std::vector<std::string> roles;
  bool robot = false;
  bool allowed = false;
  std::vector<project_grant> grants;       ///< the grants of the roles that give it
  std::vector<std::string> builtin_givers;  ///< built-in roles that give it, for a denial's hint
};

/// Decides `q` for the union of `roles` (known roles only: the caller checks the names).
[[nodiscard]] project_answer decide_project(const resolve::resolved_policy& policy, const std::vector<std::string>& roles,
                                            bool robot, const project_question& q);

/// `rolec explain`'s human form of an answer.
[[nodiscard]] std::string render_human(const project_answer& a);
/// ... and its JSON form.
[[nodiscard]] nlohmann::ordered_json to_json(const project_answer& a);

}  // namespace rolec::decide
