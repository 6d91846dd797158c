// The typed model of Access API resources: the codec's round trip, typed params, the canonical
// form, and what each mode gives.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "model/api_json.hpp"
#include "model/canonical.hpp"
#include "model/documents.hpp"

using namespace rolec::model;
using ojson = nlohmann::ordered_json;

TEST_CASE("the codec reads a role as the API lists it and writes it back in request order", "[model]") {
  const auto listed = ojson::parse(R"({"name": "writer", "title": "Writer", "description": null, "isCustom": true,
    "resourceType": "project", "appliesToRobots": false,
    "permissions": [{"name": "posts", "action": "mode", "params": {"history": true, "mode": "create", "dataset": "prod"}},
                    {"name": "sanity-project", "action": "read", "params": {}}]})");
  const role r = role_from_api(listed);
  CHECK(r.name == "writer");
  CHECK(r.description.empty());
  CHECK(r.is_custom == std::optional<bool>(true));
  CHECK(r.applies_to_users);
  CHECK_FALSE(r.applies_to_robots);
  REQUIRE(r.grants.size() == 2);
  CHECK(r.grants[0].action.level() == mode::create);
  CHECK(r.grants[0].history == std::optional<bool>(true));
  CHECK(r.grants[0].dataset == std::optional<std::string>("prod"));
  CHECK(r.grants[0].others.empty());
  CHECK_FALSE(r.grants[1].has_params());
  // mode and history lead, the rest by name; a grant without params has no `params`.
  CHECK(to_api(r).dump() ==
        R"({"name":"writer","title":"Writer","description":"","appliesToUsers":true,"appliesToRobots":false,)"
        R"("permissions":[{"name":"posts","action":"mode","params":{"mode":"create","history":true,"dataset":"prod"}},)"
        R"({"name":"sanity-project","action":"read"}]})");
  CHECK(role_from_api(to_api(r)).grants == r.grants);
}

TEST_CASE("params of the wrong JSON type are kept, untyped, so that validation can refuse them", "[model]") {
  const grant g = grant_from_api(ojson::parse(R"({"name": "p", "action": "mode", "params": {"mode": 5, "history": "yes",
    "colour": [1, 2], "dataset": "a"}})"),
                                 "permissions[0]");
  CHECK_FALSE(g.action.mode);
  CHECK_FALSE(g.history);
  CHECK(g.dataset == std::optional<std::string>("a"));
  REQUIRE(g.others.size() == 3);
  CHECK(g.others[0].name == "colour");
  CHECK(g.others[0].value.type == param_value::kind::other);
  CHECK(g.find_param("mode")->type == param_value::kind::integer);
  CHECK(g.param_names() == std::vector<std::string>{"colour", "dataset", "history", "mode"});
  CHECK(to_api(g).dump() == R"({"name":"p","action":"mode","params":{"colour":[1,2],"dataset":"a","history":"yes","mode":5}})");
}

TEST_CASE("the codec's shape errors name the member and what it should be", "[model]") {
  try {
    (void)role_from_api(ojson::parse(R"({"name": "r", "permissions": [{"name": "p", "action": 3}]})"), "roles[2]");
    FAIL("no error");
  } catch (const shape_error& e) {
    CHECK(e.problem.field == "roles[2].permissions[0].action");
    CHECK(e.problem.what == shape_problem::kind::wrong_type);
    CHECK(e.problem.expected == "a string");
    CHECK(e.problem.found == "a number");
  }
  try {
    (void)grant_from_api(ojson::parse(R"({"action": "read"})"), "permissions[0]");
    FAIL("no error");
  } catch (const shape_error& e) {
    CHECK(e.problem.field == "permissions[0].name");
    CHECK(e.problem.what == shape_problem::kind::missing);
  }
}

