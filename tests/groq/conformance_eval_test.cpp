// Conformance of the evaluator with the official GROQ suite (../shared/groq-suite).

#include <catch2/catch.hpp>

#include <iostream>

#include "support/suite.hpp"

TEST_CASE("expression-cases.ndjson: at least 99.5 % of applicable cases give the expected result", "[eval][conformance]") {
  const auto report = rolec::test::score_expression_cases();
  std::cout << rolec::test::summarize(report);
  INFO(rolec::test::summarize(report, 60));
  CHECK(report.total > 2000);
  CHECK(report.rate() >= 0.995);
  // every `valid: false` case is rejected
  for (const auto& f : report.failed) CHECK(f.reason != "accepted");
}

TEST_CASE("filter-selection-cases.ndjson: 100 % select exactly the expected documents", "[eval][conformance]") {
  const auto report = rolec::test::score_filter_selection_cases();
  std::cout << rolec::test::summarize(report);
  INFO(rolec::test::summarize(report, 60));
  CHECK(report.total > 2800);
  CHECK(report.failed.empty());
}
