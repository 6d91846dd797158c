// Stage `audit`: counting documents per role, action, `_type` and kind of id, merging the counts of
// several workers, and the report's order and forms.

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "audit/audit.hpp"
#include "audit/operations.hpp"
#include "audit/render.hpp"
#include "eval/json.hpp"
#include "support/compiled.hpp"

namespace {

using namespace rolec;
using decide::id_kind;

constexpr audit::action_mask can_read = 1 << 0;
constexpr audit::action_mask can_create = 1 << 1;
constexpr audit::action_mask can_update = 1 << 2;

audit::by_kind kinds(std::uint64_t published, std::uint64_t drafts, std::uint64_t versions) {
  return {published, drafts, versions};
}

const audit::action_count& action_of(const audit::report& r, std::size_t role, decide::action a) {
  return r.roles.at(role).actions.at(static_cast<std::size_t>(a));
}

// A small dataset for two roles, counted in one tally.
audit::tally sample() {
  audit::tally t(2);
  const std::vector<audit::action_mask> reader_only{can_read, 0};
  const std::vector<audit::action_mask> both{can_read | can_update, can_read | can_create | can_update};
  t.add("post", id_kind::published, both);
  t.add("post", id_kind::draft, both);
  t.add("post", id_kind::version, reader_only);
  t.add("author", id_kind::published, reader_only);
  t.add("", id_kind::published, std::vector<audit::action_mask>{0, 0});
  return t;
}

// Two permissions of posts: a user's own, and their team's (a mode permission).
const std::string team_permissions = R"toml(
[permissions.own-posts]
title = "Own posts"
filter = '_type == "post" && author._ref == identity()'

[permissions.team-posts]
title = "Team posts"
type = "sanity.document.filter.mode"
filter = '_type == "post" && team == user::attributes().team'
)toml";

// The decision model of `policy` for user `u1` of team `red`.
std::unique_ptr<decide::model> model_for_red_u1(const test::compiled_policy& policy) {
  std::string error;
  decide::context ctx;
  ctx.identity = "u1";
  ctx.attributes = nlohmann::json{{"team", "red"}};
  auto model = decide::model::make(policy.linted.resolved, policy.compiled->project_id, ctx, error);
  INFO(error);
  REQUIRE(model);
  return model;
}

}  // namespace

TEST_CASE("a tally counts documents per type and kind, and what each role reaches", "[audit]") {
  const audit::tally t = sample();
  REQUIRE(t.types().size() == 3);
  CHECK(t.types()[0] == "post");
  CHECK(t.documents(0) == kinds(1, 1, 1));
  CHECK(t.documents(1) == kinds(1, 0, 0));
  CHECK(t.documents(2) == kinds(1, 0, 0));
  // role 0, read: every post and the author
  CHECK(t.reached(0, 0, 0) == kinds(1, 1, 1));
  CHECK(t.reached(1, 0, 0) == kinds(1, 0, 0));
  // role 0, update: the published post and its draft; role 1, create: the same
  CHECK(t.reached(0, 0, 2) == kinds(1, 1, 0));
  CHECK(t.reached(0, 1, 1) == kinds(1, 1, 0));
  // nobody manages anything
  CHECK(t.reached(0, 0, 3) == kinds(0, 0, 0));
  CHECK(t.reached(2, 1, 0) == kinds(0, 0, 0));
}

TEST_CASE("merged tallies give what one tally of every document gives", "[audit]") {
  audit::tally first(1), second(1), whole(1);
  const std::vector<audit::action_mask> reads{can_read};
  const std::vector<audit::action_mask> none{0};
  for (int i = 0; i < 10; ++i) {
    const std::string type = i % 3 == 0 ? "post" : (i % 3 == 1 ? "page" : "tag");
    const id_kind kind = i % 4 == 0 ? id_kind::draft : id_kind::published;
    const auto& mask = i % 2 == 0 ? reads : none;
    (i < 5 ? first : second).add(type, kind, mask);
    whole.add(type, kind, mask);
  }
  audit::tally merged(1);
  merged.merge(second);  // types first seen in another order
  merged.merge(first);
  const std::vector<std::string> names{"r"};
  const audit::report a = audit::summarize(merged, names);
  const audit::report b = audit::summarize(whole, names);
  CHECK(audit::render_json(a) == audit::render_json(b));
  CHECK(a.documents == kinds(7, 3, 0));
  CHECK(action_of(a, 0, decide::action::read).reached == kinds(2, 3, 0));
}

