// The 10,000 realistic permission filters of ../shared/bench/filters-10k.jsonl.

#include <catch2/catch.hpp>

#include "groq/analyze.hpp"
#include "groq/print.hpp"
#include "support/suite.hpp"

TEST_CASE("filter mode accepts all 10,000 benchmark filters", "[groq][corpus]") {
  const auto filters = rolec::test::benchmark_filters();
  REQUIRE(filters.size() == 10000);
  std::size_t accepted = 0;
  for (const std::string& filter : filters) {
    const auto result = rolec::groq::analyze(filter, {rolec::groq::mode::filter, nullptr});
    if (result.ok()) {
      ++accepted;
    } else {
      FAIL_CHECK(filter << "\n" << result.diagnostics.front().message);
    }
  }
  CHECK(accepted == filters.size());
}

TEST_CASE("the canonical printer round-trips the 10,000 benchmark filters", "[groq][corpus][print]") {
  for (const std::string& filter : rolec::test::benchmark_filters()) {
    const auto first = rolec::groq::parse(filter);
    REQUIRE(first.root != nullptr);
    const std::string printed = rolec::groq::print(first.root);
    const auto second = rolec::groq::parse(printed);
    INFO(filter << "\nprinted as\n" << printed);
    REQUIRE(second.root != nullptr);
    CHECK(rolec::groq::print(second.root) == printed);
    CHECK(rolec::groq::same_tree(first.root, second.root));
  }
}
