// The legacy targets of `rolec build`: the 2021 Roles API call sequence (`roles-api`) and the
// `system.group` mutations (`groups`), with what each cannot express (RC601, RC602).

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "build/compile.hpp"
#include "build/target.hpp"
#include "lint/lint.hpp"
#include "support/run.hpp"
#include "util/json_text.hpp"

namespace {

using rolec::build::target;
using json = nlohmann::json;

struct built {
  json bundle;
  std::vector<std::pair<std::string, json>> files;
  std::vector<std::string> findings;  ///< "RC601 LINE:COL message"
  std::string text;                   ///< the bundle as `rolec build` prints it
};

// `policy` linted (it must have no errors), compiled and emitted for `which`.
built build(const std::string& policy, target which) {
  const std::string file = rolec::test::temp_file("targets.toml", policy);
  rolec::diag::source_manager sources;
  const auto linted = rolec::lint::lint({file}, sources);
  REQUIRE(linted.errors.empty());
  for (const auto& d : linted.findings) {
    INFO(d.message);
    REQUIRE(d.level != rolec::diag::severity::error);
  }
  std::string error;
  const auto compiled = rolec::build::compile(linted.merged, linted.resolved, std::nullopt, error);
  REQUIRE(compiled);
  const auto out = rolec::build::emit(which, *compiled);
  built result;
  result.text = rolec::util::json_text(out.bundle, 2);
  result.bundle = json::parse(result.text);
  for (const auto& [path, content] : out.files) result.files.emplace_back(path, json::parse(content.dump()));
  for (const auto& d : out.diagnostics) {
    const auto at = sources.file(d.source).position_of(d.where.begin);
    result.findings.push_back(fmt::format("{} {}:{} {}", rolec::diag::info(d.rule).id, at.line, at.column, d.message));
  }
  return result;
}

const std::string blog = R"toml([project]
id = "abc123xy"

[permissions.posts]
title = "Posts"
description = "Blog posts"
filter = '_type == "post"'

[permissions.posts-mode]
title = "Posts (mode)"
type = "sanity.document.filter.mode"
filter = '_type == "post"'

[roles.writer]
title = "Writer"
description = "Writes posts"
grants = [
  { permission = "posts", actions = ["update", "read"] },
  { permission = "sanity-project", actions = ["read"] },
  { permission = "posts-mode", mode = "create", history = true },
]
)toml";

json post(const std::string& path, json body) { return {{"method", "POST"}, {"path", path}, {"body", std::move(body)}}; }

json grant(const std::string& role, const std::string& action, const std::string& resource) {
  return post("/projects/abc123xy/grants",
              {{"roleName", role}, {"permissionName", action}, {"permissionResourceId", "{{resource:" + resource + "}}"}});
}

}  // namespace

