// The `blueprint` target of `rolec build`: the document's shape (as @sanity/blueprints defines
// roles and robot tokens), resource names mapped to the parser's pattern, and what a blueprint
// cannot express reported rather than dropped.

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "build/blueprint_names.hpp"
#include "build/compile.hpp"
#include "build/target.hpp"
#include "support/compiled.hpp"
#include "util/json_text.hpp"

namespace {

using json = nlohmann::json;

struct built {
  json bundle;
  std::vector<std::string> files;
  std::vector<std::string> findings;  ///< "RC602 warning LINE:COL message"
};

// `policy` linted (it must have no errors), compiled, given `robots`, and emitted as a blueprint.
built build(const std::string& policy, const std::vector<rolec::resolve::robot>& robots = {}) {
  const auto p = rolec::test::compile_policy("blueprint.toml", policy);
  auto& compiled = p->compiled;
  const auto& sources = p->sources;
  // The `[robots.NAME]` tables are read by the policy loader; here they are given as resolved.
  for (const auto& r : robots) compiled->robots.push_back(&r);
  const auto out = rolec::build::emit(rolec::build::target::blueprint, *compiled);
  built result;
  result.bundle = json::parse(rolec::util::json_text(out.bundle, 2));
  for (const auto& f : out.files) result.files.push_back(f.first);
  for (const auto& d : out.diagnostics) {
    std::string at = "-";
    if (d.where.end > 0) {
      const auto pos = sources.file(d.source).position_of(d.where.begin);
      at = fmt::format("{}:{}", pos.line, pos.column);
    }
    result.findings.push_back(fmt::format("{} {} {} {}", rolec::diag::info(d.rule).id,
                                          d.level == rolec::diag::severity::info      ? "info"
                                          : d.level == rolec::diag::severity::warning ? "warning"
                                                                                      : "error",
                                          at, d.message));
  }
  return result;
}

rolec::resolve::robot robot(std::string name, std::string label, std::vector<std::string> roles) {
  rolec::resolve::robot r;
  r.name = std::move(name);
  r.value.label = std::move(label);
  r.value.roles = std::move(roles);
  return r;
}

const std::string policy = R"toml([project]
id = "abc123xy"

[permissions.posts]
title = "Posts"
filter = '_type == "post"'

[roles.writer]
title = "Writer"
description = "Writes posts"
applies_to_robots = false
grants = [
  { permission = "posts", actions = ["read", "update"] },
  { permission = "sanity-project", actions = ["read"] },
]

[roles.2fa-admins]
title = "Admins with two factors"
grants = [{ permission = "sanity-project", actions = ["read"] }]

[roles.empty]
title = "Nothing yet"
)toml";

}  // namespace

TEST_CASE("blueprint: resource names", "[build][blueprint]") {
  using rolec::build::resource_name;
  using rolec::build::valid_resource_name;
  CHECK(valid_resource_name("writer"));
  CHECK(valid_resource_name("Post_editor-2"));
  CHECK_FALSE(valid_resource_name("2fa"));
  CHECK_FALSE(valid_resource_name("writer-"));
  CHECK_FALSE(valid_resource_name("_x"));
  CHECK_FALSE(valid_resource_name(""));
  CHECK(resource_name("writer") == "writer");
  CHECK(resource_name("2fa-admins") == "r-2fa-admins");
  CHECK(resource_name("-x") == "r--x");
  CHECK(resource_name("writer_") == "writer_-r");
  CHECK(resource_name("_") == "r-_-r");
  CHECK(resource_name("ci bot.v2") == "ci-bot-v2");
  CHECK(resource_name("") == "r--r");
  for (const char* name : {"2fa", "-", "a-", "x.y", "9_", "été"}) CHECK(valid_resource_name(resource_name(name)));
}

TEST_CASE("blueprint: roles as sanity.access.role resources of the project", "[build][blueprint]") {
  const built b = build(policy);
  CHECK(b.files == std::vector<std::string>{"blueprint.json"});
  CHECK(b.bundle["$schema"] == "https://schemas.sanity.io/blueprints/v2024-10-01/blueprint.schema.json");
  CHECK(b.bundle["blueprintVersion"] == "2024-10-01");
  const json& resources = b.bundle["resources"];
  REQUIRE(resources.size() == 2);  // `empty` has no permission
  CHECK(resources[0] == json::parse(R"({
    "name": "r-2fa-admins", "type": "sanity.access.role", "title": "Admins with two factors",
    "appliesToUsers": true, "appliesToRobots": true,
    "permissions": [{"name": "sanity-project", "action": "read"}],
    "resourceType": "project", "resourceId": "abc123xy"})"));
  CHECK(resources[1] == json::parse(R"({
    "name": "writer", "type": "sanity.access.role", "title": "Writer", "description": "Writes posts",
    "appliesToUsers": true, "appliesToRobots": false,
    "permissions": [{"name": "posts", "action": "read"}, {"name": "posts", "action": "update"},
                    {"name": "sanity-project", "action": "read"}],
    "resourceType": "project", "resourceId": "abc123xy"})"));
  CHECK(b.findings == std::vector<std::string>{
      "RC602 info 4:14 permission `posts` stays with rolec: a blueprint cannot define permissions, and the blueprint's "
      "role `writer` names it",
      "RC602 warning 17:8 role `2fa-admins` is `r-2fa-admins` in the blueprint: a blueprint resource name starts with "
      "a letter, holds only letters, digits, `-` and `_`, and does not end in `-` or `_`",
      "RC602 warning 21:8 the blueprint target leaves out role `empty`: a blueprint role needs at least one permission",
  });
}

