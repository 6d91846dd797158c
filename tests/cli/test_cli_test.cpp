// The command-line contract of `rolec test`: exit codes, formats, and the inputs that stop it.
// What failing tests print is golden-tested (tests/golden/test-gallery).

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/run.hpp"

using rolec::test::run_shell;
using rolec::test::temp_file;

namespace {

const std::string roles = R"([permissions.own-posts]
title = "Posts the user wrote"
filter = '_type == "post" && author._ref == identity()'

[permissions.team-posts]
title = "Posts of the user's team"
filter = '_type == "post" && defined(user::attributes().team) && team == user::attributes().team'

[roles.writer]
title = "Writer"
applies_to_robots = false
grants = [
  { permission = "own-posts", actions = ["read", "update"] },
  { permission = "team-posts", actions = ["read"], params = { dataset = "production" } },
]

[roles.reader]
title = "Reader"
applies_to_users = false
grants = [{ permission = "sanity-all-documents", mode = "read" }]
)";

std::string policy_with(const std::string& tests) { return temp_file("policy.toml", roles + "\n" + tests); }

// Tests that pass, one for each part of the context a filter or a role sees.
const std::string context_tests = R"(
[[tests]]
name = "own posts & <drafts>"
role = "writer"
identity = "user-1"
document = { _id = "drafts.p1", _type = "post", author = { _ref = "user-1" } }
allow = ["read", "update"]
deny = ["create", "publish"]

[[tests]]
name = "team posts, in production only"
role = "writer"
attributes = { team = "news" }
dataset = "production"
document = { _id = "p2", _type = "post", team = "news" }
allow = ["read"]
deny = ["update"]

[[tests]]
name = "another dataset"
role = "writer"
attributes = { team = "news" }
dataset = "staging"
document = { _id = "p2", _type = "post", team = "news" }
deny = ["read"]

[[tests]]
name = "robots"
roles = ["reader", "writer"]
robot = true
identity = "user-1"
document = { _id = "p1", _type = "post", author = { _ref = "user-1" } }
allow = ["read"]
deny = ["update"]
)";

// `tests` with `allow` and `deny` swapped: every expectation wrong.
std::string flipped(std::string tests) {
  const auto replace_all = [&tests](std::string_view from, std::string_view to) {
    for (std::size_t at = 0; (at = tests.find(from, at)) != std::string::npos; at += to.size()) tests.replace(at, from.size(), to);
  };
  replace_all("\nallow = ", "\nx = ");
  replace_all("\ndeny = ", "\nallow = ");
  replace_all("\nx = ", "\ndeny = ");
  return tests;
}

}  // namespace

TEST_CASE("the tests of every example policy pass", "[cli][test]") {
  for (const char* example : {"blog", "multi-team", "agency", "legacy"}) {
    INFO(example);
    const auto r = run_shell(std::string("cd '") + ROLEC_SOURCE_DIR + "' && rolec test examples/" + example);
    CHECK(r.err.empty());
    CHECK(r.status == 0);
    CHECK(r.out.find("FAIL") == std::string::npos);
    CHECK(r.out.find(" 0 failed\n") != std::string::npos);
    // Each example carries a real set of tests, not one or two.
    const auto summary = nlohmann::json::parse(
        run_shell(std::string("rolec test --format json ") + ROLEC_SOURCE_DIR + "/examples/" + example).out)["summary"];
    CHECK(summary["tests"].get<int>() >= 6);
    CHECK(summary["failed"] == 0);
  }
}

TEST_CASE("identity, attributes, robot and dataset set what filters and roles see", "[cli][test]") {
  const auto r = run_shell("rolec test " + policy_with(context_tests));
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out == "PASS own posts & <drafts>\nPASS team posts, in production only\nPASS another dataset\nPASS robots\n"
                 "4 tests, 4 passed, 0 failed\n");
}