TEST_CASE("roles-api: resources, then roles, then one grant per entry with resource placeholders", "[build][targets]") {
  const built b = build(blog, target::roles_api);
  CHECK(b.findings.empty());
  CHECK(b.bundle["format_version"] == "1");
  CHECK(b.bundle["target"] == "roles-api");
  CHECK(b.bundle["api_version"] == "v2021-06-07");
  CHECK(b.bundle["resource"] == json{{"type", "project"}, {"id", "abc123xy"}});

  json resource = post("/projects/abc123xy/permissionResources",
                       {{"permissionResourceType", "sanity.document.filter"},
                        {"title", "Posts"},
                        {"description", "Blog posts"},
                        {"config", {{"filter", "_type == \"post\""}}}});
  resource["result"] = "resource:posts";
  json mode_resource = post("/projects/abc123xy/permissionResources",
                            {{"permissionResourceType", "sanity.document.filter.mode"},
                             {"title", "Posts (mode)"},
                             {"description", ""},
                             {"config", {{"filter", "_type == \"post\""}}}});
  mode_resource["result"] = "resource:posts-mode";
  json mode_grant = grant("writer", "mode", "posts-mode");
  mode_grant["body"]["params"] = {{"mode", "create"}, {"history", true}};
  const json expected = {
      resource,
      mode_resource,
      post("/projects/abc123xy/roles", {{"title", "Writer"}, {"name", "writer"}, {"description", "Writes posts"}}),
      grant("writer", "read", "posts"),
      grant("writer", "update", "posts"),
      mode_grant,
      grant("writer", "read", "sanity-project"),
  };
  CHECK(b.bundle["calls"] == expected);
  // `mode` and `history` lead the params, as in Sanity's listings.
  CHECK(b.text.find(R"("params": {
          "mode": "create",
          "history": true)") != std::string::npos);

  REQUIRE(b.files.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(b.files[i].first == fmt::format("calls/{:03}.json", i + 1));
    CHECK(b.files[i].second == expected[i]);
  }
}

TEST_CASE("roles-api: a policy without a project id keeps the {projectId} placeholder", "[build][targets]") {
  const built b = build(R"toml([roles.reader]
title = "Reader"
extends = ["viewer"]
)toml",
                        target::roles_api);
  CHECK(b.findings.empty());
  CHECK(b.bundle["resource"]["id"] == nullptr);
  REQUIRE(b.bundle["calls"].size() > 1);
  CHECK(b.bundle["calls"][0]["path"] == "/projects/{projectId}/roles");
  for (const auto& call : b.bundle["calls"]) {
    CHECK(call["path"].get<std::string>().rfind("/projects/{projectId}/", 0) == 0);
    CHECK(call.count("result") == 0);
  }
  // Grants of a built-in role copied in refer to predefined resources, which a script looks up.
  json mode_grant = post("/projects/{projectId}/grants", {{"roleName", "reader"},
                                                          {"permissionName", "mode"},
                                                          {"permissionResourceId", "{{resource:sanity-all-documents}}"},
                                                          {"params", {{"mode", "read"}, {"history", true}}}});
  CHECK(b.bundle["calls"][1] == mode_grant);
}

TEST_CASE("roles-api: a dataset cannot be expressed, not even through extends", "[build][targets]") {
  const built b = build(R"toml([roles.prod-reader]
title = "Production reader"
grants = [
  { permission = "sanity-all-documents", mode = "read", params = { dataset = "production" } },
  { permission = "sanity-document-filter-images", actions = ["read"], params = { dataset = "production" } },
]

[roles.prod-auditor]
title = "Production auditor"
extends = ["prod-reader"]
grants = [{ permission = "sanity-project", actions = ["read"] }]
)toml",
                        target::roles_api);
  const std::vector<std::string> expected = {
      "RC601 4:3 the roles-api target cannot limit mode `read` on `sanity-all-documents` to dataset `production`: the "
      "2021 Roles API scopes grants by dataset policy, not by dataset",
      "RC601 5:62 the roles-api target cannot limit `read` on `sanity-document-filter-images` to dataset `production`: "
      "the 2021 Roles API scopes grants by dataset policy, not by dataset",
      "RC601 10:12 the roles-api target cannot limit mode `read` on `sanity-all-documents` (from `prod-reader` through "
      "`extends`) to dataset `production`: the 2021 Roles API scopes grants by dataset policy, not by dataset",
      "RC601 10:12 the roles-api target cannot limit `read` on `sanity-document-filter-images` (from `prod-reader` "
      "through `extends`) to dataset `production`: the 2021 Roles API scopes grants by dataset policy, not by dataset",
  };
  CHECK(b.findings == expected);
}

TEST_CASE("roles-api: who may hold a role cannot be sent, which is a warning", "[build][targets]") {
  const built b = build(R"toml([roles.people]
title = "People"
applies_to_users = true
applies_to_robots = false
grants = [{ permission = "sanity-project", actions = ["read"] }]

[roles.bots]
title = "Bots"
applies_to_users = false
grants = [{ permission = "sanity-project", actions = ["read"] }]
)toml",
                        target::roles_api);
  const std::vector<std::string> expected = {
      "RC602 4:21 the roles-api target cannot keep `applies_to_robots = false` of role `people`: POST /roles takes only "
      "a title, a name and a description",
      "RC602 9:20 the roles-api target cannot keep `applies_to_users = false` of role `bots`: POST /roles takes only a "
      "title, a name and a description",
  };
  CHECK(b.findings == expected);
  // Warnings only: the calls are still there, and POST /roles carries no audience.
  REQUIRE(b.bundle["calls"].size() == 4);
  CHECK(b.bundle["calls"][0]["body"] == json{{"title", "Bots"}, {"name", "bots"}, {"description", ""}});
}

