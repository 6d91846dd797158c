// `rolec import`: the TOML writer, the live-state reader, the round trip live -> TOML -> access-api
// bodies, and the command line (exit codes, -o, messages for bad input).

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "adopt/import.hpp"
#include "adopt/live.hpp"
#include "model/api_json.hpp"
#include "adopt/toml_writer.hpp"
#include "policy/toml_string.hpp"
#include "schemas/catalog.hpp"
#include "support/markdown.hpp"
#include "support/run.hpp"

namespace {

namespace fs = std::filesystem;
namespace toml = rolec::adopt::toml;
using json = nlohmann::json;
using rolec::test::read_text;
using rolec::test::run_shell;
using rolec::test::temp_file;

const std::string project_id = "adopt123";

std::string fixture(const std::string& name) { return std::string(ROLEC_TESTS_DIR) + "/adopt/" + name; }

// A fresh, empty folder path (not created) for one test.
std::string fresh_folder(const std::string& name) {
  const fs::path dir = fs::path(temp_file("anchor", "")).parent_path() / name;
  fs::remove_all(dir);
  return dir.string();
}

// The decoded value of a TOML string literal, as the policy loader reads it.
std::string decoded(const std::string& literal) {
  const auto mapped = rolec::policy::map_toml_string(literal);
  REQUIRE(mapped);
  return mapped->value;
}

rolec::adopt::live_state parsed(const std::string& text) {
  rolec::adopt::live_state state;
  std::string error;
  INFO(text);
  REQUIRE(rolec::adopt::parse_live(text, "live.json", state, error));
  return state;
}

// ---- the built-in roles of the seeds, as a live project lists them ----

// The first JSON value in `text` after the line `marker` (what follows the value is prose).
json json_after(const std::string& text, const std::string& marker, char opening) {
  const auto at = text.find(marker);
  if (at == std::string::npos || text.find(opening, at) == std::string::npos) return nullptr;
  std::istringstream in(text.substr(text.find(opening, at)));
  json value;
  try {
    in >> value;  // reads one value and stops, unlike json::parse
  } catch (const json::exception&) {
    return nullptr;
  }
  return value;
}

// A legacy Roles API role (`grants` keyed by permission type) in Access API form: each type
// names its predefined permission (document types: the one with the same filter), and the
// legacy default `datasetPolicyName: "default"` (every dataset) is dropped.
json access_api_role(const json& legacy) {
  const auto& catalog = rolec::schemas::builtin();
  json role = {{"name", legacy["name"]},
               {"title", legacy["title"]},
               {"description", legacy["description"]},
               {"isCustom", legacy["isCustom"]},
               {"resourceType", "project"},
               {"resourceId", project_id},
               {"appliesToUsers", legacy["appliesToUsers"]},
               {"appliesToRobots", legacy["appliesToRobots"]},
               {"permissions", json::array()}};
  for (const auto& entry : legacy["grants"].items()) {
    const std::string type = entry.key();
    for (const json& resource : entry.value()) {
      const std::string filter = resource["config"].value("filter", "");
      const auto match = std::find_if(catalog.permissions().begin(), catalog.permissions().end(), [&](const auto& p) {
        return p.type == type && (filter.empty() || p.filter == filter);
      });
      INFO(type << " " << filter);
      REQUIRE(match != catalog.permissions().end());
      for (const json& g : resource["grants"]) {
        json params = g.value("params", json::object());
        if (params.value("datasetPolicyName", "") == "default") params.erase("datasetPolicyName");
        role["permissions"].push_back({{"name", match->name}, {"action", g["name"]}, {"params", params}});
      }
    }
  }
  return role;
}

// The built-in project roles: the legacy listing of seed 004, with the Access API administrator
// of seed 002 in place of the legacy one. Read at test time; when a seed is missing, the
// catalogue's roles stand in and a warning says how many seeds were not found.
std::vector<json> builtin_roles() {
  std::vector<json> roles;
  int missing = 0;
#ifdef ROLEC_SHARED_DIR
  const std::string seeds = std::string(ROLEC_SHARED_DIR) + "/seeds/";
  const json legacy = json_after(read_text(seeds + "004_c76967b147199295.txt"), "All permissions by default role", '[');
  json administrator = json_after(read_text(seeds + "002_681618f82f53fee4.txt"), "Project administrator default permissions", '{');
  if (legacy.is_array()) {
    for (const json& r : legacy) {
      if (r["name"] != "administrator" || !administrator.is_object()) roles.push_back(access_api_role(r));
    }
  } else {
    ++missing;
  }
  if (administrator.is_object()) {
    administrator["resourceId"] = project_id;  // the seed's example project
    roles.push_back(administrator);
  } else {
    ++missing;
  }
#else
  missing = 2;
#endif
  if (missing == 0) return roles;
  WARN(missing << " of 2 seed files not found (set ROLEC_SHARED_DIR): built-in roles come from the catalogue instead");
  roles.clear();
  for (const auto& b : rolec::schemas::builtin().roles()) {
    if (b.scope != rolec::model::scope::project) continue;
    json role(rolec::model::to_api(static_cast<const rolec::model::role&>(b)));
    role["isCustom"] = false;
    roles.push_back(role);
  }
  return roles;
}

// What `rolec pull` would save for the test project: predefined and custom permissions, built-in
// and custom roles.
json live_state() {
  json live = {{"format_version", "1"},
               {"resource", {{"type", "project"}, {"id", project_id}}},
               {"api_version", "v2025-07-11"},
               {"permissions", json::parse(read_text(fixture("custom-permissions.json")))["data"]},
               {"roles", builtin_roles()}};
  const json custom = json::parse(read_text(fixture("custom-roles.json")));
  for (const json& r : custom["data"]) live["roles"].push_back(r);
  return live;
}

// A body with the server-owned fields dropped and the API's defaults filled in, so that a live
// listing and a request body compare equal when they mean the same.
json normal_role(json r) {
  for (const char* key : {"isCustom", "resourceType", "resourceId"}) r.erase(key);
  if (r.value("description", json()).is_null()) r["description"] = "";
  for (const char* key : {"appliesToUsers", "appliesToRobots"}) {
    if (!r.contains(key)) r[key] = true;
  }
  std::vector<json> entries;
  for (json p : r["permissions"]) {
    if (p.value("params", json()).is_null()) p["params"] = json::object();
    entries.push_back(p);
  }
  std::sort(entries.begin(), entries.end(), [](const json& a, const json& b) { return a.dump() < b.dump(); });
  entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
  r["permissions"] = entries;
  return r;
}

json normal_permission(json p) {
  for (const char* key : {"resourceType", "resourceId", "ownerOrganizationId", "actions"}) p.erase(key);
  if (p.value("description", json()).is_null()) p["description"] = "";
  if (p.value("config", json()).is_null()) p["config"] = json::object();
  return p;
}

std::map<std::string, json> by_name(const json& list, json (*normal)(json)) {
  std::map<std::string, json> out;
  for (const json& item : list) out.emplace(item["name"].get<std::string>(), normal(item));
  return out;
}

}  // namespace

