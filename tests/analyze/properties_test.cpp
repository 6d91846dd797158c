// Stage analyze: properties, claims about every document and principal at once. Each case holds
// a policy and a claim, and what the prover must answer; a counterexample is checked for the
// shape the case expects (the prover has already decided it again with the evaluator).

#include <catch2/catch.hpp>

#include <memory>

#include "analyze/properties.hpp"
#include "diag/source.hpp"
#include "policy/load.hpp"
#include "resolve/resolve.hpp"
#include "schemas/catalog.hpp"

namespace {

using rolec::analyze::outcome;

struct policy_text {
  rolec::diag::source_manager sources;
  rolec::policy::load_result loaded;
  rolec::resolve::resolved_policy resolved;
  rolec::resolve::filter_set wheres;
};

std::unique_ptr<policy_text> load(const std::string& toml) {
  auto out = std::make_unique<policy_text>();
  out->loaded = rolec::policy::load_texts({{"policy.toml", toml}}, out->sources);
  REQUIRE(out->loaded.errors.empty());
  out->resolved = rolec::resolve::resolve(out->loaded.merged, rolec::schemas::builtin());
  return out;
}

// Two roles: `posts` reads and writes posts, `pages` reads pages and applies to users only.
const std::string two_roles = R"(
[permissions.posts]
title = "Posts"
filter = '_type == "post" && !(priority > 5)'

[permissions.pages]
title = "Pages"
filter = '_type == "page"'

[roles.posts]
title = "Posts"
grants = [{ permission = "posts", actions = ["read", "create", "update"] }]

[roles.pages]
title = "Pages"
applies_to_robots = false
grants = [{ permission = "pages", actions = ["read"] }]
)";

rolec::analyze::finding prove(policy_text& p, std::vector<std::string> roles, const std::string& action, bool allow,
                              const std::string& where = "", std::optional<bool> robot = std::nullopt) {
  const rolec::groq::parse_result* parsed = nullptr;
  if (!where.empty()) parsed = &p.wheres.intern(where).parsed();
  const rolec::analyze::side s{&p.resolved, std::nullopt, {}};
  std::string error;
  rolec::analyze::prover prover(s, {}, error);
  REQUIRE(error.empty());
  return prover.prove({std::move(roles), action, allow, parsed, robot});
}

}  // namespace

TEST_CASE("a denial is proved where no grant's filter can be true", "[analyze][properties]") {
  auto p = load(two_roles);
  CHECK(prove(*p, {"posts"}, "read", false, R"(_type == "settings")").result == outcome::proved);
  CHECK(prove(*p, {"posts"}, "update", false, R"(_type == "page")").result == outcome::proved);
  // Without `where`, every document: `posts` reads some.
  const auto f = prove(*p, {"posts"}, "read", false);
  REQUIRE(f.result == outcome::refuted);
  CHECK(f.counterexample->documents.front()["_type"] == "post");
  REQUIRE(f.counterexample->because.size() == 1);
  CHECK(f.counterexample->because.front().permission == "posts");
}

TEST_CASE("an allowance fails where a negated comparison is not true: a missing field", "[analyze][properties]") {
  auto p = load(two_roles);
  // `!(priority > 5)` is null where priority is missing or not a number: not every post is read.
  const auto f = prove(*p, {"posts"}, "read", true, R"(_type == "post")");
  REQUIRE(f.result == outcome::refuted);
  const nlohmann::json& d = f.counterexample->documents.front();
  CHECK(d["_type"] == "post");
  CHECK_FALSE((d.contains("priority") && d["priority"].is_number() && d["priority"].get<double>() <= 5));
  CHECK(f.counterexample->because.empty());
  // Said of the posts it covers, it holds.
  CHECK(prove(*p, {"posts"}, "read", true, R"(_type == "post" && priority <= 5)").result == outcome::proved);
}

TEST_CASE("roles held together allow what either allows", "[analyze][properties]") {
  auto p = load(two_roles);
  const std::string where = R"(_type in ["post", "page"] && priority == 1)";
  CHECK(prove(*p, {"posts"}, "read", true, where).result == outcome::refuted);
  // A robot holds `pages` in vain (it applies to users only): for robots the pages are not read.
  CHECK(prove(*p, {"posts", "pages"}, "read", true, where, false).result == outcome::proved);
  const auto robots = prove(*p, {"posts", "pages"}, "read", true, where, true);
  REQUIRE(robots.result == outcome::refuted);
  CHECK(robots.counterexample->who.robot);
  CHECK(robots.counterexample->documents.front()["_type"] == "page");
}

TEST_CASE("the kind of principal limits a claim", "[analyze][properties]") {
  auto p = load(two_roles);
  CHECK(prove(*p, {"pages"}, "read", false, "", true).result == outcome::proved);
  const auto users = prove(*p, {"pages"}, "read", false, "", false);
  REQUIRE(users.result == outcome::refuted);
  CHECK_FALSE(users.counterexample->who.robot);
}

TEST_CASE("operations are claimed of every form a document has", "[analyze][properties]") {
  auto p = load(two_roles);
  // `posts` writes posts with a low priority: it deletes one, draft and published form alike.
  const auto f = prove(*p, {"posts"}, "delete", false, R"(_type == "post")");
  REQUIRE(f.result == outcome::refuted);
  for (const nlohmann::json& form : f.counterexample->documents) CHECK(form["_type"] == "post");
  // It never publishes a page.
  CHECK(prove(*p, {"posts", "pages"}, "publish", false, R"(_type == "page")").result == outcome::proved);
}

TEST_CASE("identity() is any user's id", "[analyze][properties]") {
  auto p = load(R"(
[permissions.own]
title = "Own"
filter = 'author._ref == identity()'

[roles.author]
title = "Author"
grants = [{ permission = "own", actions = ["read", "update"] }]
)");
  // `!=` is true where author is missing (null != "user-1"), and the role reads none of those.
  CHECK(prove(*p, {"author"}, "update", false, "author._ref != identity()").result == outcome::proved);
  CHECK(prove(*p, {"author"}, "update", true, "author._ref == identity()").result == outcome::proved);
  const auto f = prove(*p, {"author"}, "update", true, "defined(author._ref)");
  REQUIRE(f.result == outcome::refuted);
  CHECK(f.counterexample->documents.front()["author"]["_ref"] != f.counterexample->who.identity);
}

TEST_CASE("a claim outside the fragment is unknown, with the construct named", "[analyze][properties]") {
  auto p = load(two_roles);
  const auto f = prove(*p, {"posts"}, "read", false, R"(_type == "settings" && count(tags) > 2)");
  CHECK(f.result == outcome::unknown);
  CHECK_THAT(f.reason, Catch::Contains("count"));
}
