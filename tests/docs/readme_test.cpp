// The README's examples and the getting-started guide are transcripts, run as one shell session
// each: every ```console block must print exactly what the page shows. So are the command
// reference pages, whose first block is the command's --help. The policy reference's TOML
// examples must lint clean.

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

// A page's examples as one shell session, in page order, in a fresh folder that holds links to
// the repository's examples/ and docs/: ```console blocks run command by command, and a ```toml
// block that starts with `# file: PATH` writes that file. After each console block the session
// prints `block_end`, so that the output is compared block by block. Emulators a page starts
// with --pid-file are stopped at the end, whatever happened.
constexpr std::string_view block_end = "--- end of block ---";

struct page_run {
  std::vector<std::string> expected;  ///< each console block
  std::vector<std::string> printed;   ///< what the session printed for each
  std::string err;
};

page_run run_page(const std::string& page) {
  const std::string dir = std::filesystem::path(rolec::test::temp_file("anchor", "")).parent_path().string() + "/page";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string script = "cd " + single_quoted(dir) + " || exit 99\n";
  script += "ln -s " + single_quoted(std::string(ROLEC_SOURCE_DIR) + "/examples") + " examples\n";
  script += "ln -s " + single_quoted(std::string(ROLEC_SOURCE_DIR) + "/docs") + " docs\n";
  script += "export PATH=" + single_quoted(std::filesystem::path(ROLEC_BINARY).parent_path().string()) + ":\"$PATH\"\n";
  script += "trap 'for f in *.pid; do [ -f \"$f\" ] && kill \"$(cat \"$f\")\" 2>/dev/null; done' EXIT\nstatus=0\n";
  page_run out;
  for (const auto& [language, body] : fenced_blocks(page)) {
    if (language == "toml" && body.rfind("# file: ", 0) == 0) {
      const std::size_t eol = body.find('\n');
      const std::string path = body.substr(8, eol - 8);
      script += "mkdir -p \"$(dirname " + single_quoted(path) + ")\"\ncat > " + single_quoted(path) + " <<'ROLEC_PAGE_EOF'\n" +
                body.substr(eol + 1) + "\nROLEC_PAGE_EOF\n";
    } else if (language == "console") {
      out.expected.push_back(body);
      std::istringstream lines(body);
      std::string line;
      while (std::getline(lines, line)) {
        if (line.rfind("$ ", 0) != 0) continue;
        // `status` carries each command's exit code past the printf, for `echo $?`.
        script += "printf '%s\\n' " + single_quoted(line) + "\n(exit $status); " + line.substr(2) + " 2>&1\nstatus=$?\n";
      }
      script += "printf '%s\\n' " + single_quoted(std::string(block_end)) + "\n";
    }
  }
  const auto result = rolec::test::run_shell(script);
  out.err = result.err;
  std::string rest = result.out;
  const std::string marker = std::string(block_end) + "\n";
  for (std::size_t at; (at = rest.find(marker)) != std::string::npos; rest.erase(0, at + marker.size())) {
    out.printed.push_back(rest.substr(0, at));
  }
  return out;
}

void check_page(const std::string& path, std::size_t at_least) {
  const page_run run = run_page(read_text(std::string(ROLEC_SOURCE_DIR) + "/" + path));
  INFO(path);
  REQUIRE(run.expected.size() >= at_least);
  CHECK(run.printed.size() == run.expected.size());
  for (std::size_t i = 0; i < run.expected.size() && i < run.printed.size(); ++i) {
    INFO("block " << i + 1);
    CHECK(run.printed[i] == run.expected[i] + "\n");
  }
  CHECK(run.err.empty());
}

}  // namespace

TEST_CASE("every console example in the README prints what the README shows", "[docs]") { check_page("README.md", 3); }

TEST_CASE("the analysis guide's examples print what it shows", "[docs]") { check_page("docs/analysis.md", 2); }

TEST_CASE("the getting-started guide runs as written, against the emulator", "[docs]") {
  check_page("docs/getting-started.md", 6);
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
