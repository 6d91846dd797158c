// What the loader keeps of a `[[tests]]` table for `rolec test`: documents and attributes as JSON,
// the principal and dataset, `document_file` resolved against the policy's folder. Errors in
// these keys are lint cases (tests/lint/cases/tests-keys.toml).

#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "policy/load.hpp"
#include "support/run.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct loaded {
  rolec::diag::source_manager sources;
  rolec::policy::load_result result;
};

std::unique_ptr<loaded> load_text(const std::string& name, const std::string& text) {
  auto out = std::make_unique<loaded>();
  out->result = rolec::policy::load({rolec::test::temp_file(name, text)}, out->sources);
  return out;
}

}  // namespace

TEST_CASE("a test's document and attributes are kept as JSON", "[policy][load]") {
  const auto l = load_text("tests-json.toml", R"([[tests]]
name = "kinds of values"
role = "writer"
attributes = { team = "news", level = 2, tags = ["a", "b"], lead = true }
document = { _id = "drafts.p1", _type = "post", author = { _ref = "user-1" }, score = 1.5, count = -3, tags = ["x", { k = "v" }], published = 2024-05-01T10:00:00+02:00, updated = 2024-05-01T08:00:00Z, local = 2024-05-01T10:00:00.250, day = 2024-05-01, time = 07:32:00.123456789, title = "quote \" and \\ and é" }
allow = ["read"]
)");
  REQUIRE(l->result.errors.empty());
  REQUIRE(l->result.diagnostics.empty());
  REQUIRE(l->result.merged.tests.size() == 1);
  const auto& t = l->result.merged.tests[0];
  CHECK(t.name.value == "kinds of values");
  REQUIRE(t.attributes.present);
  CHECK(json::parse(t.attributes.json) == json{{"team", "news"}, {"level", 2}, {"tags", {"a", "b"}}, {"lead", true}});
  REQUIRE(t.document.present);
  const json document = json::parse(t.document.json);
  CHECK(document["_id"] == "drafts.p1");
  CHECK(document["author"] == json{{"_ref", "user-1"}});
  CHECK(document["score"] == 1.5);
  CHECK(document["count"] == -3);
  CHECK(document["tags"] == json::parse(R"(["x", {"k": "v"}])"));
  CHECK(document["published"] == "2024-05-01T10:00:00+02:00");
  CHECK(document["updated"] == "2024-05-01T08:00:00Z");
  CHECK(document["local"] == "2024-05-01T10:00:00.25Z");  // a local date-time is taken as UTC
  CHECK(document["day"] == "2024-05-01");
  CHECK(document["time"] == "07:32:00.123456789");
  CHECK(document["title"] == "quote \" and \\ and \xC3\xA9");
  // Where the document was written, for messages about it.
  const auto at = l->sources.file(t.document.at.source).position_of(t.document.at.where.begin);
  CHECK(at.line == 5);
  CHECK(at.column == 12);
}

TEST_CASE("a test's principal, dataset and expectations are kept", "[policy][load]") {
  const auto l = load_text("tests-context.toml", R"([[tests]]
roles = ["writer", "viewer"]
identity = "user-1"
robot = true
dataset = "production"
document = { _id = "p1" }
allow = ["read", "publish"]
deny = ["delete"]

[[tests]]
role = "writer"
document = { _id = "p1" }
deny = ["update"]
)");
  REQUIRE(l->result.diagnostics.empty());
  REQUIRE(l->result.merged.tests.size() == 2);
  const auto& first = l->result.merged.tests[0];
  CHECK_FALSE(first.name.present);
  REQUIRE(first.roles.size() == 2);
  CHECK(first.roles[1].value == "viewer");
  CHECK(first.identity.value == "user-1");
  CHECK(first.robot.value);
  CHECK(first.dataset.value == "production");
  CHECK_FALSE(first.attributes.present);
  REQUIRE(first.allow.size() == 2);
  CHECK(first.allow[1].value == "publish");
  CHECK(l->sources.file(first.allow[1].at.source).position_of(first.allow[1].at.where.begin).column == 18);
  REQUIRE(first.deny.size() == 1);
  CHECK(first.deny[0].value == "delete");
  // The defaults: a user, every dataset.
  const auto& second = l->result.merged.tests[1];
  CHECK_FALSE(second.robot.value);
  CHECK_FALSE(second.dataset.present);
  CHECK(second.identity.value.empty());
}

TEST_CASE("document_file is resolved against the folder of its policy file, and read later", "[policy][load]") {
  const auto l = load_text("tests-file.toml", R"([[tests]]
role = "writer"
document_file = "documents/../docs/post.json"
allow = ["read"]
)");
  // The file does not exist: that is for `rolec test` to say, not the loader.
  REQUIRE(l->result.diagnostics.empty());
  const auto& t = l->result.merged.tests.at(0);
  CHECK_FALSE(t.document.present);
  CHECK(t.document_file.value == "documents/../docs/post.json");
  const fs::path folder = fs::path(l->sources.file(t.at.source).name()).parent_path();
  CHECK(t.document_path == (folder / "docs" / "post.json").string());
  // Messages about the file point at the key.
  const auto at = l->sources.file(t.document_file.at.source).position_of(t.document_file.at.where.begin);
  CHECK(at.line == 3);
  CHECK(at.column == 1);
}