TEST_CASE("a report orders types by name and lists only the types an action reaches", "[audit]") {
  const std::vector<std::string> names{"reader", "writer"};
  const audit::report r = audit::summarize(sample(), names);
  CHECK(r.documents == kinds(3, 1, 1));
  REQUIRE(r.by_type.size() == 3);
  CHECK(r.by_type[0].first.empty());
  CHECK(r.by_type[1].first == "author");
  CHECK(r.by_type[2].first == "post");
  REQUIRE(r.roles.size() == 2);
  CHECK(r.roles[1].role == "writer");
  REQUIRE(r.roles[0].actions.size() == 6);
  const audit::action_count& reads = action_of(r, 0, decide::action::read);
  CHECK(reads.reached == kinds(2, 1, 1));
  REQUIRE(reads.by_type.size() == 2);
  CHECK(reads.by_type[0] == std::pair<std::string, audit::by_kind>{"author", kinds(1, 0, 0)});
  CHECK(reads.by_type[1] == std::pair<std::string, audit::by_kind>{"post", kinds(1, 1, 1)});
  CHECK(action_of(r, 1, decide::action::create).reached == kinds(1, 1, 0));
  CHECK(action_of(r, 1, decide::action::manage).by_type.empty());
}

TEST_CASE("the JSON form has the documented shape", "[audit]") {
  const std::vector<std::string> names{"reader", "writer"};
  const auto j = nlohmann::json::parse(audit::render_json(audit::summarize(sample(), names)));
  CHECK(j["format_version"] == "1");
  CHECK(j["documents"] == 5);
  CHECK(j["by_kind"] == nlohmann::json{{"published", 3}, {"drafts", 1}, {"versions", 1}});
  CHECK(j["by_type"] == nlohmann::json{{"", 1}, {"author", 1}, {"post", 3}});
  REQUIRE(j["roles"].size() == 2);
  const auto& update = j["roles"][1]["actions"][2];
  CHECK(update == nlohmann::json{{"action", "update"}, {"documents", 2}, {"published", 1}, {"drafts", 1}, {"versions", 0},
                                 {"by_type", {{"post", 2}}}});
  CHECK(j["roles"][0]["actions"][5]["action"] == "editHistory");
}

