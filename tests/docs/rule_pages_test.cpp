// The rule pages show users real output: every example on docs/rules/*.md is run through the
// built binary and must print exactly what the page says, and every fix must pass. Pages about
// policy files carry the files in ```toml blocks (`policy.toml`, or the path named by a first line
// `# file: PATH`), written to the folder the command runs in; blocks under `## Fix` replace them.
// Run with ROLEC_UPDATE_DOCS=1 to rewrite the output blocks after a deliberate change of wording.

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "diag/rules.hpp"
#include "support/markdown.hpp"
#include "support/run.hpp"

namespace {

namespace fs = std::filesystem;


struct run_result {
  int status;
  std::string shown;  ///< what the page shows: the findings, without the final newline
};

/// Policy files by path: a ```toml block is `policy.toml` unless its first line is `# file: PATH`.
using policy_files = std::map<std::string, std::string>;

void add_block(policy_files& files, const std::string& block) {
  const std::string marker = "# file: ";
  if (block.rfind(marker, 0) != 0) {
    files["policy.toml"] = block + "\n";
    return;
  }
  const auto newline = block.find('\n');
  // The comment stays in the file, so that line numbers match the block the reader sees.
  files[block.substr(marker.size(), newline - marker.size())] = block + "\n";
}

// Runs a page's command; policy pages run it in a fresh folder that holds the page's files.
run_result run(const std::string& command, const policy_files& files = {}) {
  std::string prefix;
  if (!files.empty()) {
    static int runs = 0;
    const fs::path dir = fs::path(rolec::test::temp_file("unused", "")).parent_path() / ("page-" + std::to_string(++runs));
    for (const auto& [path, content] : files) {
      fs::create_directories((dir / path).parent_path());
      std::ofstream(dir / path) << content;
    }
    prefix = "cd '" + dir.string() + "' && ";
  }
  const auto r = rolec::test::run_shell(prefix + command);
  // `rolec lint` prints its findings to standard output; other commands (groq parse, build)
  // print diagnostics to standard error.
  std::string shown = command.rfind("rolec lint", 0) == 0 ? r.out : r.err;
  if (!shown.empty() && shown.back() == '\n') shown.pop_back();
  return {r.status, shown};
}


}  // namespace

TEST_CASE("every rule page's example prints what the page shows, and its fix passes", "[docs]") {
  for (const auto& rule : rolec::diag::all_rules()) {
    const fs::path page = fs::path(ROLEC_SOURCE_DIR) / rolec::diag::docs_path(rule.which);
    INFO(page.string());
    REQUIRE(fs::exists(page));
    const std::string text = rolec::test::read_text(page.string());
    CHECK(text.rfind("# " + std::string(rule.id) + ": " + std::string(rule.name) + "\n", 0) == 0);
    // Policy pages: the ```toml blocks before `## Fix` are the example's files; those after it
    // replace files of the same path to make the fix.
    const std::size_t fix_heading = text.find("\n## Fix\n");
    REQUIRE(fix_heading != std::string::npos);
    std::string shown;
    std::vector<std::string> groq;
    policy_files example_files;
    policy_files fixed_files;
    for (const auto& [language, body] : rolec::test::fenced_blocks(text.substr(0, fix_heading))) {
      if (language == "text") shown = body;
      if (language == "toml") add_block(example_files, body);
    }
    fixed_files = example_files;
    for (const auto& [language, body] : rolec::test::fenced_blocks(text.substr(fix_heading))) {
      if (language == "groq") groq.push_back(body);
      if (language == "toml") add_block(fixed_files, body);
    }
    REQUIRE(shown.rfind("$ rolec ", 0) == 0);
    const auto newline = shown.find('\n');
    const std::string command = shown.substr(2, newline - 2);
    const std::string expected = shown.substr(newline + 1);
    const bool policy_page = !example_files.empty();
    const run_result example = run(command, example_files);
    if (std::getenv("ROLEC_UPDATE_DOCS") != nullptr) {
      // After a deliberate change of wording: rewrite the page's output block, then review the diff.
      std::string updated = text;
      updated.replace(updated.find(shown), shown.size(), "$ " + command + "\n" + example.shown);
      std::ofstream(page) << updated;
      continue;
    }
    CHECK(example.shown == expected);
    CHECK(example.shown.find("[" + std::string(rule.id) + "]") != std::string::npos);
    // Warnings alone do not fail `rolec lint` at the default fail level.
    CHECK(example.status == (rule.default_severity == rolec::diag::severity::error ? 1 : 0));
    if (policy_page) {
      REQUIRE(fixed_files != example_files);
      const run_result fixed = run(command, fixed_files);
      INFO("fix:\n" << fixed.shown);
      CHECK(fixed.status == 0);
      // A fixed lint example has no findings; a fixed build example prints no diagnostics.
      if (command.rfind("rolec lint", 0) == 0) {
        CHECK(fixed.shown.find("no findings") != std::string::npos);
      } else {
        CHECK(fixed.shown.empty());
      }
      continue;
    }

    REQUIRE(!groq.empty());
    const auto separator = command.find(" -- ");
    REQUIRE(separator != std::string::npos);
    const run_result fixed = run(command.substr(0, separator) + " -- '" + groq.back() + "'");
    INFO("fix: " << groq.back() << "\n" << fixed.shown);
    CHECK(fixed.status == 0);
    CHECK(fixed.shown.empty());  // not even a warning
  }
}

TEST_CASE("the rule index has one exact row per rule", "[docs]") {
  const std::string index = rolec::test::read_text(std::string(ROLEC_SOURCE_DIR) + "/docs/rules/README.md");
  for (const auto& rule : rolec::diag::all_rules()) {
    std::string summary;
    for (const char c : rule.summary) summary += c == '|' ? std::string("\\|") : std::string(1, c);
    const std::string row = "| [" + std::string(rule.id) + "](" + std::string(rule.id) + ".md) | `" +
                            std::string(rule.name) + "` | " + std::string(rolec::diag::to_string(rule.category)) +
                            " | " + std::string(rolec::diag::to_string(rule.default_severity)) + " | " + summary +
                            " |\n";
    INFO(row);
    CHECK(index.find(row) != std::string::npos);
  }
}
