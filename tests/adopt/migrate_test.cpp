// `rolec import` from the deprecated access control: `system.group` documents (NDJSON export or
// JSON array) and the legacy Roles API's `GET /roles` listing; the round trips back through
// `--target groups` and `--target roles-api`, and what bad input gets.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "model/group_filter.hpp"
#include "schemas/catalog.hpp"
#include "support/markdown.hpp"
#include "support/run.hpp"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using rolec::test::read_text;
using rolec::test::run_shell;
using rolec::test::temp_file;

std::string fixture(const std::string& name) { return std::string(ROLEC_TESTS_DIR) + "/adopt/" + name; }

std::string fresh_folder(const std::string& name) {
  const fs::path dir = fs::path(temp_file("anchor", "")).parent_path() / name;
  fs::remove_all(dir);
  return dir.string();
}

// A group as the round trip compares it: path grants as the filter they mean, each filter once
// with its permissions sorted, grants sorted by filter, members sorted.
json normal_group(const json& doc) {
  std::map<std::string, std::set<std::string>> grants;
  for (const json& g : doc.value("grants", json::array())) {
    const std::string filter = g.contains("path") ? rolec::model::path_filter(g["path"].get<std::string>())
                                                  : g["filter"].get<std::string>();
    for (const json& p : g["permissions"]) grants[filter].insert(p.get<std::string>());
  }
  json out = {{"grants", json::array()}};
  for (const auto& [filter, permissions] : grants) out["grants"].push_back({{"filter", filter}, {"permissions", permissions}});
  std::set<std::string> members;
  for (const json& m : doc.value("members", json::array())) members.insert(m.get<std::string>());
  out["members"] = members;
  return out;
}

// The custom groups of the fixture export, by id, as normal_group has them.
std::map<std::string, json> exported_groups() {
  std::map<std::string, json> out;
  std::istringstream in(read_text(fixture("groups-export.ndjson")));
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const json doc = json::parse(line);
    if (doc["_type"] != "system.group") continue;
    const std::string id = doc["_id"];
    if (id == "_.groups.administrator" || id == "_.groups.read") continue;
    out.emplace(id == "_.groups.Sales_Team" ? "_.groups.sales_team" : id, normal_group(doc));
  }
  return out;
}

// The groups target's documents for the imported policy in `dir`, as `rolec build` prints them.
std::string build_groups(const std::string& dir) {
  const auto built = run_shell("rolec build --target groups " + dir);
  INFO(built.err);
  REQUIRE(built.status == 0);
  return built.out;
}

// The groups of a mutations payload, by id: each createIfNotExists's members with its patch's grants.
std::map<std::string, json> built_groups(const json& mutations) {
  std::map<std::string, json> docs;
  for (const json& m : mutations) {
    if (m.contains("createIfNotExists")) docs[m["createIfNotExists"]["_id"]]["members"] = m["createIfNotExists"]["members"];
    if (m.contains("patch")) {
      const json& set = m["patch"]["set"];
      docs[m["patch"]["id"]]["grants"] = set["grants"];
      CHECK(set["members"] == docs[m["patch"]["id"]]["members"]);
    }
  }
  std::map<std::string, json> out;
  for (const auto& [id, doc] : docs) out.emplace(id, normal_group(doc));
  return out;
}

}  // namespace

TEST_CASE("groups: an NDJSON export and a JSON array import to the same policy", "[import][groups]") {
  const auto ndjson = run_shell("rolec import " + fixture("groups-export.ndjson"));
  const auto array = run_shell("rolec import " + fixture("groups-array.json"));
  INFO(ndjson.err);
  REQUIRE(ndjson.status == 0);
  CHECK(array.status == 0);
  CHECK(array.out == ndjson.out);
  CHECK(ndjson.err.find("imported 8 custom permissions, 5 custom roles and 6 members (left out 2 built-in groups and 3 "
                        "other documents)\n") != std::string::npos);
  CHECK(array.err.find("(left out 2 built-in groups and 0 other documents)\n") != std::string::npos);
  // `$identity` became `identity()`, a path grant its filter, `everyone` a member.
  CHECK(ndjson.out.find("author._ref == identity()'") != std::string::npos);
  CHECK(ndjson.out.find("$identity", ndjson.out.find("[permissions.")) == std::string::npos);  // the header names it
  CHECK(ndjson.out.find("filter = '_id in path(\"previews.**\")'") != std::string::npos);
  CHECK(ndjson.out.find("\"everyone\" = [\"public-preview\"]\n") != std::string::npos);
}

