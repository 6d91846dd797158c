#pragma once
/// The forms of an audit report: a table per role for people, JSON and CSV for tools.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit.hpp"
#include "audit/operations.hpp"
#include "decide/model.hpp"

namespace rolec::audit {

/// What the human form says besides the counts.
struct heading {
  std::string source;          ///< the name of the export (a path, or `<stdin>`)
  decide::context ctx;         ///< who asked, and where
  std::vector<bool> applies;   ///< per role of the report: the role applies to the principal
};

/// A table per role: each action with the documents reached, published, drafts, release
/// versions, and the `_type`s reached most.
[[nodiscard]] std::string render_human(const report& r, const heading& h);
/// Studio's operations, a table per role: each operation, the documents it is allowed on, of
/// those it applies to, and the `_type`s it is allowed on most.
[[nodiscard]] std::string render_human(const operations_report& r);

/// `{"format_version": "1", "documents", "by_kind", "by_type", "roles": [{"role", "actions":
/// [{"action", "documents", "published", "drafts", "versions", "by_type"}]}]}`; `_type`s by name.
/// With `operations`, also `"operations": {"documents", "roles": [{"role", "operations":
/// [{"operation", "applicable", "allowed", "by_type"}]}]}`.
[[nodiscard]] std::string render_json(const report& r, const operations_report* operations = nullptr);

/// A header row, then one row per role, action and `_type` of the dataset (zeros included):
/// `role,action,type,documents,published,drafts,versions`.
/// With `operations`, also a row per role, operation and `_type` it is allowed on: the operation
/// in `action`, the documents in `documents`, and `published`, `drafts`, `versions` empty.
[[nodiscard]] std::string render_csv(const report& r, const operations_report* operations = nullptr);

}  // namespace rolec::audit
