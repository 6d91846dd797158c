// Stage analyze: the three-valued corners of GROQ, decided for every document at once. Each case
// names two filters (or grants) and what the comparison must find; a witness is checked to be
// one by the analysis itself (with the evaluator), and here for the shape the case expects.

#include <catch2/catch.hpp>

#include <memory>

#include "analyze/compare.hpp"
#include "diag/source.hpp"
#include "policy/load.hpp"
#include "resolve/resolve.hpp"
#include "schemas/catalog.hpp"

namespace {

using rolec::analyze::verdict;

struct policy_text {
  rolec::diag::source_manager sources;
  rolec::policy::load_result loaded;
  rolec::resolve::resolved_policy resolved;
};

// A policy with one custom role `r` holding `grant` (a TOML inline table naming permission `p`).
std::unique_ptr<policy_text> policy_of(const std::string& filter, const std::string& grant = R"({ permission = "p", actions = ["read"] })",
                                       const std::string& role_extra = "") {
  auto out = std::make_unique<policy_text>();
  const std::string toml = "[permissions.p]\ntitle = \"P\"\nfilter = '''" + filter + "'''\n\n[roles.r]\ntitle = \"R\"\n" +
                           role_extra + "grants = [" + grant + "]\n";
  out->loaded = rolec::policy::load_texts({{"policy.toml", toml}}, out->sources);
  REQUIRE(out->loaded.errors.empty());
  out->resolved = rolec::resolve::resolve(out->loaded.merged, rolec::schemas::builtin());
  return out;
}

// The comparison of role `r` for `action` between two policies.
rolec::analyze::change compare(const policy_text& before, const policy_text& after, const std::string& action = "read") {
  const rolec::analyze::report r =
      rolec::analyze::compare({&before.resolved, std::nullopt, {}}, {&after.resolved, std::nullopt, {}}, {{"r"}, {action}});
  REQUIRE(r.error.empty());
  REQUIRE(r.changes.size() == 1);
  return r.changes.front();
}

rolec::analyze::change compare_filters(const std::string& before, const std::string& after, const std::string& action = "read") {
  return compare(*policy_of(before), *policy_of(after), action);
}

const nlohmann::json& widened_document(const rolec::analyze::change& c) {
  REQUIRE(c.widened);
  return c.widened->documents.front();
}

}  // namespace

TEST_CASE("a negated comparison is not true where its operand is missing", "[analyze]") {
  // `!(priority > 5)` is null, not true, without a number: the same documents as `priority <= 5`.
  CHECK(compare_filters("!(priority > 5)", "priority <= 5").result == verdict::unchanged);
  // Adding the missing case widens, and the witness is a document without a number there.
  const auto c = compare_filters("!(priority > 5)", "!defined(priority) || priority <= 5");
  CHECK(c.result == verdict::widens);
  const nlohmann::json& d = widened_document(c);
  CHECK((!d.contains("priority") || d["priority"].is_null()));
}

TEST_CASE("non-boolean operands make a filter null, which grants nothing", "[analyze]") {
  CHECK(compare_filters(R"("yes" && true)", "false").result == verdict::unchanged);
  CHECK(compare_filters(R"(priority > 5 && "yes")", "false").result == verdict::unchanged);
  CHECK(compare_filters("!1", "false").result == verdict::unchanged);
  // `title || true` is true whatever title is.
  CHECK(compare_filters("title || true", "true").result == verdict::unchanged);
  // A field alone is a filter that holds where the field is the boolean true.
  const auto c = compare_filters("title", "false");
  CHECK(c.result == verdict::narrows);
  REQUIRE(c.narrowed);
  CHECK(c.narrowed->documents.front()["title"] == true);
}

TEST_CASE("null and missing fields are the same, and equal to null", "[analyze]") {
  CHECK(compare_filters("author == null", "!defined(author)").result == verdict::unchanged);
  CHECK(compare_filters("author != null", "defined(author)").result == verdict::unchanged);
}