TEST_CASE("groups round trip: import then --target groups gives the same groups, byte-stable", "[import][groups]") {
  const std::string dir = fresh_folder("groups-round-trip");
  const auto imported = run_shell("rolec import " + fixture("groups-export.ndjson") + " -o " + dir);
  INFO(imported.err);
  REQUIRE(imported.status == 0);
  CHECK(fs::exists(dir + "/members.toml"));
  // The imported policy lints without errors ([members] included) and builds back to the export.
  const auto linted = run_shell("rolec lint " + dir);
  INFO(linted.out);
  CHECK(linted.status == 0);
  const std::string first = build_groups(dir);
  CHECK(built_groups(json::parse(first)["mutations"]) == exported_groups());

  // A second run of both gives the same bytes.
  const std::string again = fresh_folder("groups-round-trip-2");
  REQUIRE(run_shell("rolec import " + fixture("groups-export.ndjson") + " -o " + again).status == 0);
  for (const char* f : {"permissions.toml", "roles.toml", "members.toml"}) {
    INFO(f);
    CHECK(read_text(again + "/" + f) == read_text(dir + "/" + f));
  }
  CHECK(build_groups(again) == first);
}

TEST_CASE("legacy roles round trip: import then --target roles-api gives the same bodies", "[import][legacy]") {
  const std::string dir = fresh_folder("legacy-round-trip");
  const auto imported = run_shell("rolec import " + fixture("legacy-roles.json") + " -o " + dir);
  INFO(imported.err);
  REQUIRE(imported.status == 0);
  CHECK(imported.err.find("imported 3 custom permissions and 3 custom roles into " + dir +
                          " (left out 0 predefined permissions and 2 built-in roles)\n") != std::string::npos);
  const auto linted = run_shell("rolec lint " + dir);
  INFO(linted.out);
  CHECK(linted.status == 0);
  const auto built = run_shell("rolec build --target roles-api " + dir);
  INFO(built.err);
  REQUIRE(built.status == 0);
  const json bundle = json::parse(built.out);

  // What the built calls create: resources by name, roles, and grants as (role, action, type,
  // filter, params), with the resource named by what it is rather than its generated name.
  const auto& catalog = rolec::schemas::builtin();
  std::map<std::string, std::pair<std::string, std::string>> resources;  // name -> type, filter
  for (const auto& p : catalog.permissions()) resources[p.name] = {p.type, p.filter.value_or("")};
  std::set<json> built_roles;
  std::set<json> built_grants;
  for (const json& call : bundle["calls"]) {
    const json& body = call["body"];
    if (call.contains("result")) {
      resources[call["result"].get<std::string>().substr(9)] = {body["permissionResourceType"],
                                                                 body["config"].value("filter", "")};
    } else if (body.contains("roleName")) {
      std::string resource = body["permissionResourceId"];
      resource = resource.substr(11, resource.size() - 13);  // {{resource:NAME}}
      REQUIRE(resources.count(resource) == 1);
      built_grants.insert(json::array({body["roleName"], body["permissionName"], resources[resource].first,
                                       resources[resource].second, body.value("params", json::object())}));
    } else {
      built_roles.insert(body);
    }
  }

  // The same, read from the listing: custom roles only, `datasetPolicyName` left out (every
  // grant of the fixture is on the default policy but one, which the import warned about).
  std::set<json> listed_roles;
  std::set<json> listed_grants;
  for (const json& r : json::parse(read_text(fixture("legacy-roles.json")))) {
    if (!r["isCustom"]) continue;
    listed_roles.insert(json::object({{"title", r["title"]}, {"name", r["name"]}, {"description", r["description"]}}));
    for (const auto& [type, entries] : r["grants"].items()) {
      for (const json& e : entries) {
        for (const json& g : e["grants"]) {
          json params = g["params"];
          params.erase("datasetPolicyName");
          listed_grants.insert(json::array({r["name"], g["name"], type, e["config"].value("filter", ""), params}));
        }
      }
    }
  }
  CHECK(built_roles == listed_roles);
  CHECK(built_grants == listed_grants);
  CHECK(imported.err.find("rolec: warning: role `robot-reader`: its `read` grant on `type-awesome` is limited to dataset "
                          "policy \"archive\", which the Access API does not have; the grant now covers every dataset\n") !=
        std::string::npos);

  // A second run gives the same bytes.
  const auto again = run_shell("rolec build --target roles-api " + dir);
  CHECK(again.out == built.out);
}