// ---- (a) the TOML writer ----

TEST_CASE("basic strings escape exactly what TOML requires and keep UTF-8", "[import]") {
  CHECK(toml::basic_string("Posts") == "\"Posts\"");
  CHECK(toml::basic_string("say \"hi\" \\ bye") == R"("say \"hi\" \\ bye")");
  CHECK(toml::basic_string("a\nb\tc\rd\be\ff") == R"("a\nb\tc\rd\be\ff")");
  CHECK(toml::basic_string(std::string("\x01\x1f\x7f", 3)) == R"("\u0001\u001F\u007F")");
  CHECK(toml::basic_string(std::string("nul\0", 4)) == R"("nul\u0000")");
  CHECK(toml::basic_string("Ünïcödé — ✓ 日本 🙂") == "\"Ünïcödé — ✓ 日本 🙂\"");
  CHECK(toml::basic_string("bad \xff byte") == "\"bad \xEF\xBF\xBD byte\"");
  CHECK(toml::basic_string("'single'") == "\"'single'\"");
  for (const std::string text : {"", "plain", "q\"uo\\te", "tab\there\nnew line", "ctl \x02\x7f end", "é\"\\\"é"}) {
    INFO(text);
    CHECK(decoded(toml::basic_string(text)) == text);
  }
}

