#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "diag/rules.hpp"

TEST_CASE("rule ids and names are unique and well formed", "[diag][rules]") {
  std::set<std::string_view> ids;
  std::set<std::string_view> names;
  for (const auto& rule : rolec::diag::all_rules()) {
    INFO(rule.id);
    CHECK(ids.insert(rule.id).second);
    CHECK(names.insert(rule.name).second);
    CHECK(rule.id.size() == 5);
    CHECK(rule.id.substr(0, 2) == "RC");
    CHECK(rule.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string_view::npos);
    CHECK(!rule.summary.empty());
    CHECK(rolec::diag::find_rule(rule.id) == rule.which);
    CHECK(rolec::diag::find_rule(rule.name) == rule.which);
  }
}

TEST_CASE("every rule has a documentation page", "[diag][rules]") {
  for (const auto& rule : rolec::diag::all_rules()) {
    const std::filesystem::path page = std::filesystem::path(ROLEC_SOURCE_DIR) / rolec::diag::docs_path(rule.which);
    INFO(page.string());
    CHECK(std::filesystem::exists(page));
  }
}
