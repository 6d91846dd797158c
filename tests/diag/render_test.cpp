// The renderers, as a user sees them: location, source line, caret, help, notes; and the
// machine formats' details that golden files do not pin down.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "diag/render_human.hpp"
#include "diag/render_json.hpp"
#include "diag/render_machine.hpp"

using namespace rolec::diag;

TEST_CASE("a diagnostic renders with its source line and a caret under the span", "[diag][render]") {
  source_manager sources;
  const auto id = sources.add("policy.toml", "[permissions.posts]\nfilter = 'author->name == \"x\"'\n");
  diagnostic d = make(rule::filter_dereference, {30, 36}, "a permission filter cannot follow a reference (`->`)",
                      "test the reference itself");
  d.source = id;
  d.notes.push_back({"the filter starts here", span{29, 30}, id});
  CHECK(render_human(sources, {d}) ==
        "policy.toml:2:11: error[RC202]: a permission filter cannot follow a reference (`->`)\n"
        "2 | filter = 'author->name == \"x\"'\n"
        "  |           ^~~~~~\n"
        "  = help: test the reference itself\n"
        "policy.toml:2:10: note: the filter starts here\n"
        "2 | filter = 'author->name == \"x\"'\n"
        "  |          ^\n");
}

TEST_CASE("carets line up under multi-byte characters and tabs", "[diag][render]") {
  source_manager sources;
  sources.add("<expr>", "\t\"\xC3\xA9t\xC3\xA9\" == x y");
  const diagnostic d = make(rule::syntax_error, {15, 16}, "unexpected `y`");
  const std::string out = render_human(sources, {d});
  CHECK(out.find("1 |  \"\xC3\xA9t\xC3\xA9\" == x y\n  |              ^\n") != std::string::npos);
}

TEST_CASE("bytes that are not UTF-8 are shown as U+FFFD", "[diag][render]") {
  source_manager sources;
  sources.add("<expr>", "a\xFF");
  const diagnostic d = make(rule::invalid_utf8, {1, 2}, "invalid UTF-8");
  CHECK(render_human(sources, {d}).find("1 | a\xEF\xBF\xBD\n  |  ^\n") != std::string::npos);
}

TEST_CASE("colours are ANSI sequences and only on request", "[diag][render]") {
  source_manager sources;
  sources.add("<expr>", "x");
  const diagnostic d = make(rule::syntax_error, {0, 1}, "m");
  CHECK(render_human(sources, {d}, {false}).find('\033') == std::string::npos);
  CHECK(render_human(sources, {d}, {true}).find("\033[1;31merror") != std::string::npos);
}

TEST_CASE("JSON diagnostics carry 1-based lines and byte columns", "[diag][render]") {
  source_manager sources;
  sources.add("f.toml", "ab\ncd\xC3\xA9 x\n");
  diagnostic d = make(rule::syntax_error, {8, 9}, "unexpected `x`", "remove it");
  const auto j = to_json(sources, d);
  CHECK(j.dump() ==
        R"({"rule":"RC001","rule_name":"syntax-error","severity":"error","message":"unexpected `x`","file":"f.toml","line":2,"column":6,"end_line":2,"end_column":7,"help":"remove it"})");
}

TEST_CASE("GitLab Code Quality issues keep their fingerprint when lines move", "[diag][render]") {
  const auto report = [](const std::string& text, std::uint32_t begin, std::uint32_t end, int copies = 1) {
    source_manager sources;
    const auto id = sources.add("policy.toml", text);
    std::vector<diagnostic> found;
    for (int i = 0; i < copies; ++i) {
      diagnostic d = make(rule::filter_subquery, {begin, end}, "a permission filter cannot query the dataset (`*`)");
      d.source = id;
      found.push_back(d);
    }
    return nlohmann::json::parse(render_gitlab(sources, found));
  };
  const std::string line = "filter = '*[_type == \"a\"]'\n";
  const auto before = report(line, 10, 25);
  REQUIRE(before.size() == 1);
  CHECK(before[0]["check_name"] == "RC201");
  CHECK(before[0]["severity"] == "major");
  CHECK(before[0]["categories"] == nlohmann::json::array({"Bug Risk"}));
  CHECK(before[0]["location"] == nlohmann::json::parse(R"({"path": "policy.toml", "lines": {"begin": 1, "end": 1}})"));
  CHECK(before[0]["fingerprint"].get<std::string>().size() == 32);

  const auto moved = report("# a comment\n\n" + line, 23, 38);
  CHECK(moved[0]["location"]["lines"]["begin"] == 3);
  CHECK(moved[0]["fingerprint"] == before[0]["fingerprint"]);

  const auto other_text = report("filter = '*[_type == \"b\"]'\n", 10, 25);
  CHECK(other_text[0]["fingerprint"] != before[0]["fingerprint"]);

  const auto twice = report(line, 10, 25, 2);
  CHECK(twice[0]["fingerprint"] == before[0]["fingerprint"]);
  CHECK(twice[1]["fingerprint"] != twice[0]["fingerprint"]);
}
