#pragma once
/// How `rolec diff` shows a comparison: a review comment (human), the JSON of the design, SARIF
/// and GitHub annotations. Renderers only: the comparison is compare.hpp's.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyze/compare.hpp"
#include "diag/source.hpp"

namespace rolec::analyze {

/// The files of the two policies compared, for the places of grants (null: a side with no files
/// a user could open, such as a live project).
struct sides_text {
  const diag::source_manager* before = nullptr;
  const diag::source_manager* after = nullptr;
};

/// Where a grant of a witness is: its custom permission's filter when that changed, else the grant.
struct site {
  std::string file;  ///< empty: nowhere in the policy (a built-in role's grant)
  std::uint32_t line = 0;
  std::uint32_t column = 0;             ///< in bytes, as the human and JSON forms count
  std::uint32_t code_point_column = 0;  ///< in code points, as SARIF logs say they count
};

/// The place of `c`, a cause on the `after` side when `after_side`.
[[nodiscard]] site site_of(const cause& c, const diag::source_manager& sources);

/// `documents like {...}`, or for an operation `documents whose forms are {...} and {...}`.
[[nodiscard]] std::string documents_text(const witness& w);
/// `a user with identity() = "user-1"`, and the attributes, dataset and time it needs.
[[nodiscard]] std::string who_text(const principal& p);
/// The grants that allow `w`, one indented line each (`\n    \`posts\` (actions = ...) at FILE:L:C`).
[[nodiscard]] std::string causes_text(const witness& w, const diag::source_manager* sources);
/// A witness as the design's JSON shows it: `document` (or `documents`), `identity`, ...
[[nodiscard]] nlohmann::ordered_json witness_json(const witness& w);

/// One sentence per direction of `c`, as a plan shows it (`\`writer\` may now \`update\` documents
/// like {...} (was not allowed)`): `widens` holds the widening, and an unknown verdict's reason.
void sentences(const change& c, std::vector<std::string>& widens, std::vector<std::string>& narrows);

/// The human form: one paragraph per change, then a summary line.
[[nodiscard]] std::string render_human(const report& r, const sides_text& files);

/// `{"format_version": "1", "access": [...], "summary": {...}}` (the design's `rolec diff`).
[[nodiscard]] nlohmann::ordered_json to_json(const report& r, const sides_text& files);

/// A SARIF 2.1.0 log: one result per change, at the grants of the new policy (or the old one);
/// `home` is the tool's `informationUri`.
[[nodiscard]] std::string render_sarif(const report& r, const sides_text& files, const std::string& version,
                                       const std::string& home);

/// GitHub workflow commands: `::warning file=...::` per widening or unknown, `::notice` per narrowing.
[[nodiscard]] std::string render_github(const report& r, const sides_text& files);

}  // namespace rolec::analyze
