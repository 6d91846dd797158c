// The command-line contract of `rolec audit`: exit codes, the line of input that is not JSON,
// role choice and the three formats.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/run.hpp"

using rolec::test::run_shell;
using rolec::test::temp_file;

namespace {

const std::string policy = R"toml(
[permissions.own-posts]
title = "Own posts"
filter = '_type == "post" && author._ref == identity()'

[roles.writer]
title = "Writer"
applies_to_robots = false
grants = [{ permission = "own-posts", actions = ["read", "update"] }]
)toml";

const std::string documents =
    "{\"_id\": \"p1\", \"_type\": \"post\", \"author\": {\"_ref\": \"u1\"}}\n"
    "{\"_id\": \"drafts.p1\", \"_type\": \"post\", \"author\": {\"_ref\": \"u1\"}}\n"
    "\n"
    "{\"_id\": \"p2\", \"_type\": \"post\", \"author\": {\"_ref\": \"u2\"}}\n"
    "{\"_id\": \"versions.r.p3\", \"_type\": \"post\", \"author\": {\"_ref\": \"u1\"}}\n"
    "{\"_id\": \"a1\", \"_type\": \"author\"}\n";

const std::string& policy_file() {
  static const std::string file = temp_file("audit-policy.toml", policy);
  return file;
}

const std::string& documents_file() {
  static const std::string file = temp_file("audit-docs.ndjson", documents);
  return file;
}

// `rolec audit` of the policy above over the documents above, with more arguments.
rolec::test::run_result audit(const std::string& arguments) {
  return run_shell("rolec audit " + policy_file() + " --documents " + documents_file() + " " + arguments);
}

}  // namespace

TEST_CASE("audit counts what each custom role reaches, per action", "[cli][audit]") {
  const auto r = audit("--identity u1 --format json");
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());  // no progress line when standard error is not a terminal
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["documents"] == 5);
  CHECK(j["by_kind"] == nlohmann::json{{"published", 3}, {"drafts", 1}, {"versions", 1}});
  REQUIRE(j["roles"].size() == 1);
  CHECK(j["roles"][0]["role"] == "writer");
  const auto& read = j["roles"][0]["actions"][0];
  CHECK(read == nlohmann::json{{"action", "read"}, {"documents", 3}, {"published", 1}, {"drafts", 1}, {"versions", 1},
                               {"by_type", {{"post", 3}}}});
  CHECK(j["roles"][0]["actions"][1]["documents"] == 0);  // create
}

TEST_CASE("audit --role chooses roles, built-in ones included, and refuses unknown ones", "[cli][audit]") {
  const auto two = audit("--role viewer --role writer --format json");
  REQUIRE(two.status == 0);
  const auto j = nlohmann::json::parse(two.out);
  REQUIRE(j["roles"].size() == 2);
  CHECK(j["roles"][0]["role"] == "viewer");
  CHECK(j["roles"][0]["actions"][0]["documents"] == 5);
  CHECK(j["roles"][1]["role"] == "writer");
  const auto unknown = audit("--role writr");
  CHECK(unknown.status == 3);
  CHECK(unknown.err.find("did you mean `writer`?") != std::string::npos);
}

TEST_CASE("audit as a robot: roles for users only reach nothing", "[cli][audit]") {
  const auto r = audit("--identity u1 --robot");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("writer (does not apply to robots)") != std::string::npos);
  const auto csv = audit("--identity u1 --robot --format csv");
  CHECK(csv.out.find("writer,read,post,0,0,0,0\n") != std::string::npos);
}

TEST_CASE("audit prints a table per role, or CSV rows", "[cli][audit]") {
  const auto human = audit("--identity u1");
  REQUIRE(human.status == 0);
  CHECK(human.out.find(": 5 documents (3 published, 1 draft, 1 release version)\n") != std::string::npos);
  CHECK(human.out.find("  action       documents  published  drafts  versions  types\n"
                       "  read                 3          1       1         1  post 3\n") != std::string::npos);
  const auto csv = audit("--identity u1 --format csv");
  REQUIRE(csv.status == 0);
  CHECK(csv.out.rfind("role,action,type,documents,published,drafts,versions\n"
                      "writer,read,author,0,0,0,0\n"
                      "writer,read,post,3,1,1,1\n",
                      0) == 0);
}

TEST_CASE("audit exits 3 when it cannot run, with the line that is not JSON", "[cli][audit]") {
  CHECK(run_shell("rolec audit " + policy_file()).status == 3);  // --documents is required
  CHECK(run_shell("rolec audit " + policy_file() + " --documents /nonexistent.ndjson").status == 3);
  CHECK(audit("--format yaml").status == 3);
  CHECK(audit("--attributes '[1]'").status == 3);
  CHECK(audit("--now yesterday").status == 3);
  const auto broken = temp_file("audit-broken.ndjson", documents + "{\"_id\": \"x\", \"_type\": }\n");
  const auto r = run_shell("rolec audit " + policy_file() + " --documents " + broken);
  CHECK(r.status == 3);
  CHECK(r.out.empty());
  CHECK(r.err.find("audit-broken.ndjson: line 7: ") != std::string::npos);
}

TEST_CASE("audit refuses a policy with errors, as build does", "[cli][audit]") {
  const auto bad = temp_file("audit-bad.toml", policy + R"toml(
[roles.other]
title = "Other"
grants = [{ permission = "nope", actions = ["read"] }]
)toml");
  const auto r = run_shell("rolec audit " + bad + " --documents " + documents_file());
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("error[") != std::string::npos);
}

TEST_CASE("audit reads standard input", "[cli][audit]") {
  const auto r = run_shell("rolec audit " + policy_file() + " --documents - --format json < " + documents_file());
  REQUIRE(r.status == 0);
  CHECK(nlohmann::json::parse(r.out)["documents"] == 5);
}
