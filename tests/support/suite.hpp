#pragma once
// Reading the GROQ conformance data (../shared/groq-suite) and scoring rolec against it. Shared
// by the Catch2 tests, which assert the rates, and by `rolec_conformance`, which prints them.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rolec::test {

/// One case that did not pass, or was skipped, with the reason.
struct case_note {
  std::string test;
  std::string query;
  std::string reason;
};

/// The score of one suite file.
struct suite_report {
  std::string file;
  std::size_t total = 0;
  std::size_t passed = 0;
  std::vector<case_note> failed;
  std::vector<case_note> skipped;  ///< counted and named, never hidden

  [[nodiscard]] std::size_t applicable() const { return total - skipped.size(); }
  [[nodiscard]] double rate() const { return applicable() == 0 ? 1.0 : double(passed) / double(applicable()); }
};

/// The folder holding groq-suite/ and bench/.
std::string shared_dir();

/// Parameter names per test name, from the expression and filter-selection cases
/// (a present but null `params` is an empty list).
std::map<std::string, std::vector<std::string>> suite_parameters();

/// parse-cases.ndjson: `valid: true` must parse in query mode, `valid: false` must be rejected.
suite_report score_parse_cases();

/// expression-cases.ndjson: each query, evaluated with `@` = null and the case's parameters,
/// gives exactly the expected result; `valid: false` cases must be rejected.
suite_report score_expression_cases();

/// filter-selection-cases.ndjson: for every document of the case's dataset, every filter is
/// exactly `true` for precisely the selected documents.
suite_report score_filter_selection_cases();

/// The query of every `valid: true` parse case.
std::vector<std::string> valid_queries();

/// The filters of ../shared/bench/filters-10k.jsonl.
std::vector<std::string> benchmark_filters();

/// A human-readable summary: rate, failures and skips.
std::string summarize(const suite_report& report, std::size_t max_listed = 20);

}  // namespace rolec::test
