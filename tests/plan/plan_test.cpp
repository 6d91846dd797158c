// plan::make_plan: what changes, what does not, and what widens access.

#include <catch2/catch.hpp>

#include "adopt/live.hpp"
#include "model/api_json.hpp"
#include "plan/plan.hpp"

using json = nlohmann::json;
using rolec::plan::action;

namespace {

json permission(const std::string& name, const std::string& filter, const std::string& title = "T") {
  return {{"name", name}, {"title", title}, {"description", ""}, {"type", "sanity.document.filter"}, {"config", {{"filter", filter}}}};
}

json role(const std::string& name, json permissions, bool robots = true) {
  return {{"name", name}, {"title", "R"}, {"description", ""}, {"appliesToUsers", true}, {"appliesToRobots", robots},
          {"permissions", std::move(permissions)}};
}

json entry(const std::string& name, const std::string& action) { return {{"name", name}, {"action", action}}; }

// A live state from items as the API lists them (custom roles marked isCustom).
rolec::adopt::live_state live_of(const json& permissions, json roles, const json& users = json::array()) {
  for (json& r : roles) r["isCustom"] = true;
  json doc = {{"format_version", "1"}, {"resource", {{"type", "project"}, {"id", "p1"}}}, {"permissions", permissions},
              {"roles", roles}, {"users", users}};
  rolec::adopt::live_state live;
  std::string error;
  INFO(error);
  const bool parsed = rolec::adopt::parse_live(doc.dump(), "live", live, error);
  INFO(error);
  REQUIRE(parsed);
  return live;
}

// The desired state of an access-api bundle's bodies, read with the model's codec.
rolec::plan::desired_state desired_of(const json& bundle) {
  rolec::plan::desired_state out;
  for (const json& p : bundle.value("permissions", json::array())) {
    out.permissions.push_back(rolec::model::permission_from_api(nlohmann::ordered_json(p)));
  }
  for (const json& r : bundle.value("roles", json::array())) out.roles.push_back(rolec::model::role_from_api(nlohmann::ordered_json(r)));
  return out;
}

rolec::plan::plan plan_for(const json& desired, const rolec::adopt::live_state& live, rolec::plan::settings s = {}) {
  rolec::resolve::filter_set filters;
  return rolec::plan::make_plan(desired_of(desired), live, rolec::schemas::builtin(), s, filters);
}

json snapshot_of(const rolec::adopt::live_state& live) {
  rolec::resolve::filter_set filters;
  return rolec::plan::snapshot(live, rolec::schemas::builtin(), filters);
}

}  // namespace

TEST_CASE("formatting and order are never a change", "[plan]") {
  const json desired = {{"permissions", json::array({permission("posts", "_type == \"post\" && author._ref == identity()")})},
                        {"roles", json::array({role("writer", json::array({entry("posts", "update"), entry("posts", "read")}))})}};
  const auto live = live_of(json::array({permission("posts", "_type=='post'&&(author._ref==identity())")}),
                            json::array({role("writer", json::array({entry("posts", "read"), {{"name", "posts"}, {"action", "update"}, {"params", json::object()}}}))}));
  const auto p = plan_for(desired, live);
  CHECK(p.changes.empty());
  CHECK(rolec::plan::render_human(p, false) == "No changes: project `` matches the policy.\n");
}

TEST_CASE("creates come first and deletions last, roles before permissions", "[plan]") {
  const json desired = {{"permissions", json::array({permission("new", "_type == \"a\"")})}, {"roles", json::array({role("fresh", json::array({entry("new", "read")}))})}};
  const auto live = live_of(json::array({permission("old", "_type == \"b\"")}), json::array({role("stale", json::array({entry("old", "read")}))}));
  rolec::plan::settings exclusive;
  exclusive.exclusive = true;
  const auto p = plan_for(desired, live, exclusive);
  REQUIRE(p.changes.size() == 4);
  CHECK((p.changes[0].what == action::create && p.changes[0].name == "new"));
  CHECK((p.changes[1].what == action::create && p.changes[1].name == "fresh"));
  CHECK((p.changes[2].what == action::remove && p.changes[2].name == "stale"));
  CHECK((p.changes[3].what == action::remove && p.changes[3].name == "old"));
}

TEST_CASE("without exclusive, what the policy omits is left alone and listed", "[plan]") {
  const auto p = plan_for({{"permissions", json::array()}, {"roles", json::array()}},
                          live_of(json::array({permission("old", "_type == \"b\"")}), json::array({role("stale", json::array({entry("old", "read")}))})));
  CHECK(p.changes.empty());
  CHECK(p.unmanaged == std::vector<std::string>{"role `stale`", "permission `old`"});
}

