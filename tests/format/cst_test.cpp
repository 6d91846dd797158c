// The concrete syntax tree of TOML files: lossless (the leaves give the text back), the tokens
// named as TOML names them, and syntax errors placed at the byte.

#include <catch2/catch.hpp>

#include <tao/pegtl/contrib/analyze.hpp>

#include "format/corpus.hpp"
#include "format/cst.hpp"
#include "format/parse.hpp"
#include "policy/toml_check.hpp"
#include "support/markdown.hpp"
#include "toml_grammar.hpp"

using rolec::format::kind;
using rolec::format::node;
using rolec::format::parse;

namespace {

// The leaves of a tree, as `kind:text`, white space left out.
void leaves(const node& n, std::vector<std::string>& out) {
  if (n.children.empty() && !n.text.empty() && n.kind != kind::whitespace) {
    out.push_back(std::to_string(static_cast<int>(n.kind)) + ":" + std::string(n.text));
  }
  for (const node& child : n.children) leaves(child, out);
}

std::string leaf(kind k, const std::string& text) { return std::to_string(static_cast<int>(k)) + ":" + text; }

}  // namespace

TEST_CASE("the TOML grammar has no rules that can loop without consuming input", "[format][grammar]") {
  CHECK(tao::pegtl::analyze<rolec::format::grammar::toml>() == 0);
}

TEST_CASE("every policy file of the repository parses and prints back byte for byte", "[format][cst]") {
  int parsed = 0, broken = 0;
  for (const std::string& path : rolec::test::policy_corpus()) {
    const std::string text = rolec::test::read_text(path);
    const auto result = parse(text);
    INFO(path);
    if (result.error) {
      // Only files that toml++ rejects too: the lint cases of RC301 and the broken gallery files.
      CHECK_FALSE(rolec::policy::same_toml_data(text, text));
      ++broken;
      continue;
    }
    CHECK(rolec::format::print(result.root) == text);
    ++parsed;
  }
  CHECK(parsed >= 60);
  CHECK(broken <= 4);
}

TEST_CASE("awkward TOML prints back byte for byte", "[format][cst]") {
  for (const std::string& text : rolec::test::awkward_inputs()) {
    INFO(text);
    CHECK(rolec::policy::same_toml_data(text, text));
    const auto result = parse(text);
    REQUIRE_FALSE(result.error);
    CHECK(rolec::format::print(result.root) == text);
  }
}

TEST_CASE("tokens are named as TOML names them", "[format][cst]") {
  const auto result = parse("[a.'b']\nk = \"\"\"x\"\"\" # c\nv = [1, 2.5, true, 1979-05-27, 'l', '''m''']\r\n");
  REQUIRE_FALSE(result.error);
  std::vector<std::string> got;
  leaves(result.root, got);
  const std::vector<std::string> expected{
      leaf(kind::punctuation, "["), leaf(kind::bare_key, "a"), leaf(kind::punctuation, "."),
      leaf(kind::literal_string, "'b'"), leaf(kind::punctuation, "]"), leaf(kind::newline, "\n"),
      leaf(kind::bare_key, "k"), leaf(kind::punctuation, "="), leaf(kind::ml_basic_string, "\"\"\"x\"\"\""),
      leaf(kind::comment, "# c"), leaf(kind::newline, "\n"), leaf(kind::bare_key, "v"), leaf(kind::punctuation, "="),
      leaf(kind::punctuation, "["), leaf(kind::integer, "1"), leaf(kind::punctuation, ","),
      leaf(kind::float_number, "2.5"), leaf(kind::punctuation, ","), leaf(kind::boolean, "true"),
      leaf(kind::punctuation, ","), leaf(kind::date_time, "1979-05-27"), leaf(kind::punctuation, ","),
      leaf(kind::literal_string, "'l'"), leaf(kind::punctuation, ","), leaf(kind::ml_literal_string, "'''m'''"),
      leaf(kind::punctuation, "]"), leaf(kind::newline, "\r\n")};
  CHECK(got == expected);
  // The structure: a table header, then two keyvals, the second holding an array; the comment
  // and the line breaks between them.
  const auto& top = result.root.children;
  std::vector<kind> kinds;
  for (const node& n : top) kinds.push_back(n.kind);
  CHECK(kinds == std::vector<kind>{kind::std_table, kind::newline, kind::keyval, kind::whitespace, kind::comment,
                                   kind::newline, kind::keyval, kind::newline});
  REQUIRE(top.size() == 8);
  CHECK(top[6].children.back().kind == kind::array);
}

TEST_CASE("a syntax error is placed at the byte where the file stops being TOML", "[format][cst]") {
  const std::vector<std::tuple<std::string, std::uint32_t, std::string>> cases{
      {"a = ", 4, "invalid TOML: expected a value after `=`"},
      {"a 1", 2, "invalid TOML: expected `=` after the key"},
      {"a = 1 2", 6, "invalid TOML: expected the end of the line"},
      {"a = [1 2]", 7, "invalid TOML: expected `,` or `]` after the array's value"},
      {"a = [1,,]", 7, "invalid TOML: expected a value or `]` after `,`"},
      {"a = { b = 1, }", 13, "invalid TOML: expected `key = value` after `,`"},
      {"a = \"open\nb = 1", 9, "invalid TOML: expected `\"` to close the string on this line"},
      {"s = '''never closed", 19, "invalid TOML: expected `'''` to close the string"},
      {"[a.]", 3, "invalid TOML: expected a key after `.`"},
      {"[[a]", 3, "invalid TOML: expected `]]` to close the table header"},
      {"a = 01", 4, "invalid TOML: expected a value after `=`"},
      {"= 1", 0, "invalid TOML: expected the end of the line"},
  };
  for (const auto& [text, at, message] : cases) {
    INFO(text);
    const auto result = parse(text);
    REQUIRE(result.error);
    CHECK(result.error->where.begin == at);
    CHECK(result.error->message == message);
    CHECK_FALSE(rolec::policy::same_toml_data(text, text));
  }
}

TEST_CASE("arrays nested deeper than toml++ allows are refused, not a stack overflow", "[format][cst]") {
  const std::string deep = "a = " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  const auto result = parse(deep);
  REQUIRE(result.error);
  CHECK(result.error->message == "invalid TOML: arrays and inline tables nest too deep");
}
