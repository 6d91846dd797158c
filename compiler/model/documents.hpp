#pragma once
/// What document grants allow: the actions of document permissions, the kinds of document id
/// they act on, and what each mode of a mode permission gives (docs/document-access.md). The one
/// place these facts live: lint, decide and analysis read them from here.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "model/resources.hpp"

namespace rolec::model {

/// The actions of `sanity.document.filter` permissions.
enum class document_action : std::uint8_t { read, create, update, manage, history, edit_history };

/// Every document action, in the order above.
inline constexpr std::array<document_action, 6> all_actions{document_action::read,    document_action::create,
                                                            document_action::update,  document_action::manage,
                                                            document_action::history, document_action::edit_history};

/// The name users write (`editHistory`).
[[nodiscard]] std::string_view name_of(document_action a);
/// The document action named `name`, if there is one.
[[nodiscard]] std::optional<document_action> action_named(std::string_view name);

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

/// Per document action (all_actions order), the id kinds a grant gives it on.
using document_scope = std::array<kinds, 6>;

/// What a mode grant gives: `read` reads; `create` reads everything and writes drafts and
/// release versions; `publish` reads and writes everything. `history` adds the history of what
/// the mode writes (of everything, for `read`).
[[nodiscard]] document_scope allowed_by(mode m, bool history);

/// What a plain grant of `a` gives: `a` on every kind of id.
[[nodiscard]] document_scope allowed_by(document_action a);

/// True when a grant of mode `wider` (with `wider_history`) gives everything one of `narrower`
/// (with `narrower_history`) gives.
[[nodiscard]] bool covers(mode wider, bool wider_history, mode narrower, bool narrower_history);

}  // namespace rolec::model