TEST_CASE("filters use a literal string, then a multi-line literal, then a basic string", "[import]") {
  CHECK(toml::filter_string(R"(_type == "post")") == R"('_type == "post"')");
  CHECK(toml::filter_string("café == \"☕\"\t&& x") == "'café == \"☕\"\t&& x'");
  // A single quote or a line break rules out '...'.
  CHECK(toml::filter_string("_type == 'post' && x") == "'''\n_type == 'post' && x'''");
  CHECK(toml::filter_string("_type == \"a\"\n&& b") == "'''\n_type == \"a\"\n&& b'''");
  CHECK(toml::filter_string("\nleading newline") == "'''\n\nleading newline'''");
  // ''' inside, a quote at the end, a carriage return or a control character need escapes.
  CHECK(toml::filter_string("a == \"'''\"\n") == R"("a == \"'''\"\n")");
  CHECK(toml::filter_string("_type == 'post'") == R"("_type == 'post'")");
  CHECK(toml::filter_string("a\r\nb") == R"("a\r\nb")");
  CHECK(toml::filter_string("a \x01 b") == R"("a \u0001 b")");
  CHECK(toml::filter_string(R"(x == "a\\b")") == R"('x == "a\\b"')");
  CHECK(!toml::literal_string("it's"));
  CHECK(!toml::multiline_literal_string("bad \xff"));
  for (const std::string text : {"_type == \"post\"", "a == 'b' && c", "l1\nl2 'x'\n  l3", "\nx", "q ''' \n",
                                 "ends in '", "cr\r\n", "back\\slash \"é\""}) {
    INFO(text);
    CHECK(decoded(toml::filter_string(text)) == text);
  }
}

TEST_CASE("keys are bare when TOML allows it and quoted otherwise", "[import]") {
  CHECK(toml::key("post-editor") == "post-editor");
  CHECK(toml::key("Snake_Case-9") == "Snake_Case-9");
  CHECK(toml::key("a.b") == "\"a.b\"");
  CHECK(toml::key("with space") == "\"with space\"");
  CHECK(toml::key("") == "\"\"");
  CHECK(toml::key("rôle") == "\"rôle\"");
  CHECK(toml::key("q\"k") == R"("q\"k")");
}

TEST_CASE("JSON values become TOML inline values; null has none", "[import]") {
  CHECK(toml::value(json("production")) == std::optional<std::string>("\"production\""));
  CHECK(toml::value(json(true)) == std::optional<std::string>("true"));
  CHECK(toml::value(json(-3)) == std::optional<std::string>("-3"));
  CHECK(toml::value(json(2.5)) == std::optional<std::string>("2.5"));
  CHECK(toml::value(json(1.0)) == std::optional<std::string>("1.0"));
  CHECK(toml::value(json::parse(R"({"b": [1, "x"], "a.b": {}})")) ==
        std::optional<std::string>(R"({ "a.b" = {}, b = [1, "x"] })"));
  CHECK(!toml::value(json(nullptr)));
  CHECK(!toml::value(json::parse(R"({"a": [null]})")));
}

// ---- the live-state reader ----

TEST_CASE("live state: the pull format, raw pages, bare arrays and single items", "[import]") {
  const auto pulled = parsed(R"({"format_version": "1", "resource": {"type": "project", "id": "p1"},
    "api_version": "v2025-07-11", "permissions": [], "roles": [{"name": "r", "title": "R", "permissions": []}]})");
  CHECK(pulled.resource_id == std::optional<std::string>("p1"));
  CHECK(pulled.api_version == std::optional<std::string>("v2025-07-11"));
  CHECK(pulled.roles.size() == 1);

  rolec::adopt::live_state merged;
  std::string error;
  REQUIRE(rolec::adopt::parse_live(R"({"data": [{"name": "r", "title": "R", "permissions": [{"name": "p", "action": "read"}]}],
    "nextCursor": null})", "roles.json", merged, error));
  REQUIRE(rolec::adopt::parse_live(R"([{"name": "p", "title": "P", "type": "sanity.document.filter",
    "config": {"filter": "_type == \"p\""}}])", "permissions.json", merged, error));
  REQUIRE(rolec::adopt::parse_live(R"({"name": "q", "title": "Q", "type": "sanity.project", "config": {}})", "one.json",
                                   merged, error));
  // The same item again (an overlapping page) is kept once.
  REQUIRE(rolec::adopt::parse_live(R"([{"name": "q", "title": "Q", "type": "sanity.project", "config": {}}])", "again.json",
                                   merged, error));
  CHECK(merged.roles.size() == 1);
  REQUIRE(merged.permissions.size() == 2);
  CHECK(merged.permissions[0].filter == std::optional<std::string>("_type == \"p\""));
  CHECK_FALSE(merged.roles[0].grants[0].has_params());
  CHECK(merged.warnings.empty());

  REQUIRE(rolec::adopt::parse_live(R"({"data": [], "nextCursor": "abc"})", "page1.json", merged, error));
  REQUIRE(merged.warnings.size() == 1);
  CHECK(merged.warnings[0].find("page1.json: the response has a `nextCursor`") == 0);
}

