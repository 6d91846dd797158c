#pragma once
/// The forms of an audit report: a table per role for people, JSON and CSV for tools.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit.hpp"
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

/// `{"format_version": "1", "documents", "by_kind", "by_type", "roles": [{"role", "actions":
/// [{"action", "documents", "published", "drafts", "versions", "by_type"}]}]}`; `_type`s by name.
[[nodiscard]] std::string render_json(const report& r);

/// A header row, then one row per role, action and `_type` of the dataset (zeros included):
/// `role,action,type,documents,published,drafts,versions`.
[[nodiscard]] std::string render_csv(const report& r);

}  // namespace rolec::audit
