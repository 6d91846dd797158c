#pragma once
/// Renderers for machines: SARIF 2.1.0 for code-scanning tools, GitHub workflow annotations, and
/// GitLab Code Quality reports.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.hpp"
#include "diag/source.hpp"

namespace rolec::diag {

/// A SARIF 2.1.0 log with one run: the whole rule catalogue and one result per diagnostic.
/// `docs_base` (an absolute address of a folder, `/` at its end) prefixes `RC201.md` to make each
/// rule's help link; `home` is the tool's `informationUri`.
[[nodiscard]] std::string render_sarif(const source_manager& sources, const std::vector<diagnostic>& diagnostics,
                                       const std::string& version, const std::string& docs_base, const std::string& home);

/// The column of `p` in `file` counted in code points, as SARIF logs count them (`columnKind`).
[[nodiscard]] std::uint32_t code_point_column(const source_file& file, position p);
/// A SARIF `artifactLocation` for a file as given: a relative URI reference from the working
/// folder, a `file://` URI for a file on another root, or a description for standard input.
[[nodiscard]] nlohmann::ordered_json sarif_artifact(std::string_view file);
/// A SARIF 2.1.0 log of one run of rolec, `version` with `informationUri` `home`.
[[nodiscard]] nlohmann::ordered_json sarif_log(const std::string& version, const std::string& home,
                                               nlohmann::ordered_json rules, nlohmann::ordered_json results);

/// GitHub Actions workflow commands (`::error file=...,line=...::message`), one per line.
[[nodiscard]] std::string render_github(const source_manager& sources, const std::vector<diagnostic>& diagnostics);

/// A GitLab Code Quality report: a JSON array with one issue per diagnostic. Each fingerprint
/// hashes the rule, the file, the message and the flagged text (not the line), so that a finding
/// keeps its identity when lines above it move, and GitLab shows only new findings as new.
[[nodiscard]] std::string render_gitlab(const source_manager& sources, const std::vector<diagnostic>& diagnostics);

}  // namespace rolec::diag
