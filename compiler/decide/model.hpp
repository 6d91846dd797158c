#pragma once
/// Stage `decide`, first half: the document-access model of a compiled policy. Every grant of a
/// document permission becomes a rule "these actions, on these kinds of document id, where this
/// filter is true"; filters are parsed and prepared once, shared by every grant that uses the
/// same text. docs/document-access.md describes the model and what of it Sanity documents.

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "build/compile.hpp"
#include "eval/eval.hpp"
#include "groq/parse.hpp"
#include "schemas/catalog.hpp"

namespace rolec::decide {

/// The actions of `sanity.document.filter` permissions.
enum class action : std::uint8_t { read, create, update, manage, history, edit_history };

/// Every action, in the order above.
inline constexpr std::array<action, 6> all_actions{action::read,   action::create,  action::update,
                                                   action::manage, action::history, action::edit_history};

/// The name users write (`editHistory`).
[[nodiscard]] std::string_view name_of(action a);
/// The action named `name`, if there is one.
[[nodiscard]] std::optional<action> action_named(std::string_view name);

/// What a document id says about the document: published `x`, draft `drafts.x`, or release
/// version `versions.<release>.x`.
enum class id_kind : std::uint8_t { published = 1, draft = 2, version = 4 };

/// The kind of `id`.
[[nodiscard]] id_kind kind_of(std::string_view id);
/// `published`, `draft`, `version`.
[[nodiscard]] std::string_view name_of(id_kind k);

/// A set of id kinds (bits of id_kind).
using kinds = std::uint8_t;
inline constexpr kinds every_kind = 7;
inline constexpr kinds draft_kinds = 6;  ///< drafts and release versions

/// A permission filter, parsed and prepared for evaluation.
struct filter {
  std::string text;                          ///< as the policy or the catalogue has it
  std::unique_ptr<const std::string> source; ///< the parsed copy of `text`, which never moves
  std::unique_ptr<groq::parse_result> parsed;
  std::unique_ptr<eval::program> program;    ///< null when the text does not parse
};

/// One grant of one role, as rules over document actions.
struct grant {
  std::string role;            ///< the role that holds it
  std::string via;             ///< the role it was copied from through `extends`, if any
  std::string permission;
  std::string written;         ///< `actions = ["read"]` or `mode = "create", history = true`
  std::size_t filter = 0;      ///< index into model::filters()
  std::array<kinds, 6> scope{};  ///< per action (all_actions order): the id kinds it is granted on
  std::optional<std::string> dataset;  ///< `params.dataset`: the grant holds in that dataset only
  bool mode = false;           ///< a `sanity.document.filter.mode` grant

  /// The id kinds this grant gives `a` on (nothing: not granted at all).
  [[nodiscard]] kinds on(action a) const { return scope[static_cast<std::size_t>(a)]; }
};

/// A role: who it applies to, and its document grants.
struct role {
  std::string name;
  bool builtin = false;
  bool applies_to_users = true;
  bool applies_to_robots = true;
  std::vector<std::size_t> grants;  ///< indexes into model::grants()
};

/// Who asks, and where: the environment filters are evaluated in.
struct context {
  std::string identity;                    ///< `identity()`
  nlohmann::json attributes = nullptr;     ///< `user::attributes()` (null: none)
  bool robot = false;                      ///< a robot token rather than a user
  std::optional<std::string> dataset;      ///< the dataset (none: grants of every dataset hold)
  std::optional<std::string> now;          ///< RFC 3339 `now()` (none: the current time)
};

struct raw_entry;  // a role entry from the policy or the catalogue (model.cpp)

/// The document-access model of a compiled policy, with built-in roles and predefined
/// permissions from the catalogue, prepared for one context.
class model {
 public:
  /// Builds the model. Fails (returns nothing, sets `error`) only when `ctx.now` is not a time.
  [[nodiscard]] static std::unique_ptr<model> make(const build::compiled& policy, const schemas::catalog& catalog,
                                                   const context& ctx, std::string& error);

  /// A custom or built-in role, or null.
  [[nodiscard]] const role* find_role(std::string_view name) const;
  /// Custom roles first (by name), then built-in ones (catalogue order).
  [[nodiscard]] std::span<const role> roles() const { return roles_; }
  [[nodiscard]] std::span<const grant> grants() const { return grants_; }
  [[nodiscard]] std::span<const filter> filters() const { return filters_; }
  [[nodiscard]] const context& ctx() const { return ctx_; }

  /// True when `r` applies to the context's principal (users or robots).
  [[nodiscard]] bool applies(const role& r) const { return ctx_.robot ? r.applies_to_robots : r.applies_to_users; }
  /// True when `g` holds in the context's dataset.
  [[nodiscard]] bool in_dataset(const grant& g) const { return !g.dataset || !ctx_.dataset || *g.dataset == *ctx_.dataset; }

 private:
  model() = default;
  std::size_t intern_filter(const std::string& text);
  void add_role(role r, const std::vector<raw_entry>& entries, const build::compiled& policy, const schemas::catalog& catalog);

  context ctx_;
  eval::environment env_;
  util::arena env_arena_;
  std::vector<filter> filters_;
  std::vector<grant> grants_;
  std::vector<role> roles_;
};

}  // namespace rolec::decide