TEST_CASE("protected roles and roles someone holds are never deleted", "[plan]") {
  const json nothing = {{"permissions", json::array()}, {"roles", json::array()}};
  const json users = {{{"sanityUserId", "u1"}, {"memberships", {{{"resourceType", "project"}, {"resourceId", "p1"}, {"roleNames", {"held"}}}}}}};
  const auto live = live_of(json::array(), json::array({role("kept", json::array()), role("held", json::array()), role("gone", json::array())}), users);
  rolec::plan::settings s;
  s.exclusive = true;
  s.protected_roles = {"kept"};
  const auto p = plan_for(nothing, live, s);
  REQUIRE(p.changes.size() == 1);
  CHECK(p.changes[0].name == "gone");
  REQUIRE(p.refused.size() == 2);
  CHECK(p.refused[0].find("role `held` is not in the policy, but 1 user still holds it (u1)") == 0);
  CHECK(p.refused[1].find("role `kept` is not in the policy, but [project] protect lists it") == 0);
}

TEST_CASE("changes that widen access are marked, narrowing ones are not", "[plan]") {
  const auto live = live_of(json::array({permission("posts", "_type == \"post\""), permission("pages", "_type == \"page\"")}),
                            json::array({role("writer", json::array({entry("posts", "read")}), false)}));
  SECTION("a permission added to a role, and robots let in") {
    const auto p = plan_for({{"permissions", json::array({permission("posts", "_type == \"post\""), permission("pages", "_type == \"page\"")})},
                             {"roles", json::array({role("writer", json::array({entry("posts", "read"), entry("posts", "update")}), true)})}},
                            live);
    REQUIRE(p.changes.size() == 1);
    CHECK(p.changes[0].widens == std::vector<std::string>{"turns `appliesToRobots` on", "adds `update` on `posts`"});
  }
  SECTION("a filter replaced, or narrowed") {
    const auto p = plan_for({{"permissions", json::array({permission("posts", "_type == \"post\" && defined(slug)"), permission("pages", "_type in [\"page\", \"post\"]")})},
                             {"roles", json::array({role("writer", json::array({entry("posts", "read")}), false)})}},
                            live);
    REQUIRE(p.changes.size() == 2);
    CHECK(p.changes[0].name == "pages");
    CHECK(p.changes[0].widens.size() == 1);
    CHECK(p.changes[1].name == "posts");
    CHECK(p.changes[1].widens.empty());
    CHECK(rolec::plan::summarize(p).widening == 1);
  }
  SECTION("a condition added to a conjunction narrows; one taken away widens") {
    const auto live2 = live_of(json::array({permission("posts", "_type == \"post\" && !(_id in path(\"drafts.**\"))"),
                                            permission("pages", "_type == \"page\" && defined(slug)")}),
                               json::array());
    const auto p = plan_for({{"permissions", json::array({permission("posts", "defined(slug) && _type=='post' && !(_id in path('drafts.**'))"),
                                                          permission("pages", "_type == \"page\"")})},
                             {"roles", json::array()}},
                            live2);
    REQUIRE(p.changes.size() == 2);
    CHECK(p.changes[0].name == "pages");
    CHECK(p.changes[0].widens.size() == 1);
    CHECK(p.changes[1].name == "posts");
    CHECK(p.changes[1].widens.empty());
  }
}

TEST_CASE("a plan file reads back as the plan it was written from", "[plan]") {
  const auto live = live_of(json::array({permission("posts", "_type == \"post\"")}), json::array());
  auto p = plan_for({{"permissions", json::array({permission("posts", "_type == \"post\"", "Posts")})}, {"roles", json::array({role("writer", json::array({entry("posts", "read")}))})}}, live);
  p.project_id = "p1";
  p.api_version = "v2025-07-11";
  std::string error;
  const auto back = rolec::plan::from_json(json::parse(rolec::plan::to_json(p).dump()), error);
  INFO(error);
  REQUIRE(back);
  CHECK(back->live_digest == p.live_digest);
  REQUIRE(back->changes.size() == 2);
  CHECK(back->changes[0].body == p.changes[0].body);
  CHECK(rolec::plan::from_json(json{{"kind", "bundle"}}, error) == std::nullopt);
  CHECK(error.find("not a plan file") == 0);
}

TEST_CASE("the live digest changes with anything a plan depends on, and says what", "[plan]") {
  const auto before = snapshot_of(live_of(json::array({permission("posts", "_type == \"post\"")}), json::array()));
  const auto same = snapshot_of(live_of(json::array({permission("posts", "_type=='post'")}), json::array()));
  const auto after = snapshot_of(live_of(json::array({permission("posts", "_type == \"page\"")}), json::array({role("r", json::array())})));
  CHECK(rolec::plan::digest(before) == rolec::plan::digest(same));
  CHECK(rolec::plan::digest(before) != rolec::plan::digest(after));
  CHECK(rolec::plan::differences(before, after) == std::vector<std::string>{"permission `posts` changed", "role `r` was added"});
}
