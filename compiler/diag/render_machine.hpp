#pragma once
/// Renderers for machines: SARIF 2.1.0 for code-scanning tools, GitHub workflow annotations, and
/// GitLab Code Quality reports.

#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "diag/source.hpp"

namespace rolec::diag {

/// A SARIF 2.1.0 log with one run: the whole rule catalogue and one result per diagnostic.
/// `docs_base` prefixes `RC201.md` to make each rule's help link.
[[nodiscard]] std::string render_sarif(const source_manager& sources, const std::vector<diagnostic>& diagnostics,
                                       const std::string& version, const std::string& docs_base);

/// GitHub Actions workflow commands (`::error file=...,line=...::message`), one per line.
[[nodiscard]] std::string render_github(const source_manager& sources, const std::vector<diagnostic>& diagnostics);

/// A GitLab Code Quality report: a JSON array with one issue per diagnostic. Each fingerprint
/// hashes the rule, the file, the message and the flagged text (not the line), so that a finding
/// keeps its identity when lines above it move, and GitLab shows only new findings as new.
[[nodiscard]] std::string render_gitlab(const source_manager& sources, const std::vector<diagnostic>& diagnostics);

}  // namespace rolec::diag
