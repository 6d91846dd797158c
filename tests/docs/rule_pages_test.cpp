// The rule pages show users real output: every example on docs/rules/*.md is run through the
// built binary and must print exactly what the page says, and every fix must pass. Run with
// ROLEC_UPDATE_DOCS=1 to rewrite the output blocks after a deliberate change of wording.

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "diag/rules.hpp"
#include "support/run.hpp"

namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Output as the page shows it: standard output, then standard error.
struct run_result {
  int status;
  std::string output;
};

run_result run(const std::string& command) {
  const auto r = rolec::test::run_shell(command);
  return {r.status, r.out + "\n--- stderr\n" + r.err};
}

std::vector<std::pair<std::string, std::string>> code_blocks(const std::string& page) {
  std::vector<std::pair<std::string, std::string>> blocks;
  const std::regex block("```(\\w+)\\n([\\s\\S]*?)\\n```");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), block); it != std::sregex_iterator(); ++it) {
    blocks.emplace_back((*it)[1], (*it)[2]);
  }
  return blocks;
}

}  // namespace

TEST_CASE("every rule page's example prints what the page shows, and its fix passes", "[docs]") {
  for (const auto& rule : rolec::diag::all_rules()) {
    const fs::path page = fs::path(ROLEC_SOURCE_DIR) / rolec::diag::docs_path(rule.which);
    INFO(page.string());
    REQUIRE(fs::exists(page));
    const std::string text = read(page);
    CHECK(text.rfind("# " + std::string(rule.id) + ": " + std::string(rule.name) + "\n", 0) == 0);
    std::string shown;
    std::vector<std::string> groq;
    for (const auto& [language, body] : code_blocks(text)) {
      if (language == "text") shown = body;
      if (language == "groq") groq.push_back(body);
    }
    REQUIRE(shown.rfind("$ rolec ", 0) == 0);
    const auto newline = shown.find('\n');
    const std::string command = shown.substr(2, newline - 2);
    const std::string expected = shown.substr(newline + 1);
    const run_result example = run(command);
    CHECK(example.status == 1);
    const std::string actual = example.output.substr(std::string("\n--- stderr\n").size());
    if (std::getenv("ROLEC_UPDATE_DOCS") != nullptr && example.output.rfind("\n--- stderr\n", 0) == 0) {
      // After a deliberate change of wording: rewrite the page's output block, then review the diff.
      std::string updated = text;
      updated.replace(updated.find(shown), shown.size(), "$ " + command + "\n" + actual.substr(0, actual.size() - 1));
      std::ofstream(page) << updated;
      continue;
    }
    CHECK(example.output == "\n--- stderr\n" + expected + "\n");

    REQUIRE(!groq.empty());
    const auto separator = command.find(" -- ");
    REQUIRE(separator != std::string::npos);
    const run_result fixed = run(command.substr(0, separator) + " -- '" + groq.back() + "'");
    INFO("fix: " << groq.back() << "\n" << fixed.output);
    CHECK(fixed.status == 0);
  }
}

TEST_CASE("the rule index lists every rule", "[docs]") {
  const std::string index = read(fs::path(ROLEC_SOURCE_DIR) / "docs/rules/README.md");
  for (const auto& rule : rolec::diag::all_rules()) {
    INFO(rule.id);
    CHECK(index.find("[" + std::string(rule.id) + "](" + std::string(rule.id) + ".md)") != std::string::npos);
    CHECK(index.find(std::string(rule.name)) != std::string::npos);
  }
}