TEST_CASE("live state: bad input is an error that names the file and the place", "[import]") {
  const auto error_of = [](const std::string& text) {
    rolec::adopt::live_state state;
    std::string error;
    CHECK_FALSE(rolec::adopt::parse_live(text, "live.json", state, error));
    CHECK(state.roles.empty());
    CHECK(state.permissions.empty());
    return error;
  };
  CHECK(error_of("{\n  \"data\": [,]\n}").find("live.json:2:12: not valid JSON: syntax error") == 0);
  CHECK(error_of("").find("live.json:1:1: not valid JSON") == 0);
  CHECK(error_of("[1, 2") .find("live.json:1:6: not valid JSON") == 0);
  CHECK(error_of("\"\xff\"").find("live.json:1:") == 0);
  // Deep nesting is refused before anything recurses over it.
  CHECK(error_of(std::string(100000, '[') + std::string(100000, ']')) ==
        "live.json:1:129: nested deeper than 128 levels, which no live state is");
  CHECK(error_of("[\"" + std::string(200, '[') + "\\\"\"]") == "live.json: `[0]` must be an object, not a string");
  CHECK(error_of(R"({"hello": 1})") ==
        "live.json: not a live state: expected a `rolec pull` file, an Access API response `{\"data\": [...]}`, or an array "
        "of roles or permissions");
  CHECK(error_of("42").find("live.json: not a live state") == 0);
  CHECK(error_of(R"({"data": {}})") == "live.json: `data` must be an array, not an object");
  CHECK(error_of(R"({"data": [1]})") == "live.json: `data[0]` must be an object, not a number");
  CHECK(error_of(R"({"data": [{"name": "x"}]})") ==
        "live.json: `data[0]` is neither a role (it has no `permissions`) nor a permission (it has no `type` or `config`)");
  CHECK(error_of(R"([{"name": "r", "title": "R", "permissions": [{"name": "p"}]}])") ==
        "live.json: `[0].permissions[0].action` is missing");
  CHECK(error_of(R"([{"name": "r", "permissions": "all"}])") == "live.json: `[0].permissions` must be an array, not a string");
  CHECK(error_of(R"([{"name": "r", "appliesToUsers": "yes", "permissions": []}])") ==
        "live.json: `[0].appliesToUsers` must be true or false, not a string");
  CHECK(error_of(R"([{"name": "", "permissions": []}])") == "live.json: `[0].name` is empty");
  CHECK(error_of(R"([{"name": "p", "config": {}}])") == "live.json: `[0].type` is missing");
  CHECK(error_of(R"([{"name": "p", "type": "t", "config": {"filter": 3}}])") ==
        "live.json: `[0].config.filter` must be a string, not a number");
  CHECK(error_of(R"({"format_version": "2"})") ==
        "live.json: unsupported `format_version` \"2\": this rolec reads version \"1\"");
  CHECK(error_of(R"({"format_version": "1", "roles": [{"name": "p", "type": "t"}]})") ==
        "live.json: `roles[0].permissions` is missing");
  CHECK(error_of(R"([{"name": "r", "resourceType": "organization", "resourceId": "o1", "permissions": []}])") ==
        "live.json: `[0]` belongs to a resource of type `organization` (`o1`); rolec imports the roles and permissions "
        "of a project");
  CHECK(error_of(R"([{"name": "a", "resourceId": "p1", "permissions": []}, {"name": "b", "resourceId": "p2", "permissions": []}])") ==
        "live.json: `[1]` belongs to project `p2`, but the rest of the file is about project `p1`; import one project at a time");
  CHECK(error_of(R"([{"name": "a", "title": "A", "permissions": []}, {"name": "a", "title": "B", "permissions": []}])") ==
        "live.json: role `a` is listed twice with different content (also in live.json)");
}

TEST_CASE("live state: a file with an error adds nothing, and files must name one project", "[import]") {
  rolec::adopt::live_state state;
  std::string error;
  REQUIRE(rolec::adopt::parse_live(R"({"format_version": "1", "resource": {"type": "project", "id": "p1"}})", "a.json", state,
                                   error));
  CHECK_FALSE(rolec::adopt::parse_live(R"([{"name": "r", "permissions": []}, 7])", "b.json", state, error));
  CHECK(state.roles.empty());
  CHECK_FALSE(rolec::adopt::parse_live(R"([{"name": "r", "resourceId": "p2", "permissions": []}])", "c.json", state, error));
  CHECK(error == "c.json: `[0]` belongs to project `p2`, but a.json is about project `p1`; import one project at a time");
}

