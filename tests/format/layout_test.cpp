// The one layout, rule by rule (docs/reference/fmt.md): each case is a text and what fmt makes
// of it.

#include <catch2/catch.hpp>

#include "format/layout.hpp"
#include "format/parse.hpp"

namespace {

std::string fmt(const std::string& text) {
  const auto parsed = rolec::format::parse(text);
  REQUIRE_FALSE(parsed.error);
  const auto out = rolec::format::layout(parsed.root, std::size_t{1} << 20);
  REQUIRE(out);
  return *out;
}

void check_layout(const std::string& before, const std::string& after) {
  INFO(before);
  CHECK(fmt(before) == after);
  CHECK(fmt(after) == after);
}

}  // namespace

TEST_CASE("fmt: one space each side of `=`, keys without spaces, no indentation or trailing blanks", "[format][layout]") {
  check_layout("a=1\n  b   =\t'x'   \n\tc . \"d e\" .f= true\n", "a = 1\nb = 'x'\nc.\"d e\".f = true\n");
  check_layout("[ a . b ]  \n[[ c ]]\n", "[a.b]\n\n[[c]]\n");
}

TEST_CASE("fmt: one newline at the end, no blank lines at the start, at most one in a row", "[format][layout]") {
  check_layout("\n\n\na = 1\n\n\n\nb = 2\n\n\n", "a = 1\n\nb = 2\n");
  check_layout("a = 1", "a = 1\n");
  check_layout("", "");
  check_layout("\n \n\t\n", "");
}

TEST_CASE("fmt: one blank line before a table header, above the comments directly over it", "[format][layout]") {
  check_layout("[a]\nx = 1\n[b]\ny = 2\n", "[a]\nx = 1\n\n[b]\ny = 2\n");
  check_layout("x = 1\n# about b\n# more\n[b]\n", "x = 1\n\n# about b\n# more\n[b]\n");
  // A comment that a blank line separates from the header stays where it is.
  check_layout("x = 1\n# about x\n\n[b]\n", "x = 1\n# about x\n\n[b]\n");
  // At the top of the file, no blank line above the header or its comments.
  check_layout("# top\n[a]\n", "# top\n[a]\n");
  check_layout("\n\n[a]\n", "[a]\n");
}

TEST_CASE("fmt: end-of-line comments two spaces after the code, their text kept", "[format][layout]") {
  check_layout("a = 1 # one\nb = 2        #two   \n[c]#three\n  # own line\n",
               "a = 1  # one\nb = 2  #two\n\n[c]  #three\n# own line\n");
}

TEST_CASE("fmt: inline tables with a space inside the braces and `, ` between entries", "[format][layout]") {
  check_layout("t = {a=1,b  =  \"x\"}\ne = {   }\nn = {a={b=[1,2]}}\n",
               "t = { a = 1, b = \"x\" }\ne = {}\nn = { a = { b = [1, 2] } }\n");
}

TEST_CASE("fmt: arrays on one line when they fit, of scalars and inline tables, without comments", "[format][layout]") {
  check_layout("a = [ \"read\" ,\"update\", ]\n", "a = [\"read\", \"update\"]\n");
  check_layout("a = [\n  1,\n\n  2\n]\n", "a = [1, 2]\n");
  check_layout("e = [ ]\n", "e = []\n");
  check_layout("g = [\n  { permission = \"posts\", actions = [\"read\"] },\n]\n",
               "g = [{ permission = \"posts\", actions = [\"read\"] }]\n");
}

TEST_CASE("fmt: 100 columns fit on one line; 101 break, one element per line with a trailing comma", "[format][layout]") {
  // `k = [` is 5 columns and `]` one: 94 columns of elements in all.
  const std::string a(44, 'a'), b(44, 'b');
  const std::string fits = "k = [\"" + a + "\", \"" + b + "\"]\n";
  REQUIRE(fits.size() == 101);  // 100 columns and the newline
  check_layout(fits, fits);
  const std::string over = "k = [\"" + a + "\", \"" + b + "b\"]\n";
  check_layout(over, "k = [\n  \"" + a + "\",\n  \"" + b + "b\",\n]\n");
}

