// The bad-input corpus (tests/bad-inputs, format in support/bad_inputs.hpp): every malformed input
// runs through the real binary and must end as its case says, in time, without a signal, and
// without leaving a file behind. One test per category, which names each failing case; a test
// that the checks fail on a wrong expectation; and one that docs/reliability.md counts the cases
// as they are.

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "support/bad_inputs.hpp"

namespace {

namespace fs = std::filesystem;
namespace bad = rolec::test::bad_inputs;

const fs::path corpus = fs::path(ROLEC_TESTS_DIR) / "bad-inputs";
const char* const categories[] = {"policy", "groq", "live", "plan", "documents", "cli"};

void run_category(const std::string& category) {
  const std::vector<bad::spec> cases = bad::load_category(corpus / category);
  REQUIRE(!cases.empty());
  // ROLEC_BAD_INPUTS_TIMES=1 prints the time of every case, to find what makes the corpus slow.
  const bool times = std::getenv("ROLEC_BAD_INPUTS_TIMES") != nullptr;
  double slowest = 0;
  std::string slowest_name;
  for (const bad::spec& s : cases) {
    bad::outcome o;
    try {
      o = bad::run_case(s);
    } catch (const std::exception& e) {  // a malformed `input:`, an emulator that does not start
      FAIL_CHECK(s.name << ": " << e.what());
      continue;
    }
    if (times) std::printf("%7.3f s  %s\n", o.seconds, s.name.c_str());
    if (o.seconds > slowest) {
      slowest = o.seconds;
      slowest_name = s.name;
    }
    const auto wrong = bad::problems(s, o);
    if (wrong.empty()) continue;
    std::string report = s.name + ":";
    for (const std::string& w : wrong) report += "\n  " + w;
    FAIL_CHECK(report);
  }
  // Shown with -s: where the time goes when the corpus gets slow.
  INFO(category << ": " << cases.size() << " cases; slowest " << slowest_name << " (" << slowest << " s)");
  SUCCEED();
}

}  // namespace

TEST_CASE("bad inputs: policy files", "[bad-inputs]") { run_category("policy"); }
TEST_CASE("bad inputs: GROQ expressions", "[bad-inputs]") { run_category("groq"); }
TEST_CASE("bad inputs: live states for import and plan", "[bad-inputs]") { run_category("live"); }
TEST_CASE("bad inputs: plan files for apply", "[bad-inputs]") { run_category("plan"); }
TEST_CASE("bad inputs: documents for explain, test, audit and groq eval", "[bad-inputs]") { run_category("documents"); }
TEST_CASE("bad inputs: command lines", "[bad-inputs]") { run_category("cli"); }

TEST_CASE("bad inputs: a wrong expectation fails its case", "[bad-inputs]") {
  bad::spec s;
  s.name = "self-test";
  s.generated = "'[roles.r]\\ntitle = 5\\n'";
  s.generated_name = "policy.toml";
  s.run = bad::split_words("lint {input}");
  s.expect.exit = 1;
  s.expect.at = bad::location{"", 2, 9};
  s.expect.rules = {"RC303"};
  s.expect.messages = {"must be a string"};
  const bad::outcome o = bad::run_case(s);
  INFO(o.out << o.err);
  CHECK(bad::problems(s, o).empty());

  bad::spec wrong_exit = s;
  wrong_exit.expect.exit = 3;
  CHECK(!bad::problems(wrong_exit, o).empty());
  bad::spec wrong_place = s;
  wrong_place.expect.at->column = 8;
  CHECK(!bad::problems(wrong_place, o).empty());
  bad::spec wrong_rule = s;
  wrong_rule.expect.rules = {"RC301"};
  CHECK(!bad::problems(wrong_rule, o).empty());
  bad::spec wrong_message = s;
  wrong_message.expect.messages = {"must be a number"};
  CHECK(!bad::problems(wrong_message, o).empty());

  // A file left behind, a signal and a hang are failures whatever the expectation says.
  bad::outcome left = o;
  left.changed_files = {"out (written)"};
  CHECK(!bad::problems(s, left).empty());
  bad::outcome killed = o;
  killed.signal = 11;
  CHECK(!bad::problems(s, killed).empty());
  bad::outcome hung = o;
  hung.timed_out = true;
  CHECK(!bad::problems(s, hung).empty());
}

TEST_CASE("bad inputs: the parts of a generated input and of a command line", "[bad-inputs]") {
  CHECK(bad::expand_parts("'a' 3*'b\\n' '\\x00\\xff'") == std::string("ab\nb\nb\n") + std::string("\0\xff", 2));
  CHECK(bad::expand_parts("2*'\\''") == "''");
  CHECK(bad::split_words("eval 'a b' \"c \\\"d\\\"\" e\\ f") == std::vector<std::string>{"eval", "a b", "c \"d\"", "e f"});
}

TEST_CASE("bad inputs: docs/reliability.md counts the cases of each category", "[bad-inputs][docs]") {
  std::ifstream in(fs::path(ROLEC_SOURCE_DIR) / "docs" / "reliability.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const std::size_t section = doc.find("## Bad-input corpus");
  REQUIRE(section != std::string::npos);
  const std::size_t end = doc.find("\n## ", section + 1);
  const std::string table = doc.substr(section, end == std::string::npos ? std::string::npos : end - section);
  std::size_t total = 0;
  for (const char* category : categories) {
    const std::size_t count = bad::load_category(corpus / category).size();
    total += count;
    // A row `| [policy](../tests/bad-inputs/policy) | 45 | ... |`.
    const std::regex row("\\| \\[" + std::string(category) + "\\]\\([^)]*\\) \\| ([0-9]+) \\|");
    std::smatch m;
    INFO(category);
    REQUIRE(std::regex_search(table, m, row));
    CHECK(std::stoul(m[1]) == count);
  }
  CHECK(total >= 150);
  const std::regex total_row("\\| total \\| ([0-9]+) \\|");
  std::smatch m;
  REQUIRE(std::regex_search(table, m, total_row));
  CHECK(std::stoul(m[1]) == total);
}