TEST_CASE("order_key is the API's JSON of the grant, written without building it", "[model]") {
  std::vector<grant> grants;
  for (const char* text : {R"({"name": "p", "action": "read"})", R"({"name": "p", "action": "mode", "params": {"mode": "publish"}})",
                           R"({"name": "p", "action": "mode", "params": {"mode": "cr\"e\\ate\n\u0001", "history": false}})",
                           R"({"name": "p\"q", "action": "read", "params": {"dataset": "x", "a": 1, "z": 2.5, "é": "ü", "list": [1]}})",
                           R"({"name": "p", "action": "read", "params": {"zz": null, "dataset": "d"}})"}) {
    grants.push_back(grant_from_api(ojson::parse(text), ""));
  }
  for (const grant& g : grants) {
    INFO(to_api(g).dump());
    CHECK(order_key(g) == g.permission + "\n" + g.action.name + "\n" + params_json(g).dump());
  }
}

TEST_CASE("compare_grants orders grants as their order keys do", "[model]") {
  // Names that are prefixes of each other, and characters on both sides of the newline that ends
  // a key's lines, where comparing the names alone would give another order.
  const std::vector<std::string> names{"a", "a-b", "ab", "a\tb", "a\nb", "a\n", "", "b", "\x01", "\xff"};
  std::vector<grant> grants;
  for (const std::string& name : names) {
    for (const std::string& action : names) {
      grant g;
      g.permission = name;
      g.action.name = action;
      grants.push_back(g);
      g.history = true;
      grants.push_back(g);
    }
  }
  const auto sign = [](int c) { return (c > 0) - (c < 0); };
  for (const grant& a : grants) {
    for (const grant& b : grants) {
      INFO(order_key(a) << " vs " << order_key(b));
      CHECK(sign(compare_grants(a, b)) == sign(order_key(a).compare(order_key(b))));
    }
  }
}

TEST_CASE("the canonical form: grants as a set, titles and descriptions compared as the API has them", "[model]") {
  role a = role_from_api(ojson::parse(R"({"name": "r", "title": "R", "permissions": [
    {"name": "p", "action": "update"}, {"name": "p", "action": "read", "params": {}}, {"name": "p", "action": "read"}]})"));
  role b = role_from_api(ojson::parse(R"({"name": "r", "title": "R", "description": "",
    "permissions": [{"name": "p", "action": "read"}, {"name": "p", "action": "update"}]})"));
  CHECK_FALSE(same(a, b));
  CHECK(same(canonical(a), canonical(b)));
  CHECK(canonical_json(a) == canonical_json(b));
  b.applies_to_robots = false;
  CHECK_FALSE(same(canonical(a), canonical(b)));
  permission p = permission_from_api(ojson::parse(R"({"name": "p", "type": "sanity.document.filter", "config": {"filter": "_type=='x'", "other": 1}})"));
  CHECK(p.other_config == std::vector<std::string>{"other"});
  CHECK(canonical_json(canonical(p, std::string("_type == \"x\""))) ==
        nlohmann::json{{"title", ""}, {"description", ""}, {"type", "sanity.document.filter"}, {"filter", "_type == \"x\""}});
}

TEST_CASE("what a mode gives, and which modes cover which", "[model]") {
  const auto read = allowed_by(mode::read, false);
  CHECK(read[0] == every_kind);
  CHECK(read[2] == 0);
  const auto create = allowed_by(mode::create, true);
  CHECK(create[static_cast<std::size_t>(document_action::update)] == draft_kinds);
  CHECK(create[static_cast<std::size_t>(document_action::history)] == draft_kinds);
  const auto publish = allowed_by(mode::publish, false);
  CHECK(publish[static_cast<std::size_t>(document_action::update)] == every_kind);
  CHECK(publish[static_cast<std::size_t>(document_action::manage)] == 0);
  CHECK(covers(mode::publish, false, mode::create, false));
  CHECK(covers(mode::create, false, mode::read, false));
  // History is part of what a grant gives: a wider mode without it does not cover one with it.
  CHECK_FALSE(covers(mode::publish, false, mode::read, true));
  CHECK(covers(mode::publish, true, mode::read, true));
  CHECK_FALSE(covers(mode::read, false, mode::create, false));
  CHECK(kind_of("versions.r1.x") == id_kind::version);
  CHECK(action_named("editHistory") == document_action::edit_history);
}