TEST_CASE("a conjunct more narrows, with a witness the new filter refuses", "[analyze]") {
  const auto c = compare_filters(R"(_type == "post")", R"(_type == "post" && defined(title))");
  CHECK(c.result == verdict::narrows);
  REQUIRE(c.narrowed);
  CHECK(c.narrowed->documents.front()["_type"] == "post");
}

TEST_CASE("membership in arrays, with and without a match", "[analyze]") {
  const auto c = compare_filters(R"("a" in tags)", R"("a" in tags || "b" in tags)");
  CHECK(c.result == verdict::widens);
  const nlohmann::json& d = widened_document(c);
  REQUIRE(d["tags"].is_array());
  CHECK(std::find(d["tags"].begin(), d["tags"].end(), "b") != d["tags"].end());
  CHECK(std::find(d["tags"].begin(), d["tags"].end(), "a") == d["tags"].end());
  // Membership in something that is not an array is null: `!("a" in tags)` needs an array.
  CHECK(compare_filters(R"(!("a" in tags))", R"(tags == null)").result == verdict::both);
}

TEST_CASE("the user against a reference and against a list of editors", "[analyze]") {
  const auto c = compare_filters("identity() == author._ref", "identity() in editors[]._ref");
  CHECK(c.result == verdict::both);
  const nlohmann::json& d = widened_document(c);
  const std::string who = c.widened->who.identity;
  bool listed = false;
  for (const auto& e : d["editors"]) listed = listed || (e.is_object() && e.value("_ref", "") == who);
  CHECK(listed);
}

TEST_CASE("drafts and release versions: ids have the forms Sanity gives them", "[analyze]") {
  // `drafts.` alone is no document id, so the two tests agree on every real one.
  CHECK(compare_filters(R"(_id in path("drafts.**"))", R"(string::startsWith(_id, "drafts."))").result == verdict::unchanged);
  const auto c = compare_filters(R"(sanity::versionOf("x"))", R"(_id in ["x", "drafts.x"])");
  CHECK(c.result == verdict::narrows);
  REQUIRE(c.narrowed);
  const std::string id = c.narrowed->documents.front()["_id"];
  CHECK(id.starts_with("versions."));
  CHECK(id.ends_with(".x"));
  CHECK(compare_filters(R"(sanity::partOfRelease("r1"))", R"(_id in path("versions.r1.**"))").result == verdict::unchanged);
}

TEST_CASE("dates against fixed instants and now()", "[analyze]") {
  const auto c = compare_filters(R"(dateTime(publishedAt) < dateTime("2030-01-01T00:00:00Z"))",
                                 R"(dateTime(publishedAt) < dateTime("2025-01-01T00:00:00Z"))");
  CHECK(c.result == verdict::narrows);
  REQUIRE(c.narrowed);
  const std::string at = c.narrowed->documents.front()["publishedAt"];
  CHECK(at >= "2025-01-01");
  CHECK(at < "2030-01-01");
  const auto n = compare_filters("defined(publishedAt)", "dateTime(publishedAt) < dateTime(now())");
  CHECK(n.result == verdict::narrows);
}

TEST_CASE("what is outside the fragment is unknown, never unchanged", "[analyze]") {
  const auto c = compare_filters("count(editors) > 0", "count(editors) > 1");
  CHECK(c.result == verdict::unknown);
  CHECK(c.reason.find("count()") != std::string::npos);
}

TEST_CASE("grants: actions, audiences and datasets", "[analyze]") {
  const auto read = policy_of(R"(_type == "post")");
  const auto read_update = policy_of(R"(_type == "post")", R"({ permission = "p", actions = ["read", "update"] })");
  CHECK(compare(*read, *read_update, "read").result == verdict::unchanged);
  CHECK(compare(*read, *read_update, "update").result == verdict::widens);
  // Robots lose the role.
  const auto users_only = policy_of(R"(_type == "post")", R"({ permission = "p", actions = ["read"] })", "applies_to_robots = false\n");
  const auto c = compare(*read, *users_only);
  CHECK(c.result == verdict::narrows);
  REQUIRE(c.narrowed);
  CHECK(c.narrowed->who.robot);
  // A grant held to one dataset.
  const auto production = policy_of(R"(_type == "post")", R"({ permission = "p", actions = ["read"], params = { dataset = "production" } })");
  const auto d = compare(*read, *production);
  CHECK(d.result == verdict::narrows);
  REQUIRE(d.narrowed);
  REQUIRE(d.narrowed->who.dataset);
  CHECK(*d.narrowed->who.dataset != "production");
}

