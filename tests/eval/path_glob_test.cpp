#include <catch2/catch.hpp>

#include "eval/path_glob.hpp"

#include <string>
#include <string_view>

namespace {

bool glob_matches(std::string_view pattern, std::string_view id) {
  return rolec::eval::path_glob(pattern).matches(id);
}

}  // namespace

TEST_CASE("A single star matches exactly one segment", "[eval][path]") {
  CHECK(glob_matches("a.*", "a.b"));
  CHECK_FALSE(glob_matches("a.*", "a"));
  CHECK_FALSE(glob_matches("a.*", "a.b.c"));
  CHECK_FALSE(glob_matches("a.*", "b.a.b"));
  CHECK(glob_matches("a.b.*", "a.b._1"));
  CHECK_FALSE(glob_matches("a.b.*", "a.c._1"));
  CHECK(glob_matches("*", "a"));
  CHECK_FALSE(glob_matches("*", "a.b"));
  CHECK_FALSE(glob_matches("*", "b.c"));
}

TEST_CASE("A double star matches one or more segments including dots", "[eval][path]") {
  CHECK(glob_matches("a.**", "a.b"));
  CHECK(glob_matches("a.**", "a.b.c"));
  CHECK(glob_matches("a.**", "a.b.c.c"));
  CHECK_FALSE(glob_matches("a.**", "a"));
  CHECK_FALSE(glob_matches("a.**", "b.c"));
  for (const char* id : {"a", "a.b", "a.b.c", "b.c", "drafts.x-y_z"}) {
    INFO("id: " << id);
    CHECK(glob_matches("**", id));
  }
}

TEST_CASE("Dots in the pattern are literal, unlike groq-js's unescaped regex", "[eval][path]") {
  CHECK(glob_matches("drafts.**", "drafts.x"));
  CHECK(glob_matches("drafts.**", "drafts.x.y"));
  CHECK_FALSE(glob_matches("drafts.**", "drafts"));
  CHECK_FALSE(glob_matches("drafts.**", "draftsXabc"));
  CHECK_FALSE(glob_matches("drafts.**", "draftsX.abc"));
  CHECK_FALSE(glob_matches("a.b", "aXb"));
}

TEST_CASE("A double star in the middle needs at least one segment between its neighbours",
          "[eval][path]") {
  CHECK(glob_matches("a.**.b", "a.x.b"));
  CHECK(glob_matches("a.**.b", "a.x.y.z.b"));
  CHECK(glob_matches("a.**.b", "a.b.b"));
  CHECK_FALSE(glob_matches("a.**.b", "a.b"));
  CHECK_FALSE(glob_matches("a.**.b", "a.x.b.c"));
  CHECK_FALSE(glob_matches("a.**.b", "a.x.c"));
  CHECK(glob_matches("**.b", "x.y.b"));
  CHECK_FALSE(glob_matches("**.b", "b"));
  CHECK(glob_matches("**.**", "a.b"));
  CHECK_FALSE(glob_matches("**.**", "a"));
  CHECK(glob_matches("*.**.*", "a.b.c"));
  CHECK_FALSE(glob_matches("*.**.*", "a.b"));
}

TEST_CASE("A star inside a longer segment is a literal character", "[eval][path]") {
  CHECK_FALSE(glob_matches("5-**", "5-abc"));
  CHECK_FALSE(glob_matches("5-**", "5-"));
  CHECK_FALSE(glob_matches("5-**", "5-a.b"));
  CHECK_FALSE(glob_matches("5-**", "id"));
  CHECK(glob_matches("5-**", "5-**"));
  CHECK_FALSE(glob_matches("a.b*", "a.bc"));
  CHECK(glob_matches("a.b*", "a.b*"));
  CHECK_FALSE(glob_matches("a*", "abc"));
}

TEST_CASE("Patterns are anchored at both ends", "[eval][path]") {
  CHECK(glob_matches("a.b", "a.b"));
  CHECK_FALSE(glob_matches("a.b", "a.b.c"));
  CHECK_FALSE(glob_matches("a.b", "x.a.b"));
  CHECK_FALSE(glob_matches("b.*", "a.b.c"));
}

TEST_CASE("Empty id segments are matched only by empty pattern segments", "[eval][path]") {
  CHECK_FALSE(glob_matches("a.*", "a."));
  CHECK_FALSE(glob_matches("a.**", "a."));
  CHECK_FALSE(glob_matches("a.*.b", "a..b"));
  CHECK_FALSE(glob_matches("a.**.b", "a..b"));
  CHECK(glob_matches("a..b", "a..b"));
  CHECK_FALSE(glob_matches("*", ""));
  CHECK_FALSE(glob_matches("**", ""));
}

TEST_CASE("The glob keeps the pattern text it was built from", "[eval][path]") {
  CHECK(rolec::eval::path_glob("drafts.**").pattern() == "drafts.**");
}

TEST_CASE("Many double-star segments are matched in polynomial time", "[eval][path]") {
  std::string pattern;
  for (int i = 0; i < 300; ++i) pattern += "**.";
  pattern += "end";
  std::string id;
  for (int i = 0; i < 2000; ++i) id += "s.";
  const rolec::eval::path_glob glob(pattern);
  // A backtracking matcher would try astronomically many splits before giving up here.
  CHECK_FALSE(glob.matches(id + "other"));
  CHECK(glob.matches(id + "end"));
  CHECK_FALSE(glob.matches("s.s.end"));
}
