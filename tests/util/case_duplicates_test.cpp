// util::case_duplicates: texts equal but for case, as the lint rule RC409 needs them.

#include <catch2/catch.hpp>

#include "util/text_case.hpp"

using rolec::util::case_duplicates;
using pairs = std::vector<std::pair<std::size_t, std::size_t>>;

TEST_CASE("case duplicates pair each later text with the first one it equals but for case", "[util]") {
  CHECK(case_duplicates({}).empty());
  CHECK(case_duplicates({"editor", "viewer"}).empty());
  CHECK(case_duplicates({"Editor", "viewer", "EDITOR", "editor"}) == pairs{{0, 2}, {0, 3}});
  CHECK(case_duplicates({"a", "b", "A", "B"}) == pairs{{0, 2}, {1, 3}});
}

TEST_CASE("case duplicates fold Latin-1, Greek and Cyrillic, and keep lookalikes apart", "[util]") {
  CHECK(case_duplicates({"Éditeur", "éDITEUR"}) == pairs{{0, 1}});
  CHECK(case_duplicates({"ΆΡΘΡΑ", "άρθρα"}) == pairs{{0, 1}});
  CHECK(case_duplicates({"Пост", "пОСТ"}) == pairs{{0, 1}});
  CHECK(case_duplicates({"post", "pоst"}).empty());  // the second `о` is Cyrillic
}

TEST_CASE("case duplicates hold for many texts", "[util]") {
  std::vector<std::string> owned;
  for (int i = 0; i < 20000; ++i) owned.push_back("Role " + std::to_string(i));
  owned.emplace_back("ROLE 12345");
  const std::vector<std::string_view> texts(owned.begin(), owned.end());
  CHECK(case_duplicates(texts) == pairs{{12345, 20000}});
}