// ---- import ----

TEST_CASE("import groups entries into grants, sorted, and leaves built-ins out", "[import]") {
  const auto state = parsed(R"({"format_version": "1", "resource": {"type": "project", "id": "p1"}, "api_version": "v2025-07-11",
    "permissions": [
      {"name": "sanity-project", "title": "Project", "type": "sanity.project", "config": {}},
      {"name": "z-docs", "title": "Z", "description": "", "type": "sanity.document.filter.mode", "config": {"filter": "_type == 'z'"}},
      {"name": "a-docs", "title": "A \"docs\"", "description": "About A", "type": "sanity.document.filter", "config": {"filter": "_type == \"a\""}}],
    "roles": [
      {"name": "viewer", "title": "Viewer", "isCustom": false, "permissions": []},
      {"name": "editor", "title": "Editor", "permissions": []},
      {"name": "writer", "title": "Writer", "description": "", "isCustom": true, "appliesToUsers": true, "appliesToRobots": false,
       "permissions": [
        {"name": "z-docs", "action": "mode", "params": {"mode": "read", "history": true, "dataset": "prod"}},
        {"name": "a-docs", "action": "update", "params": {}},
        {"name": "a-docs", "action": "read"},
        {"name": "a-docs", "action": "read", "params": {"dataset": "prod"}},
        {"name": "sanity-project", "action": "read", "params": {}},
        {"name": "a-docs", "action": "create", "params": null},
        {"name": "z-docs", "action": "mode", "params": {"history": true, "mode": "read", "dataset": "prod"}}]},
      {"name": "b-empty", "title": "B", "appliesToUsers": false, "permissions": []}]})");
  const auto out = rolec::adopt::import_policy(state, rolec::schemas::builtin());
  CHECK(out.warnings.empty());
  CHECK(out.role_count == 2);
  CHECK(out.builtin_left_out == 2);
  CHECK(out.permission_count == 2);
  CHECK(out.predefined_left_out == 1);
  CHECK(out.document() == R"(# Imported by `rolec import` from project `p1` (Access API v2025-07-11).
# Only custom roles and permissions are here: built-in ones are Sanity's, and grants name them.

[permissions.a-docs]
title = "A \"docs\""
description = "About A"
filter = '_type == "a"'

[permissions.z-docs]
title = "Z"
type = "sanity.document.filter.mode"
filter = "_type == 'z'"

[roles.b-empty]
title = "B"
applies_to_users = false

[roles.writer]
title = "Writer"
applies_to_robots = false
grants = [
  { permission = "a-docs", actions = ["create", "read", "update"] },
  { permission = "a-docs", actions = ["read"], params = { dataset = "prod" } },
  { permission = "sanity-project", actions = ["read"] },
  { permission = "z-docs", mode = "read", history = true, params = { dataset = "prod" } },
]
)");
}

