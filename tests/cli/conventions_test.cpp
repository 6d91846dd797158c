// The conventions every command keeps, as linters and Terraform users expect them: colour
// switches, one error path for mistakes on the command line, and lint's report options.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/run.hpp"

using rolec::test::run_shell;
using rolec::test::temp_file;

namespace {

// Two findings: RC402 (a permission nobody grants) and RC403 (a role with no grants).
const std::string two_warnings = R"(
[permissions.posts]
title = "Posts"
filter = '_type == "post"'

[roles.empty]
title = "Empty"
)";

bool coloured(const std::string& text) { return text.find("\x1b[") != std::string::npos; }

std::string read_all(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("colour is on with --color=always, off with --no-color, --color=never or TERM=dumb", "[cli]") {
  const std::string policy = temp_file("colour.toml", two_warnings);
  // The tests run without a terminal: auto is off, always is on, wherever the option stands.
  CHECK_FALSE(coloured(run_shell("rolec lint " + policy).out));
  CHECK(coloured(run_shell("rolec --color=always lint " + policy).out));
  CHECK(coloured(run_shell("rolec lint --color always " + policy).out));
  CHECK_FALSE(coloured(run_shell("rolec lint --color=always --no-color " + policy).out));
  CHECK(coloured(run_shell("rolec --no-color lint --color=always " + policy).out));
  CHECK_FALSE(coloured(run_shell("rolec lint --color=never " + policy).out));
  // NO_COLOR and TERM=dumb turn auto off; the script tool gives the command a terminal.
  const std::string tty = "script -qec \"'" + std::string(ROLEC_BINARY) + "' lint " + policy + "\" /dev/null";
  // util-linux's `script` (Debian's bsdutils, always installed) gives the command a terminal.
  REQUIRE(run_shell("command -v script").status == 0);
  {
    CHECK(coloured(run_shell("env -u NO_COLOR TERM=xterm " + tty).out));
    CHECK_FALSE(coloured(run_shell("env -u NO_COLOR TERM=dumb " + tty).out));
    CHECK_FALSE(coloured(run_shell("env NO_COLOR=1 TERM=xterm " + tty).out));
  }
}

TEST_CASE("a mistake on the command line is one `rolec: error:` line and exit 3", "[cli]") {
  for (const std::string args : {"lint --format xml .", "lint --bogus", "--color=sometimes lint", "explain --action"}) {
    const auto r = run_shell("rolec " + args);
    INFO(args << "\n" << r.err);
    CHECK(r.status == 3);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("rolec: error: ", 0) == 0);
    CHECK(r.err.find("--help` lists the options\n") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
}

TEST_CASE("lint -o writes the report to a file, whole, and nothing to standard output", "[cli][lint]") {
  const std::string policy = temp_file("report.toml", two_warnings);
  const std::string report = temp_file("report.sarif", "what was there before");
  const auto r = run_shell("rolec lint --format sarif -o " + report + " " + policy);
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  CHECK(read_all(report) == run_shell("rolec lint --format sarif " + policy).out);
  // The report was written through a temporary file beside it, and nothing else is left there.
  const auto beside = run_shell("ls -A '" + std::filesystem::path(report).parent_path().string() + "' | grep -c 'report\\.sarif'");
  CHECK(beside.out == "1\n");
  // A folder that does not exist: an error, and the report is not half written anywhere.
  const auto missing = run_shell("rolec lint -o /nonexistent/folder/report.txt " + policy);
  CHECK(missing.status == 3);
  CHECK(missing.err.rfind("rolec: error: ", 0) == 0);
}

TEST_CASE("lint --quiet prints the findings without the summary line", "[cli][lint]") {
  const std::string policy = temp_file("quiet.toml", two_warnings);
  const auto loud = run_shell("rolec lint " + policy);
  const auto quiet = run_shell("rolec lint -q " + policy);
  CHECK(loud.out.find("checked 1 file") != std::string::npos);
  CHECK(quiet.out.find("checked 1 file") == std::string::npos);
  CHECK(quiet.out.find("warning[RC403]") != std::string::npos);
  CHECK(run_shell("rolec lint --quiet " + temp_file("clean.toml", "")).out.empty());
}

TEST_CASE("lint turns rules off and on from the command line, over the policy's levels, the last switch winning", "[cli][lint]") {
  const std::string policy = temp_file("switches.toml", two_warnings + "\n[lint.rules]\nRC402 = \"off\"\n");
  const auto has = [&](const std::string& args, const std::string& rule) {
    return run_shell("rolec lint -q " + args + " " + policy).out.find("[" + rule + "]") != std::string::npos;
  };
  CHECK_FALSE(has("", "RC402"));
  CHECK(has("--enable-rule RC402", "RC402"));
  CHECK(has("--enable-rule unused-permission", "RC402"));
  CHECK_FALSE(has("--disable-rule RC403", "RC403"));
  CHECK(has("--disable-rule RC403 --enable-rule empty-role", "RC403"));
  CHECK_FALSE(has("--enable-rule RC403 --disable-rule empty-role", "RC403"));
  const auto unknown = run_shell("rolec lint --disable-rule RC999 " + policy);
  CHECK(unknown.status == 3);
  CHECK(unknown.err == "rolec: error: `RC999` is not a rule; `rolec rules` lists them\n");
  CHECK(run_shell("rolec lint --enable-rule identical-role " + policy).err ==
        "rolec: error: `identical-role` is not a rule; did you mean `identical-roles`?\n");
}

TEST_CASE("lint reads the nearest .rolec.toml up to the repository root, under the policy's own levels", "[cli][lint]") {
  // tree is a repository whose .rolec.toml turns RC403 off; tree/repo is a repository within it
  // (its .rolec.toml turns RC402 off); the policies are in tree/team and tree/repo/access.
  const std::string root = std::filesystem::path(temp_file("tree-marker", "")).parent_path().string() + "/tree";
  const std::string setup = "rm -rf '" + root + "' && mkdir -p '" + root + "/.git' '" + root + "/team' '" + root + "/repo/.git' '" + root +
                            "/repo/access' && cd '" + root + "' && printf '[lint.rules]\\nRC403 = \"off\"\\n' > .rolec.toml && "
                            "printf '[lint.rules]\\nunused-permission = \"off\"\\n' > repo/.rolec.toml";
  REQUIRE(run_shell(setup).status == 0);
  const std::string policy = two_warnings;
  REQUIRE(run_shell("cd '" + root + "' && cat > team/p.toml <<'EOF'\n" + policy + "EOF\ncp team/p.toml repo/access/p.toml").status == 0);
  const auto rules_in = [&](const std::string& folder, const std::string& args) {
    const auto r = run_shell("cd '" + root + "/" + folder + "' && rolec lint -q " + args);
    INFO(r.err);
    CHECK(r.status == 0);
    std::string found;
    for (const std::string rule : {"RC402", "RC403"}) {
      if (r.out.find("[" + rule + "]") != std::string::npos) found += rule + " ";
    }
    return found;
  };
  // From a folder below: the .rolec.toml above it.
  CHECK(rules_in("team", "p.toml") == "RC402 ");
  // A repository's own file, and not the one above the repository's root.
  CHECK(rules_in("repo/access", "p.toml") == "RC403 ");
  CHECK(rules_in("repo", "access") == "RC403 ");
  // A repository without a .rolec.toml: the one above its root does not count.
  REQUIRE(run_shell("cd '" + root + "' && mkdir -p bare/.git && cp team/p.toml bare/p.toml").status == 0);
  CHECK(rules_in("bare", "p.toml") == "RC402 RC403 ");
  // Outside any repository, a .rolec.toml counts in its own folder only: not from loose/sub.
  REQUIRE(run_shell("cd '" + root + "/..' && rm -rf loose && mkdir -p loose/sub && cp tree/.rolec.toml loose/ && "
                    "cp tree/team/p.toml loose/ && cp tree/team/p.toml loose/sub/")
              .status == 0);
  CHECK(rules_in("../loose", "p.toml") == "RC402 ");
  CHECK(rules_in("../loose/sub", "p.toml") == "RC402 RC403 ");
  // --no-config and --config.
  CHECK(rules_in("team", "--no-config p.toml") == "RC402 RC403 ");
  CHECK(rules_in("team", "--config ../repo/.rolec.toml p.toml") == "RC403 ");
  // The policy's [lint.rules] over the shared file, the command line over both.
  REQUIRE(run_shell("cd '" + root + "/team' && printf '[lint.rules]\\nRC403 = \"warning\"\\n' > levels.toml").status == 0);
  CHECK(rules_in("team", ".") == "RC402 RC403 ");
  CHECK(rules_in("team", "--disable-rule RC403 .") == "RC402 ");
  // A folder's hidden files are no policy files: its .rolec.toml is not read as one.
  REQUIRE(run_shell("cd '" + root + "/team' && cp ../.rolec.toml .rolec.toml && rm levels.toml").status == 0);
  CHECK(rules_in("team", "--no-config .") == "RC402 RC403 ");
  CHECK(run_shell("cd '" + root + "/team' && rolec lint --no-config .").out.find("checked 1 file") != std::string::npos);
}

TEST_CASE("a .rolec.toml with a mistake stops lint with the mistake at its place", "[cli][lint]") {
  const std::string dir = std::filesystem::path(temp_file("bad-config-marker", "")).parent_path().string() + "/bad-config";
  REQUIRE(run_shell("rm -rf '" + dir + "' && mkdir -p '" + dir + "/.git' && cd '" + dir +
                    "' && printf '[lint.rules]\\nRC9999 = \"off\"\\n\\n[roles.x]\\ntitle = \"X\"\\n' > .rolec.toml && "
                    "printf '[roles.y]\\ntitle = \"Y\"\\n' > p.toml")
              .status == 0);
  const auto r = run_shell("cd '" + dir + "' && rolec lint p.toml");
  CHECK(r.status == 3);
  CHECK(r.out.empty());
  CHECK(r.err.find(".rolec.toml:2:1: error[RC317]") != std::string::npos);
  CHECK(r.err.find(".rolec.toml:4:2: error[RC302]: unknown key `roles` in `.rolec.toml` (lint settings only)") !=
        std::string::npos);
  CHECK(r.err.find("rolec: error: the lint settings of") != std::string::npos);
  CHECK(run_shell("cd '" + dir + "' && rolec lint --no-config p.toml").status == 0);
  // A file that is no TOML: the syntax error at its place, and lint stops.
  REQUIRE(run_shell("cd '" + dir + "' && printf '[lint\\n' > .rolec.toml").status == 0);
  const auto broken = run_shell("cd '" + dir + "' && rolec lint p.toml");
  CHECK(broken.status == 3);
  CHECK(broken.err.find(".rolec.toml:1:6: error[RC301]: invalid TOML") != std::string::npos);
  CHECK(broken.err.find("help: lint stops until this file parses") != std::string::npos);
  const auto missing = run_shell("cd '" + dir + "' && rolec lint --config nowhere.toml p.toml");
  CHECK(missing.status == 3);
  CHECK(missing.err.rfind("rolec: error: nowhere.toml", 0) == 0);
}
