#pragma once
/// Stage `decide`, first half: the document-access model of a resolved policy. Every grant of a
/// document permission becomes a rule "these actions, on these kinds of document id, where this
/// filter is true"; each filter, parsed once by resolve, is prepared once per context and shared
/// by every grant that uses it. docs/document-access.md describes the model and its sources.

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/eval.hpp"
#include "groq/parse.hpp"
#include "model/documents.hpp"
#include "resolve/resolve.hpp"

namespace rolec::decide {

// What document grants allow is model/'s: decide reads it from there.
using action = rolec::model::document_action;
using rolec::model::action_named;
using rolec::model::all_actions;
using rolec::model::draft_kinds;
using rolec::model::every_kind;
using rolec::model::id_kind;
using rolec::model::kind_of;
using rolec::model::kinds;
using rolec::model::name_of;

/// The predefined permission through which the Create Session role writes group documents.
inline constexpr std::string_view group_writer_permission = "sanity-document-filter-create-sessions";

/// A permission filter, prepared for evaluation in one context: resolve parsed it once.
struct filter {
  std::string text;                          ///< as the Access API is sent it (trimmed)
  const groq::parse_result* parsed = nullptr;  ///< the one parse, owned by the resolved policy
  std::unique_ptr<eval::program> program;    ///< null when the text does not parse
};

/// What one grant of a role allows on documents, as the policy wrote the grant (the plain
/// actions a role sends for one permission together, each mode grant on its own): the form
/// decisions and explanations work with, made from the resolved role's grants.
struct rule {
  std::string role;            ///< the role that holds it
  std::string via;             ///< the role it was copied from through `extends`, if any
  std::string permission;
  std::string written;         ///< `actions = ["read"]` or `mode = "create", history = true`
  std::size_t filter = 0;      ///< index into model::filters()
  std::array<kinds, 6> scope{};  ///< per action (all_actions order): the id kinds it is granted on
  std::optional<std::string> dataset;  ///< `params.dataset`: the grant holds in that dataset only
  bool mode = false;           ///< a `sanity.document.filter.mode` grant
  bool writes_groups = false;  ///< a grant of the Create Session permission, the one that writes group documents
  std::string broken;          ///< why the grant allows nothing (a policy with errors), or empty
  const resolve::grant* from = nullptr;  ///< the resolved grant it was made from (the first, for plain grants)

  /// The id kinds this grant gives `a` on (nothing: not granted at all).
  [[nodiscard]] kinds on(action a) const { return scope[static_cast<std::size_t>(a)]; }
};

/// True when the Content Lake refuses `a` on the document `id` through grant `g` whatever its
/// filter says: group documents (`_.groups.*`, the legacy `system.group` access control) are
/// created and changed only through the Create Session permission, whose filter leaves out the
/// built-in groups (docs/document-access.md).
[[nodiscard]] bool system_refuses(const rule& g, action a, std::string_view id);
/// True for the actions that write a document: `create`, `update`, `manage`.
[[nodiscard]] bool writes(action a);
/// True for the group documents every dataset has, which no request may change (`_.groups.read`,
/// ...; the same ids the Create Session permission's filter leaves out).
[[nodiscard]] bool builtin_group(std::string_view id);

/// A role: who it applies to, and its document grants.
struct role {
  std::string name;
  bool builtin = false;
  bool applies_to_users = true;
  bool applies_to_robots = true;
  std::vector<std::size_t> rules;  ///< indexes into model::rules()
};

/// Who asks, and where: the environment filters are evaluated in.
struct context {
  std::string identity;                    ///< `identity()`
  nlohmann::json attributes = nullptr;     ///< `user::attributes()` (null: none)
  bool robot = false;                      ///< a robot token rather than a user
  bool anonymous = false;                  ///< a visitor without a token: holds no role
  bool public_dataset = false;             ///< `dataset` is public: anyone reads its root-path documents
  std::optional<std::string> dataset;      ///< the dataset (none: grants of every dataset hold)
  std::optional<std::string> now;          ///< RFC 3339 `now()` (none: the current time)
};

/// The document-access model of a resolved policy (its custom roles, and the built-in roles and
/// predefined permissions resolve bound from the catalogue), prepared for one context.
class model {
 public:
  /// Builds the model; `project_id` is what `sanity::projectId()` returns. Fails (returns
  /// nothing, sets `error`) only when `ctx.now` is not a time. `policy` must outlive the model.
  /// With `only`, the model holds those roles alone (what a question about them needs).
  [[nodiscard]] static std::unique_ptr<model> make(const resolve::resolved_policy& policy,
                                                   const std::optional<std::string>& project_id, const context& ctx,
                                                   std::string& error, const std::vector<std::string>* only = nullptr);

  /// A custom or built-in role, or null.
  [[nodiscard]] const role* find_role(std::string_view name) const;
  /// Custom roles first (by name), then built-in ones (catalogue order).
  [[nodiscard]] std::span<const role> roles() const { return roles_; }
  [[nodiscard]] std::span<const rule> rules() const { return rules_; }
  [[nodiscard]] std::span<const filter> filters() const { return filters_; }
  [[nodiscard]] const context& ctx() const { return ctx_; }

  /// `parsed` (a filter that parsed) prepared for evaluation in the model's context.
  [[nodiscard]] std::unique_ptr<eval::program> prepare(const groq::parse_result& parsed) const {
    return std::make_unique<eval::program>(parsed, env_);
  }
  /// True when `r` applies to the context's principal (users or robots).
  [[nodiscard]] bool applies(const role& r) const { return ctx_.robot ? r.applies_to_robots : r.applies_to_users; }
  /// True when anyone may read `id` whatever the roles: a document under the root path (an id
  /// without a dot: published, not a draft, version or system document) of a public dataset.
  [[nodiscard]] bool public_read(std::string_view id) const {
    return ctx_.public_dataset && !id.empty() && id.find('.') == std::string_view::npos;
  }
  /// True when `g` holds in the context's dataset.
  [[nodiscard]] bool in_dataset(const rule& g) const { return !g.dataset || !ctx_.dataset || *g.dataset == *ctx_.dataset; }

 private:
  model() = default;
  std::size_t intern_filter(const resolve::filter& f);
  /// The filter of grants that allow nothing (of permissions that do not exist).
  std::size_t nothing_filter();
  void add_role(const resolve::role& r);

  context ctx_;
  eval::environment env_;
  util::arena env_arena_;
  std::vector<filter> filters_;
  std::unordered_map<const resolve::filter*, std::size_t> filter_index_;
  std::optional<std::size_t> nothing_filter_;
  std::vector<rule> rules_;
  std::vector<role> roles_;
  std::unordered_map<std::string_view, std::size_t> role_index_;  ///< views of the names in roles_
};

}  // namespace rolec::decide