TEST_CASE("groups: one group per role, created if missing and then given its grants", "[build][targets]") {
  const built b = build(R"toml([project]
id = "abc123xy"
api_version = "v2024-01-01"

[permissions.posts]
title = "Posts"
filter = '_type == "post"'

[permissions.authors]
title = "Authors"
filter = '_type == "author"'

[roles.writer]
title = "Writer"
grants = [
  { permission = "posts", actions = ["manage", "update", "read", "create"] },
  { permission = "authors", actions = ["read"] },
  { permission = "sanity-document-filter-drafts", actions = ["read"] },
]

[roles.empty]
title = "Empty"
)toml",
                        target::groups);
  CHECK(b.findings.empty());
  CHECK(b.bundle["target"] == "groups");
  CHECK(b.bundle["api_version"] == "v2024-01-01");
  const json writer_grants = json::array({
      {{"filter", "_type == \"author\""}, {"permissions", {"read"}}},
      {{"filter", "_type == \"post\""}, {"permissions", {"read", "create", "update", "manage"}}},
      {{"filter", "(_id in path(\"drafts.**\") || _id in path(\"versions.**\"))"}, {"permissions", {"read"}}},
  });
  const json expected = json::array({
      {{"createIfNotExists", {{"_id", "_.groups.empty"}, {"_type", "system.group"}, {"members", json::array()}}}},
      {{"patch", {{"id", "_.groups.empty"}, {"set", {{"grants", json::array()}}}}}},
      {{"createIfNotExists", {{"_id", "_.groups.writer"}, {"_type", "system.group"}, {"members", json::array()}}}},
      {{"patch", {{"id", "_.groups.writer"}, {"set", {{"grants", writer_grants}}}}}},
  });
  CHECK(b.bundle["mutations"] == expected);
  REQUIRE(b.files.size() == 2);
  CHECK(b.files[0].first == "documents/empty.json");
  CHECK(b.files[0].second == json{{"mutations", {expected[0], expected[1]}}});
  CHECK(b.files[1].first == "documents/writer.json");
  CHECK(b.files[1].second == json{{"mutations", {expected[2], expected[3]}}});
}

TEST_CASE("groups: members, history, editHistory and $identity as legacy groups have them", "[build][targets]") {
  const built b = build(R"toml([permissions.own]
title = "Own articles"
filter = '_type == "article" && author._ref == identity() && title != "identity()"'

[roles.author]
title = "Author"
grants = [{ permission = "own", actions = ["editHistory", "read", "history", "update"] }]

[roles.guest]
title = "Guest"
grants = [{ permission = "own", actions = ["read"] }]

[roles.nobody]
title = "Nobody"

[members]
"p-bob" = ["author"]
"everyone" = ["guest"]
"p-ann" = ["guest", "author"]
)toml",
                        target::groups);
  CHECK(b.findings.empty());
  const std::string filter = "_type == \"article\" && author._ref == $identity && title != \"identity()\"";
  const json expected = json::array({
      {{"createIfNotExists", {{"_id", "_.groups.author"}, {"_type", "system.group"}, {"members", {"p-ann", "p-bob"}}}}},
      {{"patch",
        {{"id", "_.groups.author"},
         {"set",
          {{"grants", {{{"filter", filter}, {"permissions", {"read", "update", "history", "editHistory"}}}}},
           {"members", {"p-ann", "p-bob"}}}}}}},
      {{"createIfNotExists", {{"_id", "_.groups.guest"}, {"_type", "system.group"}, {"members", {"everyone", "p-ann"}}}}},
      {{"patch",
        {{"id", "_.groups.guest"},
         {"set", {{"grants", {{{"filter", filter}, {"permissions", {"read"}}}}}, {"members", {"everyone", "p-ann"}}}}}}},
      // Managed members: a role nobody holds is a group without members, also when it exists.
      {{"createIfNotExists", {{"_id", "_.groups.nobody"}, {"_type", "system.group"}, {"members", json::array()}}}},
      {{"patch", {{"id", "_.groups.nobody"}, {"set", {{"grants", json::array()}, {"members", json::array()}}}}}},
  });
  CHECK(b.bundle["mutations"] == expected);
}