TEST_CASE("tests whose expectations are turned around fail, in every format", "[cli][test]") {
  const std::string file = temp_file("flipped.toml", roles + "\n" + flipped(context_tests));
  const auto human = run_shell("rolec test " + file);
  CHECK(human.status == 1);
  CHECK(human.out.rfind("FAIL own posts & <drafts>\n  " + file + ":29:10: `create` on `drafts.p1`: expected allow, got deny\n"
                        "    DENIED: `create` on draft `drafts.p1`", 0) == 0);
  CHECK(human.out.find("\nPASS") == std::string::npos);
  CHECK(human.out.substr(human.out.size() - 28) == "4 tests, 0 passed, 4 failed\n");

  const auto r = run_shell("rolec test --format json " + file);
  CHECK(r.status == 1);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["format_version"] == "1");
  REQUIRE(j["tests"].size() == 4);
  const auto& first = j["tests"][0];
  CHECK(first["name"] == "own posts & <drafts>");
  CHECK(first["file"] == file);
  CHECK(first["line"] == 23);
  CHECK(first["column"] == 1);
  CHECK(first["passed"] == false);
  CHECK(first["results"] == nlohmann::json::parse(R"([
    {"action": "create", "expected": "allow", "actual": "deny", "passed": false},
    {"action": "publish", "expected": "allow", "actual": "deny", "passed": false},
    {"action": "read", "expected": "deny", "actual": "allow", "passed": false},
    {"action": "update", "expected": "deny", "actual": "allow", "passed": false}])"));
  for (const auto& t : j["tests"]) {
    for (const auto& result : t["results"]) CHECK(result["passed"] == false);
  }
  CHECK(j["summary"] == nlohmann::json{{"tests", 4}, {"passed", 0}, {"failed", 4}, {"properties", 0}, {"proved", 0},
                                      {"refuted", 0}, {"unknown", 0}});

  const auto x = run_shell("rolec test --format junit " + file);
  CHECK(x.status == 1);
  CHECK(x.out.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"rolec test\" tests=\"4\" failures=\"4\"", 0) == 0);
  CHECK(x.out.find("<testcase name=\"own posts &amp; &lt;drafts&gt;\"") != std::string::npos);
  CHECK(x.out.find("<failure message=\"`create` on `drafts.p1`: expected allow, got deny; `publish` on `p1`: "
                   "expected allow, got deny; ") != std::string::npos);
  CHECK(x.out.find("</testsuites>\n") == x.out.size() - 14);
}

TEST_CASE("test reads document_file next to the policy file", "[cli][test]") {
  temp_file("post-7.json", R"({"_id": "drafts.p7", "_type": "post", "author": {"_ref": "user-7"}})");
  const std::string file = policy_with(R"(
[[tests]]
name = "from a file"
role = "writer"
identity = "user-7"
document_file = "post-7.json"
allow = ["read", "update"]
)");
  const auto r = run_shell("cd / && rolec test " + file);
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.out == "PASS from a file\n1 test, 1 passed, 0 failed\n");
}