TEST_CASE("fmt: grants that do not fit go one per line", "[format][layout]") {
  check_layout(
      "grants = [{ permission = \"posts\", mode = \"create\", history = true }, { permission = \"images\", actions = "
      "[\"read\"] }]\n",
      "grants = [\n  { permission = \"posts\", mode = \"create\", history = true },\n  { permission = \"images\", actions = "
      "[\"read\"] },\n]\n");
}

TEST_CASE("fmt: arrays of arrays, one inner array per line, each laid out in turn", "[format][layout]") {
  check_layout("n = [[1, 2], [3, [4]]]\n", "n = [\n  [1, 2],\n  [\n    3,\n    [4],\n  ],\n]\n");
  // In an inline table, which TOML keeps on one line, only comments break an array.
  check_layout("t = { n = [[1, 2], [3]] }\n", "t = { n = [[1, 2], [3]] }\n");
}

TEST_CASE("fmt: comments inside arrays are kept, each where it was", "[format][layout]") {
  check_layout("a = [ # the list\n  1, # one\n     # alone\n  2 # two\n  , 3,\n\n\n  4\n  # last\n] # after\n",
               "a = [  # the list\n  1,  # one\n  # alone\n  2,  # two\n  3,\n\n  4,\n  # last\n]  # after\n");
  check_layout("a = [\n  # only a comment\n]\n", "a = [\n  # only a comment\n]\n");
  check_layout("t = { a = [ # c\n1] }\n", "t = { a = [  # c\n  1,\n] }\n");
}

TEST_CASE("fmt: strings, numbers and dates are kept byte for byte", "[format][layout]") {
  check_layout("a = 'x'\nb = \"\\u00e9\"\nc = 0xdead_beef\nd = 1_000.5e+3\ne = 1979-05-27 07:32:00Z\nf = \"\"\"\n  trailing  \n\"\"\"\n",
               "a = 'x'\nb = \"\\u00e9\"\nc = 0xdead_beef\nd = 1_000.5e+3\ne = 1979-05-27 07:32:00Z\nf = \"\"\"\n  trailing  \n\"\"\"\n");
  // A multi-line string never fits on one line: its array breaks.
  check_layout("a = ['''x\ny''', 'z']\n", "a = [\n  '''x\ny''',\n  'z',\n]\n");
}

TEST_CASE("fmt: CRLF files stay CRLF", "[format][layout]") {
  check_layout("a=1\r\n[b]\r\nc = [ # x\r\n 1]\r\n", "a = 1\r\n\r\n[b]\r\nc = [  # x\r\n  1,\r\n]\r\n");
}

TEST_CASE("fmt: a byte order mark stays first", "[format][layout]") {
  check_layout("\xEF\xBB\xBF\n a=1", "\xEF\xBB\xBF" "a = 1\n");
}

TEST_CASE("fmt: columns are counted in characters, not bytes", "[format][layout]") {
  // 44 two-byte characters in each string: 100 columns, 188 bytes.
  std::string e;
  for (int i = 0; i < 44; ++i) e += "é";
  const std::string fits = "k = [\"" + e + "\", \"" + e + "\"]\n";
  check_layout(fits, fits);
}

TEST_CASE("fmt: a layout longer than its limit is refused, not built", "[format][layout]") {
  // 200 nested arrays of 2,000 elements: each element indented 400 columns, 800 KB in all.
  std::string text = "a = " + std::string(200, '[');
  for (int i = 0; i < 2000; ++i) text += "1,";
  text += std::string(200, ']') + "\n";
  const auto parsed = rolec::format::parse(text);
  REQUIRE_FALSE(parsed.error);
  CHECK_FALSE(rolec::format::layout(parsed.root, 500000));
  const auto roomy = rolec::format::layout(parsed.root, 2000000);
  REQUIRE(roomy);
  CHECK(roomy->size() > 800000);
}
