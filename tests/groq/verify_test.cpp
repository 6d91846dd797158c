// Runs every case of tests/groq/*.verify: the diagnostics must be exactly the marked ones.

#include <catch2/catch.hpp>

#include <algorithm>
#include <fmt/format.h>

#include "diag/rules.hpp"
#include "groq/analyze.hpp"
#include "support/verify.hpp"

namespace {

using rolec::test::expected_finding;

std::string describe(const std::vector<expected_finding>& findings) {
  std::string out;
  for (const auto& f : findings) out += fmt::format("  {} {}..{}\n", f.rule, f.begin, f.end);
  return out.empty() ? "  (none)\n" : out;
}

void run_verify_file(const std::string& name) {
  const std::string path = std::string(ROLEC_TESTS_DIR) + "/groq/" + name;
  const auto cases = rolec::test::read_verify_file(path);
  REQUIRE(!cases.empty());
  for (const auto& c : cases) {
    rolec::groq::analyze_options options;
    options.mode = c.mode == "filter" ? rolec::groq::mode::filter : rolec::groq::mode::query;
    options.parameters = c.parameters ? &*c.parameters : nullptr;
    const auto result = rolec::groq::analyze(c.text, options);
    std::vector<expected_finding> actual;
    for (const auto& d : result.diagnostics) {
      const std::uint32_t end = std::max(d.where.end, d.where.begin + 1);
      actual.push_back({std::string(rolec::diag::info(d.rule).id), d.where.begin, end});
    }
    auto key = [](const expected_finding& f) { return std::tie(f.begin, f.end, f.rule); };
    auto expected = c.expected;
    std::sort(actual.begin(), actual.end(), [&](auto& a, auto& b) { return key(a) < key(b); });
    std::sort(expected.begin(), expected.end(), [&](auto& a, auto& b) { return key(a) < key(b); });
    const bool same = std::equal(actual.begin(), actual.end(), expected.begin(), expected.end(),
                                 [&](auto& a, auto& b) { return key(a) == key(b); });
    INFO(fmt::format("{}:{}: {}\nexpected:\n{}actual:\n{}", path, c.line, c.text, describe(expected), describe(actual)));
    CHECK(same);
  }
}

}  // namespace

TEST_CASE("syntax errors point at the offending token", "[groq][verify]") { run_verify_file("syntax.verify"); }

TEST_CASE("query validation follows the GROQ specification", "[groq][verify]") { run_verify_file("validation.verify"); }

TEST_CASE("filter mode rejects what a permission filter cannot use", "[groq][verify]") { run_verify_file("filter.verify"); }