TEST_CASE("import quotes odd names, keeps what TOML can hold and warns about the rest", "[import]") {
  const auto state = parsed(R"([
      {"name": "Odd.Name", "permissions": [{"name": "x y", "action": "mode", "params": {"mode": 1, "gone": null}}]},
      {"name": "sanity-new-thing", "title": "New", "type": "sanity.project.new", "config": {"dataset": "a"}}])");
  const auto out = rolec::adopt::import_policy(state, rolec::schemas::builtin());
  CHECK(out.header.find("from a live state that names no project.\n") != std::string::npos);
  CHECK(out.document().find(R"([permissions.sanity-new-thing]
title = "New"
type = "sanity.project.new"
)") != std::string::npos);
  CHECK(out.document().find(R"([roles."Odd.Name"]
title = "Odd.Name"
grants = [
  { permission = "x y", actions = ["mode"], params = { mode = 1 } },
]
)") != std::string::npos);
  REQUIRE(out.warnings.size() == 4);
  CHECK(out.warnings[0] == "permission `sanity-new-thing` is not in rolec's catalogue of predefined permissions, so it was "
                           "imported as a custom one; if Sanity provides it, delete it from the policy");
  CHECK(out.warnings[1] == "permission `sanity-new-thing`: `config.dataset` has no place in policy TOML and was left out");
  CHECK(out.warnings[2] == "role `Odd.Name` has no title; its name is used");
  CHECK(out.warnings[3] ==
        "role `Odd.Name`: param `gone` of its `mode` entry for `x y` is null, which TOML cannot express; it was left out");
  CHECK(out.roles_file().find("\n[roles.\"Odd.Name\"]\n") != std::string::npos);
  CHECK(out.permissions_file().find(out.header) == 0);
}

TEST_CASE("a role is built in by isCustom, or by its name when isCustom is absent", "[import]") {
  const auto& catalog = rolec::schemas::builtin();
  rolec::model::role role;
  role.name = "editor";
  CHECK_FALSE(rolec::adopt::is_custom(role, catalog));
  role.is_custom = true;
  CHECK(rolec::adopt::is_custom(role, catalog));
  role.name = "post-editor";
  role.is_custom = false;
  CHECK_FALSE(rolec::adopt::is_custom(role, catalog));
  role.is_custom.reset();
  CHECK(rolec::adopt::is_custom(role, catalog));
}

TEST_CASE("import output does not depend on the order of the live listings", "[import]") {
  json live = live_state();
  const std::string forward = temp_file("order-forward.json", live.dump());
  std::reverse(live["roles"].begin(), live["roles"].end());
  std::reverse(live["permissions"].begin(), live["permissions"].end());
  for (json& r : live["roles"]) std::reverse(r["permissions"].begin(), r["permissions"].end());
  const std::string backward = temp_file("order-backward.json", live.dump(2));
  const auto a = run_shell("rolec import " + forward);
  const auto b = run_shell("rolec import " + backward);
  CHECK(a.status == 0);
  CHECK(a.out == b.out);
  CHECK(a.out.rfind("# Imported by `rolec import` from project `adopt123` (Access API v2025-07-11).\n", 0) == 0);
}

TEST_CASE("the seeds' built-in roles are read, and import leaves them out", "[import]") {
  const std::vector<json> roles = builtin_roles();
  REQUIRE(roles.size() == 7);
  json live = {{"format_version", "1"}, {"resource", {{"type", "project"}, {"id", project_id}}}, {"roles", roles}};
  const auto state = parsed(live.dump());
  const auto out = rolec::adopt::import_policy(state, rolec::schemas::builtin());
  CHECK(out.builtin_left_out == 7);
  CHECK(out.role_count == 0);
  CHECK(out.roles.empty());
  // Without `isCustom`, the names alone say they are built in.
  for (json& r : live["roles"]) r.erase("isCustom");
  CHECK(rolec::adopt::import_policy(parsed(live.dump()), rolec::schemas::builtin()).builtin_left_out == 7);
  const auto administrator = std::find_if(roles.begin(), roles.end(), [](const json& r) { return r["name"] == "administrator"; });
  REQUIRE(administrator != roles.end());
  CHECK((*administrator)["permissions"].size() >= 30);
}

// ---- (b) the round trip: live -> import -> lint -> build (access-api) -> the same bodies ----

TEST_CASE("import round trip: building the imported TOML gives back every custom body", "[import]") {
  const json live = live_state();
  const std::string live_file = temp_file("round-trip-live.json", live.dump(2));
  const std::string dir = fresh_folder("round-trip-policy");

  const auto imported = run_shell("rolec import " + live_file + " -o " + dir);
  INFO(imported.err);
  REQUIRE(imported.status == 0);
  CHECK(imported.out.empty());
  CHECK(imported.err == "imported 5 custom permissions and 3 custom roles into " + dir +
                            " (left out 2 predefined permissions and 7 built-in roles)\n");
  const std::string permissions_toml = read_text(dir + "/permissions.toml");
  const std::string roles_toml = read_text(dir + "/roles.toml");
  INFO(permissions_toml << roles_toml);
  // The strings took the forms they should: literal, multi-line literal and escaped.
  CHECK(permissions_toml.find("filter = '_type == \"post\"'\n") != std::string::npos);
  CHECK(permissions_toml.find("filter = '''\n_type == \"article\"\n  && author._ref == identity()'''\n") != std::string::npos);
  CHECK(permissions_toml.find(R"(filter = "slug.current != \"a\\\\b\" && title == \"café ☕\" && _type == 'memo'")") !=
        std::string::npos);
  CHECK(permissions_toml.find(R"(filter = "_type == \"note\"\n\t&& title != \"'''\"")") != std::string::npos);
  CHECK(permissions_toml.find(R"(title = "Own \"articles\" — Ünïcödé ✓")") != std::string::npos);
  CHECK(permissions_toml.find(R"(description = "Articles the user wrote\nback\\slash\ttab")") != std::string::npos);
  CHECK(roles_toml.find("  { permission = \"news\", mode = \"create\", history = true, params = { dataset = \"production\" } },\n") !=
        std::string::npos);
  CHECK(roles_toml.find("  { permission = \"sanity-all-documents\", mode = \"read\", history = false },\n") != std::string::npos);
  CHECK(roles_toml.find("applies_to_users = false\n") != std::string::npos);
  for (const char* builtin : {"administrator", "editor", "viewer", "create-session", "deploy-studio"}) {
    CHECK(roles_toml.find(std::string("[roles.") + builtin + "]") == std::string::npos);
  }

  // The import lints clean: the live policy of the fixtures has nothing to report.
  const auto linted = run_shell("rolec lint " + dir);
  CHECK(linted.status == 0);
  CHECK(linted.out == "checked 2 files (3 roles, 5 permissions): no findings\n");

  const auto built = run_shell("rolec build " + dir);
  INFO(built.err);
  REQUIRE(built.status == 0);
  const json bundle = json::parse(built.out);
  const auto& catalog = rolec::schemas::builtin();

  std::map<std::string, json> live_permissions;
  for (const json& p : live["permissions"]) {
    if (catalog.permission(p["name"].get<std::string>()) == nullptr) live_permissions.emplace(p["name"], normal_permission(p));
  }
  std::map<std::string, json> live_roles;
  for (const json& r : live["roles"]) {
    if (r.value("isCustom", catalog.role(r["name"].get<std::string>()) == nullptr)) live_roles.emplace(r["name"], normal_role(r));
  }
  REQUIRE(live_permissions.size() == 5);
  REQUIRE(live_roles.size() == 3);
  const auto built_permissions = by_name(bundle["permissions"], normal_permission);
  const auto built_roles = by_name(bundle["roles"], normal_role);
  CHECK(built_permissions.size() == live_permissions.size());
  CHECK(built_roles.size() == live_roles.size());
  for (const auto& [name, body] : live_permissions) {
    INFO("permission " << name);
    REQUIRE(built_permissions.count(name) == 1);
    CHECK(built_permissions.at(name).dump(2) == body.dump(2));
  }
  for (const auto& [name, body] : live_roles) {
    INFO("role " << name);
    REQUIRE(built_roles.count(name) == 1);
    CHECK(built_roles.at(name).dump(2) == body.dump(2));
  }

  // And a plan of the imported policy against the same live state has nothing to do.
  const auto planned = run_shell("rolec plan --detailed-exitcode --live " + live_file + " " + dir);
  INFO(planned.out << planned.err);
  CHECK(planned.status == 0);
  CHECK(planned.out == "No changes: project `" + project_id + "` matches the policy.\n");
}

// ---- (c) the command line ----

TEST_CASE("import merges raw Access API responses and prints one document", "[import][cli]") {
  const auto r = run_shell("rolec import " + fixture("custom-permissions.json") + " " + fixture("custom-roles.json"));
  CHECK(r.status == 0);
  CHECK(r.err == "imported 5 custom permissions and 3 custom roles (left out 2 predefined permissions and 0 built-in roles)\n");
  CHECK(r.out.rfind("# Imported by `rolec import` from project `adopt123`.\n", 0) == 0);
  CHECK(r.out.find("[permissions.memos]") < r.out.find("[roles.memo-reviewer]"));
  // Standard input too, and `-o -` means standard output.
  const auto piped = run_shell("cat " + fixture("custom-roles.json") + " | rolec import " + fixture("custom-permissions.json") +
                               " - -o -");
  CHECK(piped.status == 0);
  CHECK(piped.out == r.out);
}

TEST_CASE("import exits 3 with a message on input it cannot read", "[import][cli]") {
  const auto none = run_shell("rolec import");
  CHECK(none.status == 3);
  const auto missing = run_shell("rolec import /nonexistent/live.json");
  CHECK(missing.status == 3);
  CHECK(missing.err == "rolec: error: /nonexistent/live.json: No such file or directory\n");
  const std::string broken = temp_file("broken-live.json", "{\n  \"roles\": [\n    {\"name\": \"x\",}\n  ]\n}\n");
  const auto syntax = run_shell("rolec import " + broken);
  CHECK(syntax.status == 3);
  CHECK(syntax.out.empty());
  CHECK(syntax.err.find("rolec: error: " + broken + ":3:18: not valid JSON: syntax error while parsing object key") == 0);
  const auto shape = run_shell("rolec import " + temp_file("shape-live.json", R"({"roles": {}})"));
  CHECK(shape.status == 3);
  CHECK(shape.err.find("shape-live.json: not a live state: expected a `rolec pull` file") != std::string::npos);
  const auto org = run_shell("rolec import " + temp_file("org-live.json",
      R"({"format_version": "1", "resource": {"type": "organization", "id": "o1"}, "roles": []})"));
  CHECK(org.status == 3);
  CHECK(org.err == "rolec: error: " + temp_file("org-live.json",
      R"({"format_version": "1", "resource": {"type": "organization", "id": "o1"}, "roles": []})") +
      ": `resource` belongs to a resource of type `organization` (`o1`); rolec imports the roles and permissions of a project\n");
  const auto two = run_shell("rolec import " + fixture("custom-roles.json") + " " +
                             temp_file("other-project.json", R"({"format_version": "1", "resource": {"type": "project", "id": "other"}})"));
  CHECK(two.status == 3);
  CHECK(two.err.find("belongs to project `other`, but " + fixture("custom-roles.json") + " is about project `adopt123`") !=
        std::string::npos);
}

TEST_CASE("import -o writes two files and never replaces one", "[import][cli]") {
  const std::string dir = fresh_folder("import-out");
  const std::string live = fixture("custom-roles.json") + " " + fixture("custom-permissions.json");
  const auto first = run_shell("rolec import " + live + " -o " + dir);
  REQUIRE(first.status == 0);
  const std::string roles = read_text(dir + "/roles.toml");
  CHECK(roles.rfind("# Imported by `rolec import` from project `adopt123`.\n", 0) == 0);
  CHECK(read_text(dir + "/permissions.toml").find("[permissions.posts]") != std::string::npos);
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 2);  // no temporary files left

  const auto again = run_shell("rolec import " + live + " -o " + dir);
  CHECK(again.status == 3);
  CHECK(again.err.find("rolec: error: " + dir + "/permissions.toml: already exists; rolec import never replaces a file") == 0);

  // One existing file is enough to refuse, and the other is not written either.
  fs::remove(dir + "/permissions.toml");
  std::ofstream(dir + "/roles.toml") << "# mine\n";
  const auto partial = run_shell("rolec import " + live + " -o " + dir);
  CHECK(partial.status == 3);
  CHECK(partial.err.find(dir + "/roles.toml: already exists") != std::string::npos);
  CHECK(read_text(dir + "/roles.toml") == "# mine\n");
  CHECK_FALSE(fs::exists(dir + "/permissions.toml"));

  const auto not_folder = run_shell("rolec import " + live + " -o " + dir + "/roles.toml");
  CHECK(not_folder.status == 3);
  CHECK(not_folder.err == "rolec: error: " + dir + "/roles.toml: exists and is not a folder\n");

  // A project without custom roles still gets both files, each saying what is missing.
  const std::string empty_dir = fresh_folder("import-empty");
  const auto empty = run_shell("rolec import " + temp_file("empty-live.json", R"({"data": []})") + " -o " + empty_dir);
  CHECK(empty.status == 0);
  CHECK(read_text(empty_dir + "/roles.toml").find("# The project has no custom roles.\n") != std::string::npos);
  CHECK(run_shell("rolec lint " + empty_dir).status == 0);
}

TEST_CASE("import warns about an unfinished page and about what TOML cannot hold", "[import][cli]") {
  const auto r = run_shell("rolec import " + temp_file("page-live.json", R"({"data": [{"name": "r", "title": "R",
    "permissions": [{"name": "p", "action": "read", "params": {"x": null}}]}], "nextCursor": "c2"})"));
  CHECK(r.status == 0);
  CHECK(r.err.find(": the response has a `nextCursor`, so more pages follow; give every page (or use `rolec pull`)\n") !=
        std::string::npos);
  CHECK(r.err.find("rolec: warning: role `r`: param `x` of its `read` entry for `p` is null") != std::string::npos);
}

TEST_CASE("the import guide's example is what rolec import prints", "[import][docs]") {
  const std::string page = read_text(std::string(ROLEC_SOURCE_DIR) + "/docs/import.md");
  const auto live = rolec::test::fenced_blocks(page, "json");
  const auto policy = rolec::test::fenced_blocks(page, "toml");
  REQUIRE(!live.empty());
  REQUIRE(!policy.empty());
  const auto r = run_shell("rolec import " + temp_file("guide-live.json", live[0]));
  CHECK(r.status == 0);
  CHECK(r.out == policy[0] + "\n");
  const std::string format = read_text(std::string(ROLEC_SOURCE_DIR) + "/docs/live-state.md");
  for (const std::string& example : rolec::test::fenced_blocks(format, "json")) {
    INFO(example);
    CHECK(run_shell("rolec import " + temp_file("format-live.json", example)).status == 0);
  }
}
