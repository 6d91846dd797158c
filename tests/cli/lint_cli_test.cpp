// The command-line contract of `rolec lint` and `rolec rules`: paths, formats, exit codes.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/run.hpp"

using rolec::test::run_shell;
using rolec::test::temp_file;

namespace {

const std::string clean = R"(
[permissions.posts]
title = "Posts"
filter = '_type == "post"'

[roles.writer]
title = "Writer"
grants = [{ permission = "posts", actions = ["read", "update"] }]
)";

const std::string warning_only = clean + R"(
[permissions.settings]
title = "Settings"
filter = 'sanity::versionOf("settings")'
)";

const std::string with_error = clean + R"(
[roles.reader]
title = "Reader"
grants = [{ permission = "post", actions = ["read"] }]
)";

}  // namespace

TEST_CASE("lint exits 0 when clean, 1 on errors, and warnings fail only at --fail-level warning", "[cli][lint]") {
  const auto ok = run_shell("rolec lint " + temp_file("clean.toml", clean));
  CHECK(ok.status == 0);
  CHECK(ok.out == "checked 1 file (1 role, 1 permission): no findings\n");
  const std::string warned = temp_file("warning.toml", warning_only);
  CHECK(run_shell("rolec lint " + warned).status == 0);
  CHECK(run_shell("rolec lint --fail-level warning " + warned).status == 1);
  CHECK(run_shell("rolec lint --fail-level info " + warned).status == 1);
  const auto failed = run_shell("rolec lint " + temp_file("error.toml", with_error));
  CHECK(failed.status == 1);
  CHECK(failed.out.find("error[RC307]: unknown permission `post`") != std::string::npos);
  CHECK(failed.out.find("did you mean `posts`?") != std::string::npos);
  CHECK(failed.err.empty());
}

TEST_CASE("lint reads standard input, and a file named twice once", "[cli][lint]") {
  const std::string file = temp_file("twice.toml", clean);
  const auto piped = run_shell("rolec lint - < " + file);
  CHECK(piped.status == 0);
  const auto twice = run_shell("rolec lint " + file + " " + file);
  CHECK(twice.status == 0);
  CHECK(twice.out == "checked 1 file (1 role, 1 permission): no findings\n");
}

TEST_CASE("lint of a path that does not exist exits 3 with a message", "[cli][lint]") {
  const auto missing = run_shell("rolec lint /nonexistent/policy");
  CHECK(missing.status == 3);
  CHECK(missing.err.find("/nonexistent/policy: no such file or folder") != std::string::npos);
  CHECK(run_shell("rolec lint --format yaml .").status == 3);
}

TEST_CASE("lint --format json has the documented shape", "[cli][lint]") {
  const auto r = run_shell("rolec lint --format json " + temp_file("error.toml", with_error));
  CHECK(r.status == 1);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["format_version"] == "1");
  REQUIRE(j["diagnostics"].size() == 1);
  const auto& d = j["diagnostics"][0];
  CHECK(d["rule"] == "RC307");
  CHECK(d["severity"] == "error");
  CHECK(d["line"] == 12);
  CHECK(d["column"] == 26);
  CHECK(d["end_column"] == 32);
  CHECK(d["help"] == "did you mean `posts`?");
  CHECK(j["summary"] == nlohmann::json{{"errors", 1}, {"warnings", 0}, {"infos", 0}});
}

TEST_CASE("lint colours only on a terminal, and never with NO_COLOR", "[cli][lint]") {
  const std::string file = temp_file("error.toml", with_error);
  const std::string binary = "'" + std::string(ROLEC_BINARY) + "' lint " + file;
  // run_shell sets NO_COLOR; without it, output into a pipe still has no escape sequences.
  CHECK(run_shell("env -u NO_COLOR " + binary + " | cat").out.find('\x1b') == std::string::npos);
  // script(1) gives the command a terminal.
  const auto terminal = run_shell("script -qec \"env -u NO_COLOR " + binary + "\" /dev/null");
  CHECK(terminal.out.find("\x1b[") != std::string::npos);
  const auto no_color = run_shell("script -qec \"env NO_COLOR=1 " + binary + "\" /dev/null");
  CHECK(no_color.out.find("error[RC307]") != std::string::npos);
  CHECK(no_color.out.find('\x1b') == std::string::npos);
}

TEST_CASE("rules lists the catalogue, as a table or as JSON", "[cli][lint]") {
  const auto table = run_shell("rolec rules");
  CHECK(table.status == 0);
  CHECK(table.out.find("RC201  filter-subquery") != std::string::npos);
  const auto json = nlohmann::json::parse(run_shell("rolec rules --json").out);
  CHECK(json["format_version"] == "1");
  CHECK(json["rules"].size() > 60);
  CHECK(json["rules"][0]["docs"] == "docs/rules/RC001.md");
}

TEST_CASE("lint --format json stays valid JSON when the policy holds bytes that are not UTF-8", "[cli][lint]") {
  // The rule name in the comment is echoed in a message; such bytes become U+FFFD.
  const std::string file = temp_file("bytes.toml", "# rolec-ignore: RC4\xfe" "08 -- reason\n");
  for (const char* format : {"json", "sarif"}) {
    const auto r = run_shell(std::string("rolec lint --format ") + format + " " + file);
    INFO(format << ": " << r.err);
    CHECK(r.status <= 1);
    CHECK_NOTHROW((void)nlohmann::json::parse(r.out));
    CHECK(r.out.find("RC4\xef\xbf\xbd" "08") != std::string::npos);
  }
}

TEST_CASE("lint decides RC405 and RC406 exactly, and without libz3 keeps what the search and the patterns find",
          "[cli][lint]") {
  const std::string file = temp_file("policy.toml", R"([permissions.never]
title = "Never"
filter = '!(priority > 5) && priority > 7'

[permissions.always]
title = "Always"
filter = '!defined(summary) || defined(summary)'

[permissions.two-types]
title = "Two types"
filter = '_type == "a" && _type == "b"'

[roles.reader]
title = "Reader"
grants = [
  { permission = "never", actions = ["read"] },
  { permission = "always", actions = ["read"] },
  { permission = "two-types", actions = ["read"] },
]
)");
  const auto with = run_shell("rolec lint --format json " + file);
  INFO(with.out << with.err);
  std::vector<std::string> found;
  const auto with_json = nlohmann::json::parse(with.out);
  for (const auto& d : with_json["diagnostics"]) {
    found.push_back(d["rule"].get<std::string>() + ":" + std::to_string(d["line"].get<int>()));
  }
  CHECK(found == std::vector<std::string>{"RC406:3", "RC405:7", "RC406:11"});
  // A proof that no document, or every one, matches needs the solver: without it, only the
  // patterns' finding stays, and nothing is claimed that was not proved.
  const auto without = run_shell("ROLEC_Z3_LIBRARY=/nonexistent/libz3.so rolec lint --format json " + file);
  found.clear();
  const auto without_json = nlohmann::json::parse(without.out);
  for (const auto& d : without_json["diagnostics"]) {
    found.push_back(d["rule"].get<std::string>() + ":" + std::to_string(d["line"].get<int>()));
  }
  CHECK(found == std::vector<std::string>{"RC406:11"});
}