TEST_CASE("test runs a policy with errors as it stands, shows the errors and exits 1", "[cli][test]") {
  SECTION("an error elsewhere: the tests run and pass, and the run still fails") {
    const auto r = run_shell("rolec test " + temp_file("broken.toml", roles + R"(
[roles.bad]
title = "Bad"
extends = ["nobody"]

[[tests]]
role = "writer"
identity = "user-1"
document = { _id = "drafts.p1", _type = "post", author = { _ref = "user-1" } }
allow = ["read", "update"]
)"));
    CHECK(r.status == 1);
    CHECK(r.out.find("1 test, 1 passed, 0 failed") != std::string::npos);
    CHECK(r.err.find("error[RC314]") != std::string::npos);
    CHECK(r.err.find("rolec: warning: the policy has 1 error: answered as it stands (a grant whose filter or permission is "
                     "broken allows nothing; other grants as written)") != std::string::npos);
  }
  SECTION("a filter that is not a permission filter allows nothing, and the failure says why") {
    const auto r = run_shell("rolec test " + temp_file("broken.toml", R"([permissions.joined]
title = "Posts of published authors"
filter = '_type == "post" && count(*[_type == "author"]) > 0'

[roles.writer]
title = "Writer"
grants = [{ permission = "joined", actions = ["read"] }]

[[tests]]
role = "writer"
document = { _id = "p1", _type = "post" }
allow = ["read"]
)"));
    CHECK(r.status == 1);
    CHECK(r.out.find("`read` on `p1`: expected allow, got deny") != std::string::npos);
    CHECK(r.out.find("the filter is not a valid permission filter, so the grant allows nothing") != std::string::npos);
    CHECK(r.err.find("error[RC") != std::string::npos);
  }
}

TEST_CASE("test exits 3 when the tests cannot run", "[cli][test]") {
  SECTION("a document_file that is missing, not JSON, or not a document") {
    temp_file("not-json.json", "{\"_id\": ");
    temp_file("not-a-document.json", "[1, 2]");
    const std::string file = policy_with(R"(
[[tests]]
role = "writer"
document_file = "missing.json"
allow = ["read"]

[[tests]]
role = "writer"
document_file = "not-json.json"
allow = ["read"]

[[tests]]
role = "writer"
document_file = "not-a-document.json"
allow = ["read"]
)");
    const auto r = run_shell("rolec test " + file);
    CHECK(r.status == 3);
    CHECK(r.out.empty());
    CHECK(r.err.find("rolec: error: " + file + ":25:1: cannot read the document: ") != std::string::npos);
    CHECK(r.err.find("missing.json") != std::string::npos);
    CHECK(r.err.find(file + ":30:1: `") != std::string::npos);
    CHECK(r.err.find("not-json.json` is not JSON: line 1") != std::string::npos);
    CHECK(r.err.find(file + ":35:1: `") != std::string::npos);
    CHECK(r.err.find("not-a-document.json` is not a document") != std::string::npos);
  }
  SECTION("a role that does not exist") {
    const auto r = run_shell("rolec test " + policy_with(R"(
[[tests]]
role = "writr"
document = { _id = "p1", _type = "post" }
allow = ["read"]
)"));
    CHECK(r.status == 3);
    CHECK(r.err.find(":24:8: unknown role `writr` (did you mean `writer`?)") != std::string::npos);
  }
  SECTION("usage and paths") {
    CHECK(run_shell("rolec test --format xml " + policy_with("")).status == 3);
    CHECK(run_shell("rolec test /nonexistent/policy").status == 3);
    CHECK(run_shell("rolec test --env nowhere " + policy_with("")).status == 3);
  }
}

TEST_CASE("a policy without tests passes", "[cli][test]") {
  const auto r = run_shell("rolec test " + policy_with(""));
  CHECK(r.status == 0);
  CHECK(r.out == "0 tests, 0 passed, 0 failed\n");
}

TEST_CASE("test answers project permissions without a document, and stops at one that does not exist", "[cli][test]") {
  const std::string policy = R"([project]
id = "abc123xy"

[roles.release-manager]
title = "Release manager"
extends = ["viewer"]
grants = [{ permission = "sanity-project", actions = ["deployStudio"] }]

[[tests]]
name = "release managers deploy Studio but do not create tokens"
role = "release-manager"
allow = ["sanity-project.deployStudio", "sanity-project.read"]
deny = ["sanity-project-tokens.create"]
)";
  SECTION("decided from the roles' project grants, `extends` included") {
    const auto r = run_shell("rolec test " + temp_file("project.toml", policy));
    CHECK(r.status == 0);
    CHECK(r.out == "PASS release managers deploy Studio but do not create tokens\n1 test, 1 passed, 0 failed\n");
  }
  SECTION("a failure explains itself") {
    const auto r = run_shell("rolec test " + temp_file("project.toml", policy + R"(
[[tests]]
role = "release-manager"
allow = ["sanity-project-tokens.create"]
)"));
    CHECK(r.status == 1);
    CHECK(r.out.find("`sanity-project-tokens.create`: expected allow, got deny") != std::string::npos);
    CHECK(r.out.find("hint: built-in roles that give it: administrator, developer") != std::string::npos);
  }
  SECTION("an unknown permission or action stops the tests") {
    const auto r = run_shell("rolec test " + temp_file("project.toml", policy + R"(
[[tests]]
role = "release-manager"
allow = ["sanity-project-tokens.fly"]
)"));
    CHECK(r.status == 3);
    CHECK(r.err.find("project.toml:17:10: `sanity-project-tokens` has no action `fly`; its actions are read, create, delete") !=
          std::string::npos);
  }
}

TEST_CASE("test evaluates `$identity` in a filter as the user id, as Studio passes it", "[cli][test]") {
  const auto r = run_shell("rolec test " + temp_file("identity.toml", R"([project]
id = "abc123xy"

[permissions.own]
title = "Own posts"
filter = '_type == "post" && author._ref == $identity'

[roles.author]
title = "Author"
grants = [{ permission = "own", actions = ["read", "update"] }]

[[tests]]
role = "author"
identity = "user-1"
document = { _id = "p1", _type = "post", author = { _ref = "user-1" } }
allow = ["update"]

[[tests]]
role = "author"
identity = "user-2"
document = { _id = "p1", _type = "post", author = { _ref = "user-1" } }
deny = ["update"]
)"));
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find("2 tests, 2 passed, 0 failed") != std::string::npos);
}

TEST_CASE("a test that the policy's errors break fails as not run, and the run goes on", "[cli][test]") {
  const auto r = run_shell("rolec test " + temp_file("not-run.toml", roles + R"(
[[tests]]
name = "an action that does not exist"
role = "writer"
identity = "user-1"
document = { _id = "drafts.p1", _type = "post", author = { _ref = "user-1" } }
allow = ["frobnicate", "read"]

[[tests]]
name = "no role"
document = { _id = "p1", _type = "post" }
deny = ["read"]

[[tests]]
name = "a visitor with a role"
anonymous = true
role = "writer"
document = { _id = "p1", _type = "post" }
deny = ["update"]
)"));
  CHECK(r.status == 1);
  CHECK(r.out.find("`frobnicate`: expected allow, not run: there is no action `frobnicate` (see the policy's errors)") !=
        std::string::npos);
  CHECK(r.out.find("`read`: expected deny, not run: this test names no role") != std::string::npos);
  CHECK(r.out.find("not run: an anonymous visitor holds no role, and this test names some") != std::string::npos);
  CHECK(r.out.find("3 tests, 0 passed, 3 failed") != std::string::npos);
  CHECK(r.err.find("error[RC308]") != std::string::npos);
}

TEST_CASE("an anonymous visitor changes nothing, whatever Studio's shortcuts say", "[cli][test]") {
  const auto r = run_shell("rolec test " + temp_file("visitor.toml", R"([project]
id = "abc123xy"
public_datasets = ["production"]

[[tests]]
anonymous = true
dataset = "production"
documents = [{ _id = "p1", _type = "post" }]
live_edit = true
allow = ["read"]
deny = ["publish", "discardDraft", "update", "delete"]
)"));
  CHECK(r.status == 0);
  CHECK(r.out.find("1 test, 1 passed, 0 failed") != std::string::npos);
}

TEST_CASE("every property of the gallery gets the result its name begins with", "[cli][test][properties]") {
  const auto r = run_shell(std::string("rolec test --format json ") + ROLEC_SOURCE_DIR + "/tests/golden/test-properties");
  CHECK(r.status == 1);
  const auto report = nlohmann::json::parse(r.out);
  REQUIRE(report["properties"].size() >= 7);
  for (const auto& p : report["properties"]) {
    const std::string name = p["name"];
    INFO(name);
    CHECK(name.substr(0, name.find(':')) == p["result"].get<std::string>());
    CHECK(p["passed"] == (p["result"] == "proved"));
    // A refuted property shows the document and principal it fails for.
    CHECK(p.contains("witness") == (p["result"] == "refuted"));
    CHECK(p.contains("reason") == (p["result"] == "unknown"));
  }
  CHECK(report["summary"]["properties"] == report["properties"].size());
}

TEST_CASE("properties: unknown fails unless allowed, and a property's mistakes stop or fail the run", "[cli][test][properties]") {
  const std::string unknown = R"(
[[properties]]
role = "writer"
deny = ["read"]
where = 'count(tags) > 2'
)";
  CHECK(run_shell("rolec test " + policy_with(unknown)).status == 1);
  const auto allowed = run_shell("rolec test --allow-unknown " + policy_with(unknown));
  CHECK(allowed.status == 0);
  CHECK(allowed.out.find("1 property, 0 proved, 0 refuted, 1 unknown (allowed)\n") != std::string::npos);
  SECTION("an unknown role stops the run") {
    const auto r = run_shell("rolec test " + policy_with("[[properties]]\nrole = \"writr\"\ndeny = [\"read\"]\n"));
    CHECK(r.status == 3);
    CHECK(r.err.find(":23:8: unknown role `writr` (did you mean `writer`?)") != std::string::npos);
  }
  SECTION("a `where` that does not parse is an error of the policy, and the property is unknown") {
    const auto r = run_shell("rolec test " + policy_with("[[properties]]\nrole = \"writer\"\ndeny = [\"read\"]\nwhere = '_type == '\n"));
    CHECK(r.status == 1);
    CHECK(r.err.find(":25:19: error[RC001]: expected an expression after `==`") != std::string::npos);
    CHECK(r.out.find("unknown: its `where` filter has errors") != std::string::npos);
  }
  SECTION("an operation the analysis does not decide, or no such action") {
    const auto r = run_shell("rolec test " + policy_with("[[properties]]\nrole = \"writer\"\ndeny = [\"unpublish\", \"raed\"]\n"));
    CHECK(r.status == 1);
    CHECK(r.err.find("a property cannot be proved for `unpublish`") != std::string::npos);
    CHECK(r.err.find("did you mean `read`?") != std::string::npos);
  }
}
