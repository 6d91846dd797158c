// Conformance with the official GROQ suite: every valid query parses, every invalid one is
// rejected. Reads ../shared/groq-suite (ROLEC_SHARED_DIR).

#include <catch2/catch.hpp>

#include <iostream>

#include "groq/parse.hpp"
#include "groq/print.hpp"
#include "support/suite.hpp"

TEST_CASE("parse-cases.ndjson: 100 % of the suite's valid and invalid queries", "[groq][conformance]") {
  const auto report = rolec::test::score_parse_cases();
  std::cout << rolec::test::summarize(report);
  INFO(rolec::test::summarize(report));
  CHECK(report.total > 7000);
  CHECK(report.skipped.empty());
  CHECK(report.failed.empty());
}

TEST_CASE("the canonical printer round-trips every valid query of the suite", "[groq][conformance][print]") {
  std::size_t checked = 0;
  for (const std::string& query : rolec::test::valid_queries()) {
    const auto first = rolec::groq::parse(query);
    REQUIRE(first.root != nullptr);
    const std::string printed = rolec::groq::print(first.functions, first.root);
    const auto second = rolec::groq::parse(printed);
    INFO(query << "\nprinted as\n" << printed);
    REQUIRE(second.root != nullptr);
    CHECK(rolec::groq::print(second.functions, second.root) == printed);
    CHECK(rolec::groq::same_tree(first.root, second.root));
    ++checked;
  }
  CHECK(checked > 7000);
}