TEST_CASE("groups: every grant a system.group cannot hold is an error at its place", "[build][targets]") {
  const built b = build(R"toml([permissions.posts]
title = "Posts"
filter = '_type == "post"'

[roles.writer]
title = "Writer"
grants = [
  { permission = "posts", actions = ["read", "history", "editHistory"] },
  { permission = "sanity-all-documents", mode = "publish" },
  { permission = "sanity-project-datasets", actions = ["read"] },
  { permission = "sanity-document-filter-images", actions = ["update"], params = { dataset = "production" } },
]

[roles.write]
title = "Write"
grants = [{ permission = "posts", actions = ["read"] }]
)toml",
                        target::groups);
  const std::vector<std::string> expected = {
      "RC601 9:3 the groups target cannot express mode `publish` on `sanity-all-documents`: `system.group` grants have "
      "actions, not modes",
      "RC601 10:56 the groups target cannot express `read` on `sanity-project-datasets`: `system.group` grants cover "
      "documents, and `sanity-project-datasets` is a project permission",
      "RC601 11:62 the groups target cannot express `update` on `sanity-document-filter-images`: `system.group` grants "
      "take no params (`dataset`)",
      "RC601 14:8 role `write` would be written to `_.groups.write`, a built-in group that cannot be changed",
  };
  CHECK(b.findings == expected);
}

TEST_CASE("groups: grants copied through extends are reported at the extends entry", "[build][targets]") {
  const built b = build(R"toml([permissions.posts]
title = "Posts"
filter = '_type == "post"'

[roles.reader]
title = "Reader"
extends = ["viewer"]
grants = [{ permission = "posts", actions = ["read"] }]
)toml",
                        target::groups);
  REQUIRE(b.findings.size() == 6);  // the mode grant and five project permissions of `viewer`
  for (const std::string& f : b.findings) {
    CHECK(f.rfind("RC601 7:12 the groups target cannot express ", 0) == 0);
    CHECK(f.find(" (from `viewer` through `extends`): ") != std::string::npos);
  }
  CHECK(b.findings[0].find("mode `read` on `sanity-all-documents`") != std::string::npos);
}

TEST_CASE("groups: names of built-in groups and invalid ids are refused", "[build][targets]") {
  std::string policy;
  for (const char* name : {"public", "read", "-draft"}) {
    policy += fmt::format("[roles.{}]\ntitle = \"Role {}\"\ngrants = [{{ permission = \"sanity-document-filter-images\", "
                          "actions = [\"read\"] }}]\n\n",
                          name, name);
  }
  const built b = build(policy, target::groups);
  const std::vector<std::string> expected = {
      "RC601 1:8 role `public` would be written to `_.groups.public`, a built-in group that cannot be changed",
      "RC601 5:8 role `read` would be written to `_.groups.read`, a built-in group that cannot be changed",
      "RC601 9:8 role `-draft` would be written to `_.groups.-draft`, which is not a valid document id",
  };
  CHECK(b.findings == expected);
}

TEST_CASE("groups: who may hold a role is up to the group's members, which is a warning", "[build][targets]") {
  const built b = build(R"toml([roles.people]
title = "People"
applies_to_robots = false
grants = [{ permission = "sanity-document-filter-images", actions = ["read"] }]
)toml",
                        target::groups);
  const std::vector<std::string> expected = {
      "RC602 3:21 the groups target cannot keep `applies_to_robots = false` of role `people`: a `system.group` document "
      "applies to whoever its members are",
  };
  CHECK(b.findings == expected);
  CHECK(b.bundle["mutations"].size() == 2);
}

TEST_CASE("legacy targets give the same text on every build", "[build][targets]") {
  for (const target which : {target::roles_api, target::groups}) {
    const built first = build(blog, which);
    const built second = build(blog, which);
    CHECK(first.text == second.text);
    CHECK(first.findings == second.findings);
    REQUIRE(first.files.size() == second.files.size());
    for (std::size_t i = 0; i < first.files.size(); ++i) CHECK(first.files[i] == second.files[i]);
  }
}