TEST_CASE("the CSV form has a row for every role, action and type, and quotes what needs it", "[audit]") {
  audit::tally t(1);
  t.add("a,b", id_kind::published, std::vector<audit::action_mask>{can_read});
  t.add("plain", id_kind::draft, std::vector<audit::action_mask>{0});
  const std::vector<std::string> names{"say \"hi\""};
  const std::string csv = audit::render_csv(audit::summarize(t, names));
  CHECK(csv.rfind("role,action,type,documents,published,drafts,versions\n"
                  "\"say \"\"hi\"\"\",read,\"a,b\",1,1,0,0\n"
                  "\"say \"\"hi\"\"\",read,plain,0,0,0,0\n"
                  "\"say \"\"hi\"\"\",create,\"a,b\",0,0,0,0\n",
                  0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 6 * 2);
}

TEST_CASE("a counter decides every role and action on each document", "[audit]") {
  const auto policy = test::compile_policy("audit.toml", team_permissions + R"toml(
[roles.writer]
title = "Writer"
grants = [{ permission = "own-posts", actions = ["read", "update"] }]

[roles.lead]
title = "Lead"
grants = [{ permission = "team-posts", mode = "create" }]
)toml");
  std::string error;
  const auto model = model_for_red_u1(*policy);
  std::vector<const decide::role*> roles{model->find_role("writer"), model->find_role("lead")};
  audit::counter counter(*model, roles);
  for (const char* text : {
           R"({"_id": "p1", "_type": "post", "author": {"_ref": "u1"}, "team": "red"})",
           R"({"_id": "drafts.p1", "_type": "post", "author": {"_ref": "u1"}, "team": "red"})",
           R"({"_id": "p2", "_type": "post", "author": {"_ref": "u2"}, "team": "red"})",
           R"({"_id": "versions.r1.p3", "_type": "post", "author": {"_ref": "u2"}, "team": "blue"})",
           R"({"_id": "a1", "_type": "author"})",
       }) {
    eval::json_document doc;
    REQUIRE(doc.parse(text, error));
    util::arena arena;
    counter.add(doc.root(), arena);
  }
  const std::vector<std::string> names{"writer", "lead"};
  const audit::report r = audit::summarize(counter.counts(), names);
  CHECK(r.documents == kinds(3, 1, 1));
  CHECK(action_of(r, 0, decide::action::read).reached == kinds(1, 1, 0));
  CHECK(action_of(r, 0, decide::action::update).reached == kinds(1, 1, 0));
  CHECK(action_of(r, 0, decide::action::create).reached == kinds(0, 0, 0));
  // mode = "create": reads the team's posts of every kind, writes only drafts and versions
  CHECK(action_of(r, 1, decide::action::read).reached == kinds(2, 1, 0));
  CHECK(action_of(r, 1, decide::action::create).reached == kinds(0, 1, 0));
  CHECK(action_of(r, 1, decide::action::update).reached == kinds(0, 1, 0));
}

TEST_CASE("operation counts agree with explain's decisions on each document's forms", "[audit][operations]") {
  const auto policy = test::compile_policy("audit-ops.toml", team_permissions + R"toml(
[permissions.pinned]
title = "Pinned ids"
filter = '_id in ["p1", "drafts.p1", "p2"]'

[roles.writer]
title = "Writer"
grants = [{ permission = "own-posts", actions = ["read", "update", "create"] }]

[roles.lead]
title = "Lead"
grants = [{ permission = "team-posts", mode = "create" }]

[roles.editor-of-pinned]
title = "Pinned"
grants = [{ permission = "pinned", actions = ["read", "update", "create"] }]

[roles.publisher]
title = "Publisher"
grants = [{ permission = "team-posts", mode = "publish" }]
)toml");
  std::string error;
  const auto model = model_for_red_u1(*policy);
  const std::vector<std::string> names{"writer", "lead", "editor-of-pinned", "publisher"};
  std::vector<const decide::role*> roles;
  for (const std::string& n : names) roles.push_back(model->find_role(n));

  // Random documents, each form of each given to one of two workers, as audit's threads do.
  std::mt19937 rng(20261207);
  const auto pick = [&](std::vector<std::string> from) { return from[rng() % from.size()]; };
  std::vector<audit::pair_counter> workers;
  workers.emplace_back(*model, roles);
  workers.emplace_back(*model, roles);
  std::vector<decide::document_forms> expected;
  for (int i = 0; i < 30; ++i) {
    const std::string id = fmt::format("p{}", i);
    decide::document_forms forms;
    forms.id = id;
    const int which = 1 + static_cast<int>(rng() % 3);  // 1 published, 2 draft, 3 both
    for (const int bit : {1, 2}) {
      if ((which & bit) == 0) continue;
      nlohmann::json d{{"_id", bit == 1 ? id : "drafts." + id}, {"_type", pick({"post", "page"})},
                       {"author", {{"_ref", pick({"u1", "u2"})}}}, {"team", pick({"red", "blue"})}};
      (bit == 1 ? forms.published : forms.draft) = d;
      eval::json_document doc;
      REQUIRE(doc.parse(d.dump(), error));
      util::arena arena;
      workers[rng() % 2].add(doc.root(), arena);
    }
    expected.push_back(std::move(forms));
  }
  workers[0].merge(std::move(workers[1]));
  const audit::operations_report r = workers[0].summarize();
  REQUIRE(r.documents == expected.size());
  REQUIRE(r.roles.size() == names.size());
  std::size_t allowed_somewhere = 0;
  for (std::size_t role = 0; role < names.size(); ++role) {
    for (const audit::operation_count& op : r.roles[role].operations) {
      std::uint64_t applicable = 0, allowed = 0;
      for (const decide::document_forms& f : expected) {
        const bool applies = op.what == decide::operation::publish || op.what == decide::operation::discard_draft
                                 ? f.draft.has_value()
                                 : op.what == decide::operation::unpublish ? f.published.has_value() : true;
        if (!applies) continue;
        ++applicable;
        util::arena arena;
        allowed += decide::allowed(*model, {names[role]}, decide::checks_of(decide::name_of(op.what), f, false), arena);
      }
      INFO(names[role] << " " << decide::name_of(op.what));
      CHECK(op.applicable == applicable);
      CHECK(op.allowed == allowed);
      allowed_somewhere += op.allowed;
    }
  }
  CHECK(allowed_somewhere > 0);
}