TEST_CASE("blueprint: robots as sanity.access.robot resources with project memberships", "[build][blueprint]") {
  const built b = build(policy, {robot("preview", "Preview deployments", {"viewer", "2fa-admins"}),
                                 robot("ci.bot", "", {"writer"}), robot("idle", "Idle", {})});
  const json& resources = b.bundle["resources"];
  REQUIRE(resources.size() == 4);
  // Robots come after the roles, each sorted by name; custom roles by their resource names.
  CHECK(resources[2] == json::parse(R"({
    "name": "ci-bot", "type": "sanity.access.robot", "label": "ci.bot",
    "memberships": [{"resourceType": "project", "resourceId": "abc123xy", "roleNames": ["writer"]}]})"));
  CHECK(resources[3] == json::parse(R"({
    "name": "preview", "type": "sanity.access.robot", "label": "Preview deployments",
    "memberships": [{"resourceType": "project", "resourceId": "abc123xy", "roleNames": ["viewer", "r-2fa-admins"]}]})"));
  CHECK(std::count_if(b.findings.begin(), b.findings.end(), [](const std::string& f) {
          return f.find("robot `ci.bot` is `ci-bot` in the blueprint") != std::string::npos;
        }) == 1);
  CHECK(std::count_if(b.findings.begin(), b.findings.end(), [](const std::string& f) {
          return f.find("leaves out robot `idle`: a blueprint robot needs at least one role") != std::string::npos;
        }) == 1);
}

TEST_CASE("blueprint: two names that map to one resource are refused", "[build][blueprint]") {
  const built b = build(R"toml([roles.r-2fa]
title = "One"
grants = [{ permission = "sanity-project", actions = ["read"] }]

[roles.2fa]
title = "Two"
grants = [{ permission = "sanity-project", actions = ["read"] }]
)toml");
  CHECK(b.bundle["resources"].size() == 1);
  CHECK(std::count_if(b.findings.begin(), b.findings.end(), [](const std::string& f) {
          return f.rfind("RC601 error", 0) == 0 &&
                 f.find("role `r-2fa` would be the blueprint resource `r-2fa`, which role `2fa` already is") !=
                     std::string::npos;
        }) == 1);
}

TEST_CASE("blueprint: without a project, roles and memberships take the blueprint's scope", "[build][blueprint]") {
  const built b = build(R"toml([roles.reader]
title = "Reader"
grants = [{ permission = "sanity-project", actions = ["read"] }]
)toml",
                        {robot("bot", "Bot", {"reader"})});
  const json& resources = b.bundle["resources"];
  REQUIRE(resources.size() == 2);
  CHECK_FALSE(resources[0].contains("resourceType"));
  CHECK_FALSE(resources[0].contains("resourceId"));
  CHECK(resources[1]["memberships"] == json::parse(R"([{"roleNames": ["reader"]}])"));
  CHECK(b.findings.empty());
}

TEST_CASE("blueprint: members are named in a warning, not written", "[build][blueprint]") {
  auto p = rolec::test::compile_policy("members.toml", R"toml([roles.reader]
title = "Reader"
grants = [{ permission = "sanity-project", actions = ["read"] }]
)toml");
  // `[members]` is read by the policy loader; here its entries are given as resolved.
  std::vector<rolec::resolve::member> members(2);
  members[0].value.id = "p-aB3dE9";
  members[0].value.roles = {"reader"};
  members[1].value.id = "p-xY7";
  members[1].value.roles = {"viewer"};
  p->compiled->members_managed = true;
  for (const auto& m : members) p->compiled->members.push_back(&m);
  const auto out = rolec::build::emit(rolec::build::target::blueprint, *p->compiled);
  CHECK(out.bundle["resources"].size() == 1);
  CHECK(out.bundle.dump().find("p-aB3dE9") == std::string::npos);
  REQUIRE(out.diagnostics.size() == 1);
  CHECK(out.diagnostics[0].level == rolec::diag::severity::warning);
  CHECK(out.diagnostics[0].message ==
        "the blueprint target leaves out `[members]` (2 members): a blueprint cannot give roles to people");
}
