// `match` as groq-js 2.0.1 does it. Every expectation here was computed with groq-js itself
// (its `matchTokenize`, and `$t match $p` through its `evaluate`), not reasoned out.

#include <catch2/catch.hpp>

#include "eval/text_match.hpp"

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace {

using rolec::eval::match_tokens;
using strings = std::vector<std::string>;

bool matches(std::initializer_list<std::string_view> texts, std::initializer_list<std::string_view> patterns) {
  const std::vector<std::string_view> text_list(texts);
  const std::vector<std::string_view> pattern_list(patterns);
  return rolec::eval::text_match(text_list, pattern_list);
}

struct match_case {
  std::string_view pattern;
  bool expected;
};

// The sentence of the suite's operator/match.yml.
constexpr std::string_view suite_sentence = "hello world FOO-bar ding.dong A.B.C.s! посчастливится!";

constexpr std::string_view koan_nothing = "When you can do nothing, what can you do?";
constexpr std::string_view koan_face = "What is your original face before you were born?";
constexpr std::string_view koan_reduced = "When the many are reduced to one, to what is the one reduced?";

}  // namespace

TEST_CASE("Tokens split on white space and hyphens; dots next to a word character go", "[eval][match]") {
  CHECK(match_tokens(suite_sentence) == strings{"hello", "world", "FOO", "bar", "dingdong", "ABCs", "посчастливится"});
  CHECK(match_tokens("..lead trail... .x. ... e.g.") == strings{"lead", "trail", "x", "...", "eg"});
  CHECK(match_tokens("a..b") == strings{"ab"});
  // A dot with no word character beside it stays, and is a token of its own.
  CHECK(match_tokens(".") == strings{"."});
  CHECK(match_tokens("x . y") == strings{"x", ".", "y"});
}

TEST_CASE("groq-js's separators: white space and !@#$%^&*(),\\/?\";:{}|[]+<>-", "[eval][match]") {
  CHECK(match_tokens("a-b@c/d,e!f?g(h)i:j;k\"l+m<n>o|p[q]r{s}t'u=v~w`x#y$z%0^1&2*3\\4") ==
        strings{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n",
                "o", "p", "q", "r", "s", "t'u=v~w`x", "y", "z", "0", "1", "2", "3", "4"});
  CHECK(match_tokens("it's e=mc2 ~tilde") == strings{"it's", "e=mc2", "~tilde"});
  CHECK(match_tokens("snake_case _id") == strings{"snake_case", "_id"});
  CHECK(match_tokens("tab\tnew\nline\r\fform\vfeed") == strings{"tab", "new", "line", "form", "feed"});
}

TEST_CASE("Outside ASCII only JavaScript's white space separates", "[eval][match]") {
  // NBSP and the ideographic space separate; NEL, the em dash, guillemets, the ideographic full
  // stop and the right single quote are parts of words.
  CHECK(match_tokens("a\u00A0b\u0085c\u2014d \u00ABe\u00BB f\u3000g\u3002h don\u2019t") ==
        strings{"a", "b\u0085c\u2014d", "\u00ABe\u00BB", "f", "g\u3002h", "don\u2019t"});
  CHECK(match_tokens("hi 😀! 東京") == strings{"hi", "😀", "東京"});
}

TEST_CASE("Text without anything but separators has no tokens", "[eval][match]") {
  CHECK(match_tokens("").empty());
  CHECK(match_tokens("  !?- ** ").empty());
  CHECK(match_tokens("  !?- ... ***  ") == strings{"..."});
}

TEST_CASE("Malformed UTF-8 becomes replacement characters inside the token", "[eval][match]") {
  CHECK(match_tokens("a\xFF" "b") == strings{"a\uFFFDb"});
  CHECK(match_tokens("x\xE2\x82") == strings{"x\uFFFD\uFFFD"});
}

TEST_CASE("Whole-word patterns, as the suite's basic match cases and groq-js have them", "[eval][match]") {
  const match_case cases[] = {
      {"foo", true},        {"foo-bar", true},   {"HELLO WORLD", true}, {"A.B.C.s", true},
      {"ding.dong", true},  {"dingdong", true},  {"ding", false},       {"ding dong", false},
      {"ПОСЧАСТЛИВИТСЯ", true}, {"fo", false},
  };
  for (const match_case& c : cases) {
    INFO("pattern: " << c.pattern);
    CHECK(matches({suite_sentence}, {c.pattern}) == c.expected);
  }
}

