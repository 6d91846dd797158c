// `rolec import` of a Sanity Blueprint: which documents count as blueprints, roles and robots to
// TOML, references to roles of the same blueprint, what is left out with a warning, and errors at
// the line and column of the value at fault.

#include <catch2/catch.hpp>

#include <string>

#include "adopt/blueprint_import.hpp"
#include "schemas/catalog.hpp"

namespace {

using rolec::adopt::blueprint_state;

blueprint_state parsed(const std::string& text) {
  std::string error;
  auto b = rolec::adopt::parse_blueprint(text, "bp.json", error);
  INFO(error);
  REQUIRE(b);
  return *b;
}

std::string failure(const std::string& text) {
  std::string error;
  CHECK_FALSE(rolec::adopt::parse_blueprint(text, "bp.json", error));
  return error;
}

const std::string blueprint = R"({
  "$schema": "https://schemas.sanity.io/blueprints/v2024-10-01/blueprint.schema.json",
  "blueprintVersion": "2024-10-01",
  "resources": [
    {
      "name": "preview",
      "type": "sanity.access.robot",
      "label": "Preview deployments",
      "memberships": [
        {"resourceType": "project", "resourceId": "abc123xy", "roleNames": ["viewer", "$.resources.reader"]},
        {"resourceType": "organization", "resourceId": "o1", "roleNames": ["member"]}
      ]
    },
    {
      "name": "reader",
      "type": "sanity.access.role",
      "title": "Reader",
      "appliesToUsers": true,
      "appliesToRobots": true,
      "permissions": [{"name": "sanity-project", "action": "read"}, {"name": "posts", "action": "read"}],
      "resourceType": "project",
      "resourceId": "abc123xy",
      "lifecycle": {"deletionPolicy": "retain"}
    },
    {"name": "hook", "type": "sanity.project.webhook"}
  ]
})";

}  // namespace

TEST_CASE("blueprint import: blueprints are told from live states by content", "[adopt][blueprint]") {
  using rolec::adopt::looks_like_blueprint;
  CHECK(looks_like_blueprint(blueprint));
  CHECK(looks_like_blueprint(R"({"blueprintVersion": "2024-10-01"})"));
  CHECK(looks_like_blueprint(R"({"resources": []})"));
  CHECK_FALSE(looks_like_blueprint(R"({"format_version": "1", "resources": []})"));
  CHECK_FALSE(looks_like_blueprint(R"({"data": []})"));
  CHECK_FALSE(looks_like_blueprint(R"([{"name": "x", "permissions": []}])"));
  CHECK_FALSE(looks_like_blueprint("not json"));
}

TEST_CASE("blueprint import: roles and robots to policy TOML", "[adopt][blueprint]") {
  const blueprint_state b = parsed(blueprint);
  const auto imported = rolec::adopt::import_blueprint(b, rolec::schemas::builtin());
  CHECK(imported.role_count == 1);
  CHECK(imported.robot_count == 1);
  CHECK(imported.document() ==
        "# Imported by `rolec import` from a Sanity Blueprint for project `abc123xy`.\n"
        "# Its roles and robots; permissions other than Sanity's are not here: a blueprint cannot define them.\n"
        "\n"
        "[project]\n"
        "id = \"abc123xy\"\n"
        "\n"
        "[roles.reader]\n"
        "title = \"Reader\"\n"
        "grants = [\n"
        "  { permission = \"posts\", actions = [\"read\"] },\n"
        "  { permission = \"sanity-project\", actions = [\"read\"] },\n"
        "]\n"
        "\n"
        "[robots.preview]\n"
        "label = \"Preview deployments\"\n"
        "roles = [\"viewer\", \"reader\"]\n");
  CHECK(imported.warnings == std::vector<std::string>{
      "an organization membership of robot `preview` is left out: rolec imports project memberships only",
      "the `lifecycle` of resource `reader` is left out: rolec keeps no lifecycles",
      "resource `hook` of type `sanity.project.webhook` is left out: rolec imports roles and robots only",
      "permission `posts` (granted by `reader`) is not Sanity's, and a blueprint cannot define it: add "
      "`[permissions.posts]` to the policy, or import it from the project (`rolec pull`, `rolec import`)",
  });
}

TEST_CASE("blueprint import: errors at the line and column of the value at fault", "[adopt][blueprint]") {
  CHECK(failure("{\"blueprintVersion\": 20241001}") == "bp.json:1:22: `blueprintVersion` must be a string, not a number");
  CHECK(failure("{\"resources\": {}}") == "bp.json:1:15: `resources` must be an array, not an object");
  CHECK(failure("{\"resources\": [\n  {\"type\": \"sanity.access.role\"}\n]}") ==
        "bp.json:2:3: `resources[0].name` is missing");
  CHECK(failure("{\"resources\": [\n  {\"name\": \"a\", \"type\": \"sanity.access.role\", \"title\": 7}\n]}") ==
        "bp.json:2:56: `resources[0].title` must be a string, not a number");
  CHECK(failure("{\"resources\": [{\"name\": \"a\", \"type\": \"sanity.access.role\", \"title\": \"A\",\n"
                "  \"permissions\": [{\"name\": \"sanity-project\", \"action\": 1}]}]}") ==
        "bp.json:2:56: `resources[0].permissions[0].action` must be a string, not a number");
  CHECK(failure("{\"resources\": [{\"name\": \"a\", \"type\": \"x\"}, {\"name\": \"a\", \"type\": \"y\"}]}") ==
        "bp.json:1:53: resource `a` is defined twice");
  CHECK(failure("{\"resources\": [{\"name\": \"bot\", \"type\": \"sanity.access.robot\",\n"
                "  \"memberships\": [{\"roleNames\": [\"$.resources.nobody\"]}]}]}") ==
        "bp.json:2:34: `$.resources.nobody` refers to no role of this blueprint");
  CHECK(failure("{\"resources\": [\n"
                "{\"name\": \"a\", \"type\": \"sanity.access.role\", \"title\": \"A\", \"permissions\": [], "
                "\"resourceType\": \"project\", \"resourceId\": \"p1\"},\n"
                "{\"name\": \"b\", \"type\": \"sanity.access.role\", \"title\": \"B\", \"permissions\": [], "
                "\"resourceType\": \"project\", \"resourceId\": \"p2\"}]}") ==
        "bp.json:3:119: project `p2`, but the blueprint names project `p1` before: a policy describes one project");
  CHECK(failure("{\"resources\": [1").rfind("bp.json:1:17: not valid JSON", 0) == 0);
}

TEST_CASE("blueprint import: a robot without a label is labelled with its name", "[adopt][blueprint]") {
  const blueprint_state b = parsed(R"({"resources": [
    {"name": "a", "type": "sanity.access.robot", "memberships": [{"roleNames": ["viewer"]}]},
    {"name": "b", "type": "sanity.access.robot", "label": "", "memberships": [{"roleNames": ["viewer", "viewer"]}]}]})");
  REQUIRE(b.robots.size() == 2);
  CHECK(b.robots[0].label == "a");
  CHECK(b.robots[1].label == "b");
  CHECK(b.robots[1].roles == std::vector<std::string>{"viewer"});
  CHECK_FALSE(b.roles.resource_id);
}
