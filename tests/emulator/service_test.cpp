// The emulator's request handling without sockets: routing, authentication, faults, rate limits.

#include <catch2/catch.hpp>

#include "emulator/service.hpp"

using namespace rolec::emulator;

namespace {

service make_service(service_options options = {}) {
  options.tokens = {{"admin-secret", "administrator"}, {"editor-secret", "editor"}, {"viewer-secret", "viewer"}};
  store s;
  s.add_project("p1");
  return service(std::move(s), std::move(options));
}

request call(std::string method, std::string rest, std::string token = "admin-secret", std::string body = {}) {
  request r{std::move(method), "/v2025-07-11/access/project/p1" + rest, {}, std::nullopt, std::move(body)};
  if (!token.empty()) r.authorization = "Bearer " + token;
  return r;
}

const char* const posts = R"({"name": "posts", "title": "Posts", "type": "sanity.document.filter", "config": {"filter": "_type == 'post'"}})";

}  // namespace

TEST_CASE("requests are routed by method and path under any dated version", "[emulator]") {
  service api = make_service();
  CHECK(api.handle(call("GET", "/roles")).answer.status == 200);
  request other_version = call("GET", "/roles/editor");
  other_version.path = "/v2021-06-07/access/project/p1/roles/editor";
  CHECK(api.handle(other_version).answer.body["name"] == "editor");
  CHECK(api.handle(call("GET", "/roles/editor/extra")).answer.status == 404);
  CHECK(api.handle(call("GET", "/datasets")).answer.status == 404);
  CHECK(api.handle(call("PATCH", "/roles/editor")).answer.status == 405);
  CHECK(api.handle(call("POST", "/users")).answer.status == 405);
  request undated = call("GET", "/roles");
  undated.path = "/vX/access/project/p1/roles";
  CHECK(api.handle(undated).answer.status == 404);
  request unknown_project = call("GET", "/roles");
  unknown_project.path = "/v2025-07-11/access/project/zz/roles";
  CHECK(api.handle(unknown_project).answer.body["message"] == "project `zz` not found");
  request organization = call("GET", "/roles");
  organization.path = "/v2025-07-11/access/organization/o1/roles";
  CHECK(api.handle(organization).answer.status == 404);
}

TEST_CASE("tokens are checked, then the permission each endpoint needs", "[emulator]") {
  service api = make_service();
  const json unauthorized{{"statusCode", 401}, {"error", "Unauthorized"}, {"message", "Session not found"}};
  CHECK(api.handle(call("GET", "/roles", "")).answer.body == unauthorized);
  CHECK(api.handle(call("GET", "/roles", "wrong")).answer.body == unauthorized);
  request basic = call("GET", "/roles");
  basic.authorization = "Basic admin-secret";
  CHECK(api.handle(basic).answer.status == 401);
  CHECK(api.handle(call("GET", "/roles", "editor-secret")).answer.status == 200);
  const reply denied = api.handle(call("POST", "/roles", "editor-secret", "{}")).answer;
  CHECK(denied.status == 403);
  CHECK(denied.body == json{{"statusCode", 403}, {"error", "Forbidden"},
                            {"message", "Insufficient permissions; permission \"sanity-project-roles\" action \"create\" required"}});
  CHECK(api.handle(call("DELETE", "/permissions/x", "viewer-secret")).answer.body["message"] ==
        "Insufficient permissions; permission \"sanity-project-roles\" action \"delete\" required");
  CHECK(api.handle(call("PUT", "/users/u/roles/viewer", "editor-secret")).answer.body["message"] ==
        "Insufficient permissions; permission \"sanity-project-members\" action \"update\" required");
  CHECK(api.handle(call("GET", "/users", "viewer-secret")).answer.status == 200);
  CHECK(api.handle(call("POST", "/permissions", "admin-secret", posts)).answer.status == 201);
}

TEST_CASE("a body that is not JSON is a bad request", "[emulator]") {
  service api = make_service();
  const reply r = api.handle(call("POST", "/permissions", "admin-secret", "{\"name\": ")).answer;
  CHECK(r.status == 400);
  CHECK(r.body["message"].get<std::string>().rfind("the body is not valid JSON: parse error at line 1", 0) == 0);
}

