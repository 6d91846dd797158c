// Runs every policy under tests/lint/cases (a .toml file, or a folder of them linted together), as
// `rolec lint` does (the analysis's exact rules included): the findings must be exactly the ones
// its `# expect:` comments name (see support/expect.hpp).
// A case file whose first line is `# build: --target NAME` is also built for that target, and
// the target's findings (RC6xx) count as well. A further test makes sure that every rule of the
// catalogue is exercised by some test input.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "build/target.hpp"
#include "diag/render_human.hpp"
#include "diag/rules.hpp"
#include "analyze/lint.hpp"
#include "lint/lint.hpp"
#include "support/expect.hpp"
#include "support/markdown.hpp"
#include "support/verify.hpp"

namespace {

namespace fs = std::filesystem;
using rolec::test::expectation;

const fs::path cases_dir = fs::path(ROLEC_TESTS_DIR) / "lint" / "cases";


std::vector<fs::path> policy_files(const fs::path& input) {
  if (!fs::is_directory(input)) return {input};
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(input)) {
    if (e.path().extension() == ".toml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<expectation> expectations_of(const fs::path& input) {
  std::vector<expectation> all;
  for (const fs::path& file : policy_files(input)) {
    auto found = rolec::test::parse_expectations(file.string(), rolec::test::read_text(file.string()));
    all.insert(all.end(), found.begin(), found.end());
  }
  return all;
}

std::vector<fs::path> all_cases() {
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator(cases_dir)) {
    if (e.is_directory() || e.path().extension() == ".toml") cases.push_back(e.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

// The target a case is built for: its first line `# build: --target NAME`, if it has one.
std::optional<rolec::build::target> build_target(const fs::path& input) {
  if (fs::is_directory(input)) return std::nullopt;
  std::ifstream in(input);
  std::string first;
  std::getline(in, first);
  const std::string marker = "# build: --target ";
  if (first.rfind(marker, 0) != 0) return std::nullopt;
  const std::string name = first.substr(marker.size());
  if (name == "roles-api") return rolec::build::target::roles_api;
  if (name == "groups") return rolec::build::target::groups;
  if (name == "access-api") return rolec::build::target::access_api;
  FAIL(input.string() << ": unknown build target `" << name << "`");
  return std::nullopt;
}

bool satisfies(const expectation& actual, const expectation& expected) {
  return actual.file == expected.file && actual.line == expected.line && actual.rule == expected.rule &&
         (expected.column == 0 || actual.column == expected.column);
}

std::string describe(const std::vector<expectation>& list) {
  std::string out;
  for (const auto& e : list) out += fmt::format("  {}:{}:{}: {}\n", e.file, e.line, e.column, e.rule);
  return out.empty() ? "  (none)\n" : out;
}

}  // namespace

TEST_CASE("every policy test input reports exactly the findings it expects", "[lint][verify]") {
  const auto cases = all_cases();
  REQUIRE(cases.size() > 10);
  for (const fs::path& input : cases) {
    rolec::diag::source_manager sources;
    auto linted = rolec::lint::lint({input.string()}, sources, rolec::analyze::refine_findings);  // as `rolec lint` does
    INFO(input.string());
    REQUIRE(linted.errors.empty());
    if (const auto which = build_target(input)) {
      // `rolec build` only compiles a policy without errors, so a build case has none.
      REQUIRE(!rolec::diag::has_errors(linted.findings));
      std::string error;
      const auto compiled = rolec::build::compile(linted.merged, linted.resolved, std::nullopt, error);
      INFO(error);
      REQUIRE(compiled);
      const auto built = rolec::build::emit(*which, *compiled);
      linted.findings.insert(linted.findings.end(), built.diagnostics.begin(), built.diagnostics.end());
    }
    std::vector<expectation> unexpected;
    std::vector<expectation> missing = expectations_of(input);
    for (const auto& d : linted.findings) {
      const auto& file = sources.file(d.source);
      const auto at = file.position_of(d.where.begin);
      const expectation actual{file.name(), at.line, at.column, std::string(rolec::diag::info(d.rule).id)};
      const auto match = std::find_if(missing.begin(), missing.end(), [&](const expectation& e) { return satisfies(actual, e); });
      if (match == missing.end()) {
        unexpected.push_back(actual);
      } else {
        missing.erase(match);
      }
    }
    INFO("expected but not reported:\n" << describe(missing) << "reported but not expected:\n" << describe(unexpected)
                                         << rolec::diag::render_human(sources, linted.findings, {false}));
    CHECK(missing.empty());
    CHECK(unexpected.empty());
  }
}

TEST_CASE("every rule has a test input that expects it", "[lint][verify]") {
  std::set<std::string> expected;
  for (const fs::path& input : all_cases()) {
    for (const auto& e : expectations_of(input)) expected.insert(e.rule);
  }
  // GROQ rules are exercised expression by expression in tests/groq/*.verify.
  for (const char* name : {"syntax.verify", "validation.verify", "filter.verify"}) {
    for (const auto& c : rolec::test::read_verify_file(std::string(ROLEC_TESTS_DIR) + "/groq/" + name)) {
      for (const auto& f : c.expected) expected.insert(f.rule);
    }
  }
  for (const auto& rule : rolec::diag::all_rules()) {
    INFO(rule.id << " " << rule.name);
    CHECK(expected.count(std::string(rule.id)) == 1);
  }
}