TEST_CASE("operations decide the forms of a document together", "[analyze]") {
  // Publishing needs `update` of the draft and `create` of the published document: a role that
  // may write drafts only cannot publish.
  const auto drafts = policy_of(R"(_id in path("drafts.**"))", R"({ permission = "p", actions = ["read", "create", "update"] })");
  const auto all = policy_of(R"(_type == "post")", R"({ permission = "p", actions = ["read", "create", "update"] })");
  const auto c = compare(*drafts, *all, "publish");
  // And the other way: a draft of a draft (`drafts.drafts.x`, whose "published" copy is the draft
  // `drafts.x`) was publishable under the drafts-only filter, whatever its type.
  CHECK(c.result == verdict::both);
  REQUIRE(c.widened);
  CHECK(!c.widened->documents.empty());
  REQUIRE(c.narrowed);
  CHECK(c.narrowed->documents.front()["_id"].get<std::string>().starts_with("drafts.drafts."));
  // Deleting only a draft that is not a post was allowed and is no longer.
  const auto d = compare(*drafts, *all, "delete");
  CHECK(d.result == verdict::both);
  REQUIRE(d.narrowed);
  REQUIRE(d.narrowed->documents.size() == 1);
  CHECK(d.narrowed->documents.front()["_id"].get<std::string>().starts_with("drafts."));
}

TEST_CASE("containment proofs hold only where GROQ says so", "[analyze]") {
  // `x == ["a"]` is false for every string and `x in "a"` is null: neither is `x == "a"`.
  CHECK(compare_filters(R"(_type == "a")", R"(_type == ["a"])").result == verdict::narrows);
  CHECK(compare_filters(R"(_type in ["a"])", R"(_type in "a")").result == verdict::narrows);
  CHECK(compare_filters(R"(_type == "a")", R"(_type in ["a", "b"])").result == verdict::widens);
  // Thresholds: a number above 5 is above 2.5; one at least 5 is above 4.
  CHECK(compare_filters("priority > 5", "priority > 2.5").result == verdict::widens);
  CHECK(compare_filters("priority >= 5", "priority > 5").result == verdict::narrows);
  CHECK(compare_filters("priority < 1", "priority <= 1").result == verdict::widens);
  // Release versions of `x` are versions of `x`; `versions..x` (a release of no name) is one too.
  const auto c = compare_filters(R"(sanity::versionOf("x"))", R"(_id in ["x", "drafts.x"] || _id in path("versions.*.x"))");
  CHECK(c.result == verdict::narrows);
  REQUIRE(c.narrowed);
  CHECK(c.narrowed->documents.front()["_id"] == "versions..x");
}

TEST_CASE("texts that print alike but mean different things are told apart", "[analyze]") {
  // Each pair once passed for unchanged; the evaluator tells them apart on the document shown.
  const auto differs = [](const std::string& before, const std::string& after) {
    const auto c = compare_filters(before, after);
    INFO(before << " -> " << after << ": " << rolec::analyze::name_of(c.result) << " " << c.reason);
    CHECK(c.result != verdict::unchanged);
  };
  differs("!(x in [true])", "!x in [true]");           // `!` binds tighter than `in`
  differs("!(priority > 5)", "!priority > 5");
  differs("!((x != y) == true)", "!(x == (y != true))");
  differs(R"("x" in a[].b)", R"("x" in (a[]).b)");    // `.b` of each element, or of the array
  differs(R"(a.b == "v")", R"(@["a.b"] == "v")");      // a field inside `a`, or one named `a.b`
  differs(R"(x < 1e999 && identity() == "u")", R"(x < 2000 && identity() == "u")");  // 1e999 is null
  differs(R"(path("a.b") in path("a.*") && identity() == "zzz")", "false");
}