TEST_CASE("the same seed gives the same faults for the same requests", "[emulator]") {
  const auto run = [](std::uint64_t seed) {
    service api = make_service({{}, seed, 0.5, 0, nullptr});
    std::vector<std::string> seen;
    for (int i = 0; i < 60; ++i) {
      const std::string name = "p" + std::to_string(i);
      const outcome o = i % 2 == 0 ? api.handle(call("GET", "/roles"))
                                   : api.handle(call("POST", "/permissions", "admin-secret",
                                                     R"({"name": ")" + name + R"(", "title": "P", "type": "sanity.document.filter", "config": {"filter": "true"}})"));
      seen.push_back(std::to_string(o.answer.status) + (o.drop ? " dropped" : "") + " " + o.note);
    }
    return std::make_pair(seen, api.stats());
  };
  const auto [first, first_stats] = run(7);
  const auto [again, again_stats] = run(7);
  CHECK(first == again);
  CHECK(first_stats == again_stats);
  CHECK(run(8).first != first);
  const json& faults = first_stats["faults"];
  CHECK(faults["errors"].get<int>() > 0);
  CHECK(faults["dropped"].get<int>() > 0);
  CHECK(faults["after_apply"].get<int>() > 0);
  CHECK(first_stats["requests"] == 60);
}

TEST_CASE("a failure after applying keeps the change", "[emulator]") {
  service api = make_service({{}, 7, 1.0, 0, nullptr});
  // With every request failing, find the writes that were applied nonetheless.
  int applied = 0;
  for (int i = 0; i < 20; ++i) {
    const std::string body = R"({"name": "p)" + std::to_string(i) + R"(", "title": "P", "type": "sanity.document.filter", "config": {"filter": "true"}})";
    const outcome o = api.handle(call("POST", "/permissions", "admin-secret", body));
    CHECK(o.answer.status >= 500);
    if (o.note.find("after applying") != std::string::npos) ++applied;
  }
  const json stats = api.stats();
  CHECK(stats["faults"]["after_apply"] == applied);
  CHECK(applied > 0);
  request read_state;
  read_state.method = "GET";
  read_state.path = "/__emulator/state";
  const json state = api.handle(read_state).answer.body;
  CHECK(state["projects"][0]["permissions"].size() == static_cast<std::size_t>(applied));
}

TEST_CASE("more requests than the rate limit in a second are refused with Retry-After", "[emulator]") {
  service api = make_service({{}, 0, 0, 2, nullptr});
  CHECK(api.handle(call("GET", "/roles")).answer.status == 200);
  CHECK(api.handle(call("GET", "/roles")).answer.status == 200);
  const outcome limited = api.handle(call("GET", "/roles"));
  CHECK(limited.answer.status == 429);
  CHECK(limited.answer.body["error"] == "Too Many Requests");
  CHECK(limited.headers == std::vector<std::pair<std::string, std::string>>{{"Retry-After", "1"}});
  CHECK(api.handle(call("GET", "/roles", "editor-secret")).answer.status == 200);  // another token
  CHECK(api.stats()["faults"]["rate_limited"] == 1);
}

TEST_CASE("the rate limiter counts a sliding second per key", "[emulator]") {
  rate_limiter limiter(2);
  const auto t0 = rate_limiter::clock::time_point{};
  CHECK(limiter.admit("a", t0));
  CHECK(limiter.admit("a", t0 + std::chrono::milliseconds(500)));
  CHECK_FALSE(limiter.admit("a", t0 + std::chrono::milliseconds(900)));
  CHECK(limiter.admit("b", t0 + std::chrono::milliseconds(900)));
  CHECK(limiter.admit("a", t0 + std::chrono::milliseconds(1000)));
  CHECK_FALSE(limiter.admit("a", t0 + std::chrono::milliseconds(1400)));
}

TEST_CASE("changes are saved as they happen, and only then", "[emulator]") {
  int saves = 0;
  std::string last;
  service_options options;
  options.save = [&](const std::string& content, std::string&) {
    ++saves;
    last = content;
    return true;
  };
  service api = make_service(std::move(options));
  (void)api.handle(call("GET", "/roles"));
  (void)api.handle(call("POST", "/roles", "admin-secret", "{}"));
  CHECK(saves == 0);
  (void)api.handle(call("POST", "/permissions", "admin-secret", posts));
  CHECK(saves == 1);
  CHECK(json::parse(last)["projects"][0]["permissions"][0]["name"] == "posts");
}
