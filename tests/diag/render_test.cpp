// The human renderer, as a user sees it: location, source line, caret, help, notes.

#include <catch2/catch.hpp>

#include "diag/render_human.hpp"
#include "diag/render_json.hpp"

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
