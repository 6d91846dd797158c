// The Access API's rules as one table (validate/rules.hpp): each rule on its own. Lint and the
// emulator render these findings; tests/differential holds the two to the same verdicts.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "groq/analyze.hpp"
#include "model/api_json.hpp"
#include "validate/rules.hpp"

using namespace rolec;
using validate::problem;

namespace {

const schemas::catalog& catalog = schemas::builtin();

std::vector<problem> problems_of(const std::vector<validate::finding>& findings) {
  std::vector<problem> out;
  for (const auto& f : findings) out.push_back(f.problem);
  return out;
}

model::role role_of(const char* grants) {
  return model::role_from_api(nlohmann::ordered_json::parse(std::string(R"({"name": "r", "title": "R", "permissions": )") + grants + "}"));
}

}  // namespace

TEST_CASE("names and titles", "[validate]") {
  std::vector<validate::finding> out;
  validate::check_name_and_title("post-editor_2", std::string("Post editor"), out);
  CHECK(out.empty());
  validate::check_name_and_title("Posts", std::nullopt, out);
  CHECK(problems_of(out) == std::vector<problem>{problem::invalid_name, problem::missing_title});
  out.clear();
  validate::check_name_and_title("a", std::string(101, 'x'), out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].count == 101);
  out.clear();
  validate::check_name_and_title("a", std::string(100, 'x'), out);  // the limit counts characters
  CHECK(out.empty());
}

TEST_CASE("the types a custom permission may have", "[validate]") {
  CHECK(validate::custom_types(model::scope::project, catalog) ==
        std::vector<std::string>{"sanity.document.filter", "sanity.document.filter.mode"});
  CHECK(validate::custom_types(model::scope::organization, catalog).empty());
  CHECK_FALSE(validate::check_type("sanity.document.filter.mode", model::scope::project, catalog));
  CHECK(validate::check_type("sanity.project.cors", model::scope::project, catalog)->problem == problem::custom_type);
  CHECK(validate::check_type("sanity.organization", model::scope::project, catalog)->problem == problem::custom_type);
  CHECK(validate::check_type("sanity.document.filtr", model::scope::project, catalog)->problem == problem::unknown_type);
  model::permission p;
  p.name = "p";
  p.title = "P";
  p.type = "sanity.document.filter";
  CHECK(problems_of(validate::check_permission(p, model::scope::project, catalog, nullptr)) ==
        std::vector<problem>{problem::missing_filter});
  p.filter = "author->name == 'x'";
  const auto parsed = groq::analyze(*p.filter, {groq::mode::filter, nullptr});
  const auto findings = validate::check_permission(p, model::scope::project, catalog, &parsed);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].problem == problem::invalid_filter);
  CHECK(findings[0].detail.find("->") != std::string::npos);
}

TEST_CASE("reserved names are per scope", "[validate]") {
  CHECK(validate::reserved_permission_name("sanity-project", model::scope::project, catalog));
  CHECK_FALSE(validate::reserved_permission_name("sanity-organization", model::scope::project, catalog));
  CHECK(validate::reserved_permission_name("sanity-organization", model::scope::organization, catalog));
  CHECK(validate::reserved_role_name("editor", model::scope::project, catalog));
  CHECK_FALSE(validate::reserved_role_name("editor", model::scope::organization, catalog));
}

TEST_CASE("grants: permission and scope first, then each grant's action and params", "[validate]") {
  const validate::custom_lookup none;
  CHECK(validate::check_grants(role_of(R"([{"name": "sanity-project", "action": "read"}])"), model::scope::project, none, catalog).empty());
  const auto findings = validate::check_grants(role_of(R"([
      {"name": "sanity-project", "action": "publish"},
      {"name": "sanity-organization", "action": "read"},
      {"name": "nope", "action": "read"},
      {"name": "sanity-all-documents", "action": "mode", "params": {"mode": "edit", "history": "yes", "colour": 1}},
      {"name": "sanity-document-filter-drafts", "action": "read", "params": {"dataset": 5}}])"),
                                               model::scope::project, none, catalog);
  std::vector<std::pair<std::size_t, problem>> got;
  for (const auto& f : findings) got.emplace_back(f.grant, f.problem);
  CHECK(got == std::vector<std::pair<std::size_t, problem>>{{1, problem::wrong_scope},
                                                            {2, problem::unknown_permission},
                                                            {0, problem::unknown_action},
                                                            {3, problem::invalid_param},
                                                            {3, problem::unknown_param},
                                                            {3, problem::invalid_param},
                                                            {4, problem::invalid_param}});
  CHECK(findings[3].param == "mode");
  CHECK(findings[4].param == "colour");
  CHECK(findings[5].param == "history");
  // A mode grant without its mode: the type requires it.
  const auto missing = validate::check_grants(role_of(R"([{"name": "sanity-all-documents", "action": "mode"}])"),
                                              model::scope::project, none, catalog);
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].problem == problem::missing_param);
  CHECK(missing[0].param == "mode");
}

TEST_CASE("custom permissions are found before predefined ones", "[validate]") {
  const validate::custom_lookup custom = [](std::string_view name) -> std::optional<validate::target> {
    if (name != "sanity-organization") return std::nullopt;
    return validate::target{schemas::builtin().type("sanity.document.filter"), model::scope::project, true};
  };
  CHECK(validate::check_grants(role_of(R"([{"name": "sanity-organization", "action": "read"}])"), model::scope::project, custom,
                               catalog)
            .empty());
}
