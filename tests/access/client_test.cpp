// access::client against an in-memory API: pagination, retries, and POSTs that are never doubled.

#include <catch2/catch.hpp>

#include "access/client.hpp"
#include "support/fake_api.hpp"

using rolec::access::client;
using rolec::access::kind;
using rolec::test::fake_api;
using rolec::test::fault;
using json = nlohmann::json;

namespace {

struct fixture {
  fake_api api;
  std::vector<std::chrono::milliseconds> slept;
  client c{api, "v2025-07-11", "p1", {6, std::chrono::milliseconds(100), std::chrono::milliseconds(1000), 7,
                                      [this](std::chrono::milliseconds d) { slept.push_back(d); }}};
};

json permission(const std::string& name) {
  return {{"name", name}, {"title", name}, {"description", ""}, {"type", "sanity.document.filter"}, {"config", {{"filter", "_type == \"x\""}}}};
}

}  // namespace

TEST_CASE("list follows nextCursor through every page", "[access]") {
  fixture f;
  for (const char* name : {"a", "b", "c", "d", "e"}) f.api.permissions[name] = permission(name);
  std::vector<json> items;
  const auto out = f.c.list("permissions", items);
  CHECK(out.ok);
  CHECK(items.size() == 5);
  CHECK(f.api.log.size() == 3);
  CHECK(f.api.log[1] == "GET /v2025-07-11/access/project/p1/permissions?limit=500&nextCursor=2");
}

TEST_CASE("idempotent requests are retried with backoff, and Retry-After is honoured", "[access]") {
  fixture f;
  f.api.faults = {fault::fail_before, fault::throttle, fault::fail_before};
  std::vector<json> items;
  const auto out = f.c.list("roles", items);
  CHECK(out.ok);
  CHECK(out.attempts == 4);
  REQUIRE(f.slept.size() == 3);
  CHECK(f.slept[0] >= std::chrono::milliseconds(50));   // first delay, with jitter in [0.5, 1)
  CHECK(f.slept[0] < std::chrono::milliseconds(100));
  CHECK(f.slept[1] == std::chrono::milliseconds(1000));  // Retry-After: 1
  CHECK(f.slept[2] >= std::chrono::milliseconds(200));   // doubled
}

TEST_CASE("requests give up after the last attempt with the server's answer", "[access]") {
  fixture f;
  f.api.faults = std::deque<fault>(10, fault::fail_before);
  std::vector<json> items;
  const auto out = f.c.list("roles", items);
  CHECK_FALSE(out.ok);
  CHECK(out.attempts == 6);
  CHECK(out.error == "GET /v2025-07-11/access/project/p1/roles?limit=500: 503: unavailable");
}

TEST_CASE("a POST whose answer was lost is checked, not sent twice", "[access]") {
  fixture f;
  f.api.faults = {fault::drop_after};
  const auto out = f.c.create(kind::permission, permission("posts"));
  CHECK(out.ok);
  CHECK(f.api.log == std::vector<std::string>{"POST /v2025-07-11/access/project/p1/permissions",
                                              "GET /v2025-07-11/access/project/p1/permissions/posts"});
  CHECK(f.api.permissions.count("posts") == 1);
}

TEST_CASE("a POST that failed before taking effect is sent again", "[access]") {
  fixture f;
  f.api.faults = {fault::fail_before};
  const auto out = f.c.create(kind::permission, permission("posts"));
  CHECK(out.ok);
  CHECK(f.api.log.size() == 3);  // POST (503), GET (404), POST
  CHECK(f.api.permissions.count("posts") == 1);
}

TEST_CASE("a POST answered 429 is repeated at once: it was not processed", "[access]") {
  fixture f;
  f.api.faults = {fault::throttle};
  CHECK(f.c.create(kind::role, {{"name", "r"}, {"title", "R"}, {"permissions", json::array()}}).ok);
  CHECK(f.api.log.size() == 2);
}

TEST_CASE("a role whose POST answer was lost is found as sent, its grants in another order", "[access]") {
  fixture f;
  f.api.faults = {fault::fail_before};
  const json sent = {{"name", "r"}, {"title", "R"}, {"permissions", {{{"name", "a"}, {"action", "read"}},
                                                                     {{"name", "b"}, {"action", "mode"}, {"params", {{"mode", "publish"}}}}}}};
  // What the API lists: its own fields beside, the grants in its order, params always there.
  f.api.roles["r"] = {{"name", "r"}, {"title", "R"}, {"description", nullptr}, {"isCustom", true}, {"appliesToUsers", true},
                      {"appliesToRobots", true}, {"permissions", {{{"name", "b"}, {"action", "mode"}, {"params", {{"mode", "publish"}}}},
                                                                  {{"name", "a"}, {"action", "read"}, {"params", json::object()}}}}};
  CHECK(f.c.create(kind::role, sent).ok);
  f.api.roles["r"]["permissions"][0]["params"]["mode"] = "create";
  f.api.faults = {fault::fail_before};
  const auto changed = f.c.create(kind::role, sent);
  CHECK_FALSE(changed.ok);
  CHECK(changed.error.find("exists, but not as sent") != std::string::npos);
}

TEST_CASE("a POST is not taken for done when something else exists under the name", "[access]") {
  fixture f;
  f.api.faults = {fault::fail_before};
  f.api.permissions["posts"] = permission("posts");
  f.api.permissions["posts"]["title"] = "Someone else's";
  const auto out = f.c.create(kind::permission, permission("posts"));
  CHECK_FALSE(out.ok);
  CHECK(out.error.find("exists, but not as sent") != std::string::npos);
}

TEST_CASE("a DELETE of something already gone succeeds", "[access]") {
  fixture f;
  f.api.permissions["posts"] = permission("posts");
  f.api.faults = {fault::drop_after};
  CHECK(f.c.remove(kind::permission, "posts").ok);
  CHECK(f.api.permissions.empty());
  CHECK(f.c.remove(kind::permission, "posts").ok);
}

TEST_CASE("401 and 403 are explained", "[access]") {
  const rolec::access::http_request request{"POST", "/v2025-07-11/access/project/p1/roles", "{}"};
  const std::string forbidden = rolec::access::explain(
      request, {403, R"({"statusCode":403,"error":"Forbidden","message":"Insufficient permissions"})", std::nullopt, ""});
  CHECK(forbidden.find("POST /v2025-07-11/access/project/p1/roles: 403 Forbidden: Insufficient permissions; the token is valid "
                       "but its role may not do this") == 0);
  CHECK(forbidden.find("`sanity-project-roles`") != std::string::npos);
  const std::string unauthorized = rolec::access::explain(request, {401, "{}", std::nullopt, ""});
  CHECK(unauthorized.find("SANITY_AUTH_TOKEN") != std::string::npos);
  CHECK(rolec::access::explain(request, {0, "", std::nullopt, "Connection refused"}) ==
        "POST /v2025-07-11/access/project/p1/roles: no answer: Connection refused");
}
