#pragma once
/// Document operations as Sanity Studio decides them: an operation acts on the forms of one
/// document that exist (published, draft, release version) and needs a document action on some
/// of them, on copies of them under other ids, or on nothing at all. The table is in
/// docs/document-access.md; its source is Studio's document-pair permissions.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "decide/model.hpp"
#include "util/arena.hpp"

namespace rolec::decide {

/// The forms of one document that exist: each is a JSON object with its `_id`, or absent.
struct document_forms {
  std::optional<nlohmann::json> published;  ///< `x`
  std::optional<nlohmann::json> draft;      ///< `drafts.x`
  std::optional<nlohmann::json> version;    ///< `versions.<release>.x`
  std::string id;                           ///< `x`, the published id every form shares

  /// The form Studio edits: the version if there is one, else the draft, else the published form.
  [[nodiscard]] const nlohmann::json& effective() const;
};

/// The forms of `documents` (JSON objects whose `_id` is a string), or nothing with `error` set
/// when two are of one kind or they are forms of different documents.
[[nodiscard]] std::optional<document_forms> forms_of(const std::vector<nlohmann::json>& documents, std::string& error);

/// The published id behind a draft or release version id (`drafts.x`, `versions.r.x`: `x`).
[[nodiscard]] std::string published_id(std::string_view id);

/// Studio's operations on a document; `update` is the action as well as the operation.
enum class operation { update, remove, discard_draft, discard_version, publish, unpublish, duplicate };

/// Every operation, in the order above.
inline constexpr std::array<operation, 7> all_operations{operation::update,          operation::remove,
                                                         operation::discard_draft,   operation::discard_version,
                                                         operation::publish,         operation::unpublish,
                                                         operation::duplicate};

/// The name users write (`delete`, `discardDraft`).
[[nodiscard]] std::string_view name_of(operation op);
/// The operation named `name`, if there is one.
[[nodiscard]] std::optional<operation> operation_named(std::string_view name);

/// What `explain` and `test` accept: the document actions and the operations, each name once.
[[nodiscard]] std::vector<std::string> askable_names();

/// One check of an operation: an action on a document, or on a form that does not exist, which
/// Studio grants without looking (its "nothing to check").
struct check {
  action what = action::read;
  std::string purpose;                    ///< why the operation needs it: `to delete the draft`
  std::string id;                         ///< the id checked (of the form, or of the copy)
  std::optional<nlohmann::json> document;  ///< absent: the form does not exist, so granted
};

/// The checks of asking `name` (an action or an operation) about `forms`, for a live-edit
/// document type or not. A plain action is checked on the effective form; an operation with no
/// checks (a live-edit type's `publish`) is allowed.
[[nodiscard]] std::vector<check> checks_of(std::string_view name, const document_forms& forms, bool live_edit);

/// True when `checks` only read (an operation that writes, or checks nothing, is not).
[[nodiscard]] bool reads_only(const std::vector<check>& checks);

/// True when the union of `roles` passes every check (an anonymous visitor passes only reads) (a check of a form that does not exist passes).
[[nodiscard]] bool allowed(const model& m, const std::vector<std::string>& roles, const std::vector<check>& checks,
                           util::arena& arena);

}  // namespace rolec::decide
