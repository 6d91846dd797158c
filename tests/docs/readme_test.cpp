// The README's examples are transcripts: every ```console block is run from the repository root,
// command by command, and must print exactly what the README shows; so are the command reference
// pages, whose first block is the command's --help. The policy reference's TOML examples must lint
// clean.

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "support/markdown.hpp"
#include "support/run.hpp"

namespace {

using rolec::test::fenced_blocks;
using rolec::test::read_text;



std::string single_quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// A shell script that prints each command as the README shows it, then runs it.
std::string transcript_script(const std::string& block) {
  // `status` carries each command's exit code past the printf, for `echo $?`.
  std::string script = "cd " + single_quoted(ROLEC_SOURCE_DIR) + " || exit 99\nstatus=0\n";
  std::istringstream lines(block);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("$ ", 0) != 0) continue;
    const std::string command = line.substr(2);
    script += "printf '%s\\n' " + single_quoted(line) + "\n(exit $status); " + command + " 2>&1\nstatus=$?\n";
  }
  return script;
}

}  // namespace

TEST_CASE("every console example in the README prints what the README shows", "[docs]") {
  const auto examples = fenced_blocks(read_text(std::string(ROLEC_SOURCE_DIR) + "/README.md"), "console");
  REQUIRE(examples.size() >= 3);
  for (const std::string& block : examples) {
    const auto result = rolec::test::run_shell(transcript_script(block));
    CHECK(result.out == block + "\n");
    CHECK(result.err.empty());
  }
}

TEST_CASE("every command reference page shows the --help that rolec prints", "[docs]") {
  int pages = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(ROLEC_SOURCE_DIR) + "/docs/reference")) {
    if (entry.path().filename() == "README.md") continue;
    ++pages;
    const auto blocks = fenced_blocks(read_text(entry.path().string()), "console");
    INFO(entry.path().string());
    REQUIRE(!blocks.empty());
    CHECK(blocks.front().rfind("$ rolec ", 0) == 0);
    CHECK(blocks.front().find(" --help\n") != std::string::npos);
    for (const std::string& block : blocks) {
      const auto result = rolec::test::run_shell(transcript_script(block));
      CHECK(result.out == block + "\n");
      CHECK(result.err.empty());
    }
  }
  // One page per command that `rolec --help` lists, with `groq` as its two subcommands.
  const auto listed = rolec::test::run_shell("rolec --help | sed -n '/^Subcommands:/,$p' | tail -n +2 | awk '{print $1}'");
  std::istringstream names(listed.out);
  std::string name;
  int commands = 0;
  while (std::getline(names, name)) {
    if (name.empty()) continue;
    commands += name == "groq" ? 2 : 1;
    const std::string page = name == "groq" ? "/docs/reference/groq-parse.md" : "/docs/reference/" + name + ".md";
    CHECK(std::filesystem::exists(std::string(ROLEC_SOURCE_DIR) + page));
  }
  CHECK(pages == commands);
}

TEST_CASE("the policy reference's examples lint clean", "[docs]") {
  const auto examples = fenced_blocks(read_text(std::string(ROLEC_SOURCE_DIR) + "/docs/policy.md"), "toml");
  REQUIRE(!examples.empty());
  for (const std::string& example : examples) {
    const std::string file = rolec::test::temp_file("policy.toml", example + "\n");
    const auto result = rolec::test::run_shell("rolec lint " + single_quoted(file));
    INFO(example);
    CHECK(result.status == 0);
    CHECK(result.out.find("no findings") != std::string::npos);
  }
}

TEST_CASE("every example policy lints clean", "[docs]") {
  int policies = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(ROLEC_SOURCE_DIR) + "/examples")) {
    if (!entry.is_directory() || entry.path().filename() == "documents") continue;
    ++policies;
    const auto result = rolec::test::run_shell("rolec lint --fail-level info " + single_quoted(entry.path().string()));
    INFO(entry.path().string() << "\n" << result.out);
    CHECK(result.status == 0);
    CHECK(result.out.find("): no findings\n") != std::string::npos);
  }
  CHECK(policies >= 3);
}
