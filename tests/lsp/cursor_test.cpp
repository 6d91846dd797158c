// The TOML context of a place, read from the text before it. Each case marks the place with `|`.

#include <catch2/catch.hpp>

#include <string>

#include "lsp/cursor.hpp"

namespace {

rolec::lsp::toml_context at_bar(std::string text) {
  const std::size_t bar = text.find('|');
  text.erase(bar, 1);
  return rolec::lsp::context_at(text, static_cast<std::uint32_t>(bar));
}

using strings = std::vector<std::string>;

}  // namespace

TEST_CASE("a string value inside an inline table inside an array has both keys", "[lsp][cursor]") {
  const auto c = at_bar("[roles.writer]\ngrants = [\n  { permission = \"o|wn\", mode = \"create\" },\n]\n");
  CHECK(c.table == strings{"roles", "writer"});
  CHECK(c.keys == strings{"grants", "permission"});
  CHECK(c.in_string);
  CHECK(c.prefix == "o");
  CHECK_FALSE(c.at_key);
}

TEST_CASE("the string values before the place in its inline table are its siblings", "[lsp][cursor]") {
  const auto c = at_bar("[roles.w]\ngrants = [{ permission = \"posts\", actions = [\"read\", \"|\"] }]\n");
  CHECK(c.keys == strings{"grants", "actions"});
  REQUIRE(c.siblings.size() == 1);
  CHECK(c.siblings[0] == std::pair<std::string, std::string>{"permission", "posts"});
}

TEST_CASE("a key being written is a key, with its prefix and the keys around it", "[lsp][cursor]") {
  auto c = at_bar("[roles.w]\ntitle = \"W\"\nap|\n");
  CHECK(c.at_key);
  CHECK(c.prefix == "ap");
  CHECK(c.keys.empty());
  c = at_bar("[roles.w]\ngrants = [{ permission = \"p\", |");
  CHECK(c.at_key);
  CHECK(c.prefix.empty());
  CHECK(c.keys == strings{"grants"});
  c = at_bar("[lint.rules]\nRC4|");
  CHECK(c.table == strings{"lint", "rules"});
  CHECK(c.at_key);
  CHECK(c.prefix == "RC4");
}

TEST_CASE("array tables, comments and multi-line strings", "[lsp][cursor]") {
  auto c = at_bar("[[tests]]\nrole = \"wr|");
  CHECK(c.table == strings{"tests"});
  CHECK(c.array_table);
  CHECK(c.keys == strings{"role"});
  c = at_bar("[permissions.p]\nfilter = '''\n  _type == \"a\"\n  && def|\n'''\n");
  CHECK(c.in_string);
  CHECK(c.keys == strings{"filter"});
  CHECK(c.string_begin == 25);
  c = at_bar("[roles.w] # rolec-ignore: RC4|\n");
  CHECK(c.in_comment);
  CHECK(c.prefix == " rolec-ignore: RC4");
  // Quotes inside a comment and `#` inside a string change nothing.
  c = at_bar("# it's \"here\"\n[roles.w]\ntitle = \"a # b\"\ndescription = \"|");
  CHECK(c.in_string);
  CHECK(c.keys == strings{"description"});
}

TEST_CASE("escapes, unclosed strings and dotted keys", "[lsp][cursor]") {
  auto c = at_bar("[roles.w]\ntitle = \"a \\\" b|");
  CHECK(c.in_string);
  CHECK(c.prefix == "a \\\" b");
  // A string left open at the end of its line ends there: the next line is keys again.
  c = at_bar("[roles.w]\ntitle = \"open\ngr|");
  CHECK(c.at_key);
  CHECK(c.prefix == "gr");
  c = at_bar("[roles.w]\ngrants = [{ params.dataset = \"pr|\" }]");
  CHECK(c.keys == strings{"grants", "params", "dataset"});
  c = at_bar("roles.w.title = \"|");
  CHECK(c.keys == strings{"roles", "w", "title"});
}

TEST_CASE("nothing after the place is read, not even the rest of a quote", "[lsp][cursor]") {
  const std::string text = "[permissions.p]\nfilter = \"\"\"\n  _type\n\"\"\"\n";
  const auto quote = static_cast<std::uint32_t>(text.find('"'));
  for (std::uint32_t at = quote; at <= quote + 4; ++at) {
    const auto c = rolec::lsp::context_at(text, at);
    CHECK(c.prefix_begin <= at);
    CHECK(c.prefix.size() <= at);
  }
}