TEST_CASE("groups and legacy roles: bad input is a clear error, exit 3, and nothing written", "[import][groups]") {
  struct bad {
    std::string name;
    std::string content;
    std::string message;  // what the error says after `FILE`
  };
  const std::vector<bad> cases = {
      {"broken.ndjson",
       "{\"_id\":\"_.groups.a\",\"_type\":\"system.group\"}\n{\"_id\":\"x\",\"_type\":\"post\"}\n{\"_id\": \"_.groups.b\", \"_type\": }\n",
       ":3:32: not valid JSON: syntax error while parsing value"},
      {"no-id.ndjson", "{\"_type\":\"system.group\",\"grants\":[],\"members\":[]}\n",
       ":1: a `system.group` document has no `_id`\n"},
      {"no-id.json", "[{\"_id\": \"_.groups.a\", \"_type\": \"system.group\"}, {\"_type\": \"system.group\"}]",
       ": a `system.group` document at `[1]` has no `_id`\n"},
      {"unknown-permission.ndjson",
       "{\"_id\":\"_.groups.a\",\"_type\":\"system.group\",\"grants\":[{\"path\":\"**\",\"permissions\":[\"read\",\"delete\"]}]}\n",
       ":1: `grants[0].permissions[1]` is `delete`, which is not a permission of `system.group` grants (read, create, update, "
       "manage, history, editHistory)\n"},
      {"path-and-filter.ndjson",
       "{\"_id\":\"_.groups.a\",\"_type\":\"system.group\",\"grants\":[{\"path\":\"**\",\"filter\":\"true\",\"permissions\":[]}]}\n",
       ":1: `grants[0]` must have either `path` or `filter`\n"},
      {"not-a-group.ndjson", "{\"_id\":\"groups.a\",\"_type\":\"system.group\"}\n",
       ":1: `groups.a` is not a group id: `system.group` documents are `_.groups.NAME`\n"},
      {"no-groups.ndjson", "{\"_id\":\"a\",\"_type\":\"post\"}\n", ": no `system.group` documents in 1 document\n"},
      {"legacy-broken.json", "[{\"name\": \"r\", \"grants\": {\"sanity.project\": [}}]", ":1:46: not valid JSON"},
      {"legacy-type.json",
       "[{\"name\": \"r\", \"isCustom\": true, \"grants\": {\"sanity.nope\": [{\"grants\": [], \"config\": {}}]}}]",
       ": `[0].grants.sanity.nope[0]`: `sanity.nope` is not a permission resource type\n"},
  };
  for (const bad& c : cases) {
    INFO(c.name);
    const std::string file = temp_file(c.name, c.content);
    const std::string dir = fresh_folder("bad-" + c.name);
    const auto r = run_shell("rolec import " + file + " -o " + dir);
    CHECK(r.status == 3);
    CHECK(r.out.empty());
    CHECK(r.err.find("rolec: error: " + file + c.message) == 0);
    CHECK_FALSE(fs::exists(dir));
  }
  // Two kinds of input at once are refused.
  const auto mixed = run_shell("rolec import " + fixture("groups-export.ndjson") + " " + fixture("legacy-roles.json"));
  CHECK(mixed.status == 3);
  CHECK(mixed.err == "rolec: error: " + fixture("legacy-roles.json") + " holds a Roles API listing, but " +
                         fixture("groups-export.ndjson") + " holds `system.group` documents; import one kind of input at "
                         "a time\n");
}

TEST_CASE("groups: `$identity` and `identity()` are rewritten as tokens, never inside strings", "[import][groups]") {
  using rolec::model::identity_to_call;
  using rolec::model::identity_to_param;
  CHECK(identity_to_call("author._ref == $identity") == "author._ref == identity()");
  CHECK(identity_to_call("$identity in editors[]._ref && note == '$identity'") ==
        "identity() in editors[]._ref && note == '$identity'");
  CHECK(identity_to_call("$identityX == 1 && $identity2 == 2") == "$identityX == 1 && $identity2 == 2");
  CHECK(identity_to_param("author._ref == identity() && t == \"identity()\"") == "author._ref == $identity && t == \"identity()\"");
  CHECK(identity_to_param("x.identity() == 1 && myidentity() == 2") == "x.identity() == 1 && myidentity() == 2");
  CHECK(identity_to_call(identity_to_param("a == identity() && b == 'it''s'")) == "a == identity() && b == 'it''s'");
  CHECK(rolec::model::path_filter("drafts.**") == "_id in path(\"drafts.**\")");
}

TEST_CASE("groups: a name that renaming would turn into a built-in group's, or start with `-`, builds back", "[import][groups]") {
  const std::string input = temp_file("renamed-groups.json", R"([
  {"_id": "_.groups.Read", "_type": "system.group", "grants": [{"filter": "_type == 'a'", "permissions": ["read"]}], "members": ["p-a"]},
  {"_id": "_.groups.-x", "_type": "system.group", "grants": [{"filter": "_type == 'b'", "permissions": ["read"]}], "members": []}
])");
  const std::string dir = fresh_folder("renamed-groups");
  const auto imported = run_shell("rolec import -o " + dir + " " + input);
  INFO(imported.err);
  REQUIRE(imported.status == 0);
  CHECK(imported.err.find("imported as role `read-group`") != std::string::npos);
  CHECK(imported.err.find("imported as role `group-x`") != std::string::npos);
  const auto groups = built_groups(json::parse(build_groups(dir))["mutations"]);
  CHECK(groups.count("_.groups.read-group") == 1);
  CHECK(groups.count("_.groups.group-x") == 1);
}