TEST_CASE("Wildcards, as the suite's wildcardMatchSegmentation cases and groq-js have them", "[eval][match]") {
  const match_case cases[] = {
      {"ding.*", true}, {"*.dong", true}, {"*.ding", false}, {"ding.*ong", true},
      {"h*l*o", true},  {"**", true},     {"fo*x", false},
  };
  for (const match_case& c : cases) {
    INFO("pattern: " << c.pattern);
    CHECK(matches({suite_sentence}, {c.pattern}) == c.expected);
  }
}

TEST_CASE("A dot joining words is dropped from text and pattern alike", "[eval][match]") {
  // The case of a real policy: `_type match "contribution.*"` meant every contribution type.
  CHECK(matches({"contributionType"}, {"contribution.*"}));
  CHECK_FALSE(matches({"contribution.type"}, {"contribution"}));
  CHECK(matches({"See e.g. this"}, {"e.g"}));
  CHECK(matches({"See e.g. this"}, {"eg"}));
  // A dot left in a pattern (none of its neighbours a word character) stands for any character.
  CHECK(matches({"x . y"}, {"."}));
  CHECK(matches({"'a'"}, {"'.'"}));
  CHECK_FALSE(matches({"xay"}, {"x.y"}));
  CHECK_FALSE(matches({"x'a'y"}, {"'.'"}));
}

TEST_CASE("An asterisk separates words of the text and is a wildcard in the pattern", "[eval][match]") {
  CHECK_FALSE(matches({"a*b"}, {"a*b"}));
  CHECK(matches({"a*b"}, {"a", "b"}));
  CHECK(matches({"ab"}, {"a*b"}));
  CHECK_FALSE(matches({"it's"}, {"it"}));
  CHECK(matches({"it's"}, {"IT'S"}));
}

TEST_CASE("Letters compare as JavaScript's case-insensitive regular expressions compare them", "[eval][match]") {
  CHECK(matches({"Σοφος"}, {"ΣΟΦΟΣ"}));
  CHECK(matches({"ǅ"}, {"ǆ"}));                 // both upper-case to Ǆ
  CHECK_FALSE(matches({"Straße"}, {"STRASSE"}));  // ß upper-cases to two letters, so stays ß
  CHECK_FALSE(matches({"STRASSE"}, {"straße"}));
  CHECK_FALSE(matches({"ſ"}, {"s"}));             // non-ASCII never becomes ASCII
  CHECK_FALSE(matches({"\u212A"}, {"k"}));        // the Kelvin sign
}

TEST_CASE("The legacy koan cases match case-insensitively with leading and trailing wildcards", "[eval][match]") {
  CHECK(matches({koan_nothing, koan_face}, {"*ORIGINAL"}));
  CHECK(matches({koan_nothing}, {"NOTHIN*"}));
  CHECK(matches({koan_reduced}, {"what", "ReDuCeD"}));
  CHECK_FALSE(matches({koan_face}, {"original", "reduced"}));
}

TEST_CASE("No patterns, no terms or no tokens make the match false", "[eval][match]") {
  CHECK_FALSE(matches({}, {"abc"}));
  CHECK_FALSE(matches({"abc"}, {}));
  CHECK_FALSE(matches({"abc"}, {""}));
  CHECK_FALSE(matches({"abc"}, {"!?", "--"}));
  CHECK_FALSE(matches({""}, {"*"}));
  CHECK_FALSE(matches({"-- !!"}, {"*"}));
  // A pattern without terms adds no condition when another pattern has one.
  CHECK(matches({"abc"}, {"", "abc"}));
}

TEST_CASE("A term is read up to 1,024 characters, and wildcard-heavy terms stay fast", "[eval][match]") {
  std::string digits;
  for (int i = 0; i < 100; ++i) digits += "1234567890";
  const std::string long_pattern = digits + "*" + digits;  // read as digits + "*" + its first 23
  CHECK_FALSE(matches({"id"}, {long_pattern}));
  CHECK_FALSE(matches({digits + "xyz" + digits}, {long_pattern}));
  CHECK(matches({digits + "xyz" + digits.substr(0, 23)}, {long_pattern}));

  const std::string many_as(20000, 'a');
  CHECK_FALSE(matches({many_as}, {"*a*a*a*a*a*a*a*a*a*a*a*a*b"}));
  CHECK(matches({many_as}, {"*a*a*a*a*a*a*a*a*a*a*a*a*"}));
}
