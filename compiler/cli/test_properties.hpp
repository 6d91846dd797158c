#pragma once
/// The `[[properties]]` part of `rolec test`: each property decided for every document and
/// principal by the analysis, and its lines in the human, JSON and JUnit reports.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyze/properties.hpp"
#include "cli/build.hpp"

namespace rolec::cli {

/// One `allow` or `deny` action of a property, decided.
struct statement {
  const policy::text* action = nullptr;
  bool allow = false;
  analyze::finding found;
};

/// A property and what became of each of its statements.
struct property_run {
  const policy::property* property = nullptr;
  std::string name;  ///< its `name`, or FILE:LINE
  std::vector<statement> statements;

  /// Refuted when one statement is, else unknown when one is, else proved.
  [[nodiscard]] analyze::outcome result() const;
  /// Proved, or unknown when unknown results are allowed.
  [[nodiscard]] bool passed(bool allow_unknown) const;
};

/// `FILE:LINE:COLUMN` of `at`.
[[nodiscard]] std::string where(const diag::source_manager& sources, const policy::location& at);
/// Each line of `lines` (a final newline or not) prefixed with `indent`, each ending in a newline.
[[nodiscard]] std::string indented(std::string_view lines, std::string_view indent);

/// Decides every property of `built`. Roles neither the policy nor the catalogue has are
/// `errors` (as in tests), and nothing is decided.
[[nodiscard]] std::vector<property_run> run_properties(const built_policy& built, std::vector<std::string>& errors);

/// The human lines of the properties (a headline each, the statements that did not pass with
/// their witness), and the summary line; empty when there are none.
[[nodiscard]] std::string properties_human(const diag::source_manager& sources, const std::vector<property_run>& runs,
                                           bool allow_unknown, bool color);
/// `[{"name", "file", "line", "column", "result", "passed", "witness"?, "reason"?, "results": [...]}]`.
[[nodiscard]] nlohmann::ordered_json properties_json(const diag::source_manager& sources, const std::vector<property_run>& runs,
                                                     bool allow_unknown);
/// The failure text of a property that did not pass (its statements that did not, each with
/// its witness or reason), for a JUnit <failure>.
[[nodiscard]] std::string property_failure(const diag::source_manager& sources, const property_run& run, bool allow_unknown);

}  // namespace rolec::cli
