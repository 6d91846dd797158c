// apply::run against an in-memory API: phases, bounded parallelism, and stopping at a failure.

#include <catch2/catch.hpp>

#include <mutex>
#include <thread>

#include "apply/apply.hpp"
#include "support/fake_api.hpp"

using json = nlohmann::json;
using rolec::plan::action;

namespace {

rolec::plan::change make(action what, rolec::access::kind k, const std::string& name) {
  rolec::plan::change c;
  c.what = what;
  c.resource = k;
  c.name = name;
  if (what != action::remove) {
    c.body = k == rolec::access::kind::permission
                 ? json{{"name", name}, {"title", name}, {"type", "sanity.document.filter"}, {"config", {{"filter", "true"}}}}
                 : json{{"name", name}, {"title", name}, {"permissions", json::array()}};
  }
  return c;
}

}  // namespace

TEST_CASE("apply runs phase by phase and reports every change", "[apply]") {
  rolec::test::fake_api api;
  api.roles["old-role"] = {{"name", "old-role"}};
  api.permissions["old-perm"] = {{"name", "old-perm"}};
  rolec::access::client c(api, "v1", "p1", {1, std::chrono::milliseconds(1), std::chrono::milliseconds(1), 0, [](auto) {}});
  rolec::plan::plan p;
  // Deliberately out of order: apply sorts by phase.
  p.changes = {make(action::remove, rolec::access::kind::permission, "old-perm"), make(action::create, rolec::access::kind::role, "r1"),
               make(action::remove, rolec::access::kind::role, "old-role"), make(action::create, rolec::access::kind::permission, "p1")};
  std::vector<std::string> seen;
  const auto report = rolec::apply::run(p, c, 4, [&](const rolec::apply::change_result& r) { seen.push_back(r.change->name); });
  CHECK(report.ok());
  CHECK(seen == std::vector<std::string>{"p1", "r1", "old-role", "old-perm"});
  CHECK(api.permissions.count("p1") == 1);
  CHECK(api.roles.count("r1") == 1);
  CHECK(api.roles.count("old-role") == 0);
  CHECK(api.permissions.count("old-perm") == 0);
}

TEST_CASE("apply stops at the first failure and starts nothing after it", "[apply]") {
  rolec::test::fake_api api;
  api.permissions["p2"] = {{"name", "p2"}};  // creating it again answers 409
  rolec::access::client c(api, "v1", "p1", {1, std::chrono::milliseconds(1), std::chrono::milliseconds(1), 0, [](auto) {}});
  rolec::plan::plan p;
  p.changes = {make(action::create, rolec::access::kind::permission, "p2"), make(action::create, rolec::access::kind::role, "r1")};
  const auto report = rolec::apply::run(p, c, 1, nullptr);
  CHECK_FALSE(report.ok());
  REQUIRE(report.results.size() == 1);
  CHECK(report.results[0].error.find("exists, but not as sent") != std::string::npos);
  CHECK(report.not_started == 1);
  CHECK(api.roles.empty());
}

TEST_CASE("apply reports the changes of a phase in plan order, whichever finishes first", "[apply]") {
  // The first change is answered last: its requests wait while the others go through.
  struct slow_for : rolec::access::transport {
    rolec::test::fake_api& inner;
    std::string slow;
    std::mutex lock;
    std::vector<std::string> answered;  // the role each answer was for, in the order given
    slow_for(rolec::test::fake_api& api, std::string name) : inner(api), slow(std::move(name)) {}
    rolec::access::http_response send(const rolec::access::http_request& request) override {
      const bool is_slow = request.body.find("\"" + slow + "\"") != std::string::npos;
      if (is_slow) std::this_thread::sleep_for(std::chrono::milliseconds(200));
      auto answer = inner.send(request);
      const std::lock_guard guard(lock);
      answered.push_back(nlohmann::json::parse(request.body).value("name", ""));
      return answer;
    }
  };
  rolec::test::fake_api api;
  slow_for transport(api, "r1");
  rolec::access::client c(transport, "v1", "p1", {1, std::chrono::milliseconds(1), std::chrono::milliseconds(1), 0, [](auto) {}});
  rolec::plan::plan p;
  p.changes = {make(action::create, rolec::access::kind::role, "r1"), make(action::create, rolec::access::kind::role, "r2"),
               make(action::create, rolec::access::kind::role, "r3")};
  std::vector<std::string> seen;
  const auto report = rolec::apply::run(p, c, 3, [&](const rolec::apply::change_result& r) { seen.push_back(r.change->name); });
  CHECK(report.ok());
  CHECK(seen == std::vector<std::string>{"r1", "r2", "r3"});
  // r1 really was done last.
  REQUIRE(transport.answered.size() == 3);
  CHECK(transport.answered.back() == "r1");
}
