// The emulator's state and its rules, without HTTP: store operations, validation, state files.

#include <catch2/catch.hpp>

#include <algorithm>

#include "emulator/state_file.hpp"
#include "emulator/store.hpp"

using namespace rolec::emulator;

namespace {

const json posts_permission = json::parse(R"({"name": "posts", "title": "Posts", "type": "sanity.document.filter",
                                             "config": {"filter": "_type == \"post\""}})");

json role_body(const std::string& name, json permissions) {
  return json{{"name", name}, {"title", "Role " + name}, {"permissions", std::move(permissions)}};
}

const json reads_posts = json::array({{{"name", "posts"}, {"action", "read"}}});

// A project with the `posts` permission and two users: an administrator and an editor.
struct fixture {
  store s;
  project& p = s.add_project("p1");

  fixture() {
    s.create_permission(p, posts_permission);
    p.users.emplace("admin", user{{"admin", {"administrator"}, "Admin", ""}});
    p.users.emplace("ed", user{{"ed", {"editor"}, "Ed", ""}});
  }
};

// The status of an operation that may throw api_error, and its message.
template<typename Operation>
std::pair<int, std::string> outcome_of(Operation op) {
  try {
    return {op().status, ""};
  } catch (const api_error& e) {
    return {e.status, e.message};
  }
}

std::vector<std::string> names_in(const json& page) {
  std::vector<std::string> out;
  for (const json& item : page["data"]) out.push_back(item.value("name", item.value("sanityUserId", "")));
  return out;
}

}  // namespace

TEST_CASE("every project starts with the built-in roles and predefined permissions", "[emulator]") {
  store s;
  const project& p = s.add_project("p1");
  const json roles = s.list_roles(p, {500, ""}).body;
  const auto names = names_in(roles);
  CHECK(names.front() == "administrator");
  CHECK(std::count(names.begin(), names.end(), "editor") == 1);
  for (const json& r : roles["data"]) CHECK(r["isCustom"] == false);
  CHECK(roles["nextCursor"].is_null());
  const json permissions = s.list_permissions(p, {500, ""}).body;
  const auto permission_names = names_in(permissions);
  CHECK(std::count(permission_names.begin(), permission_names.end(), "sanity-project-roles") == 1);
  CHECK(std::count(permission_names.begin(), permission_names.end(), "sanity-all-documents") == 1);
  // Organisation permissions belong to organisations, not projects.
  CHECK(std::count(permission_names.begin(), permission_names.end(), "sanity-organization") == 0);
  const json all_documents = s.get_permission(p, "sanity-all-documents").body;
  CHECK(all_documents["type"] == "sanity.document.filter.mode");
  CHECK(all_documents["actions"][0]["name"] == "mode");
  CHECK(all_documents["resourceId"] == "p1");
}

TEST_CASE("custom roles are listed after the built-ins with isCustom true", "[emulator]") {
  fixture f;
  CHECK(f.s.create_role(f.p, role_body("reader", reads_posts)).status == 201);
  const json roles = f.s.list_roles(f.p, {500, ""}).body;
  const json& last = roles["data"].back();
  CHECK(last["name"] == "reader");
  CHECK(last["isCustom"] == true);
  CHECK(last["description"] == "");
  CHECK(last["appliesToUsers"] == true);
  CHECK(last["permissions"][0] == json({{"name", "posts"}, {"action", "read"}, {"params", json::object()}}));
}

TEST_CASE("pages follow the cursor and skip nothing when items change between pages", "[emulator]") {
  fixture f;
  for (const char* name : {"a-role", "c-role", "e-role"}) f.s.create_role(f.p, role_body(name, reads_posts));
  const std::size_t total = f.s.list_roles(f.p, {500, ""}).body["data"].size();
  std::vector<std::string> seen;
  page_request page{2, ""};
  bool changed = false;
  for (;;) {
    const json body = f.s.list_roles(f.p, page).body;
    CHECK(body["data"].size() <= 2);
    for (const auto& n : names_in(body)) seen.push_back(n);
    if (!changed && seen.size() >= 4) {
      f.s.create_role(f.p, role_body("d-role", reads_posts));  // after the cursor: it will be listed
      changed = true;
    }
    if (body["nextCursor"].is_null()) break;
    page.cursor = body["nextCursor"].get<std::string>();
  }
  CHECK(seen.size() == total + 1);
  CHECK(std::count(seen.begin(), seen.end(), "d-role") == 1);
  CHECK(seen.back() == "e-role");
}

TEST_CASE("limit must be 1 to 500", "[emulator]") {
  for (const char* bad : {"0", "501", "ten", "-1", "5x", ""}) {
    CHECK_THROWS_AS(read_page_request({{"limit", bad}}), api_error);
  }
  CHECK(read_page_request({}).limit == 100);
  CHECK(read_page_request({{"limit", "500"}, {"nextCursor", "x"}}).cursor == "x");
}

TEST_CASE("PUT replaces the whole role", "[emulator]") {
  fixture f;
  json body = role_body("reader", reads_posts);
  body["description"] = "reads posts";
  body["appliesToRobots"] = false;
  f.s.create_role(f.p, body);
  const json replacement = role_body("reader", json::array({{{"name", "sanity-project"}, {"action", "read"}}}));
  const json updated = f.s.update_role(f.p, "reader", replacement).body;
  CHECK(updated["description"] == "");
  CHECK(updated["appliesToRobots"] == true);
  CHECK(updated["permissions"].size() == 1);
  CHECK(updated["permissions"][0]["name"] == "sanity-project");
  CHECK(f.s.get_role(f.p, "reader").body == updated);
  CHECK(outcome_of([&] { return f.s.update_role(f.p, "missing", replacement); }).first == 404);
}

TEST_CASE("names are unique, built-in ones included", "[emulator]") {
  fixture f;
  CHECK(outcome_of([&] { return f.s.create_permission(f.p, posts_permission); }).first == 409);
  json builtin_name = posts_permission;
  builtin_name["name"] = "sanity-project";
  CHECK(outcome_of([&] { return f.s.create_permission(f.p, builtin_name); }).first == 409);
  f.s.create_role(f.p, role_body("reader", reads_posts));
  CHECK(outcome_of([&] { return f.s.create_role(f.p, role_body("reader", reads_posts)); }).first == 409);
  CHECK(outcome_of([&] { return f.s.create_role(f.p, role_body("editor", reads_posts)); }) ==
        std::pair<int, std::string>{409, "role `editor` already exists"});
}

TEST_CASE("built-in roles and predefined permissions cannot be changed", "[emulator]") {
  fixture f;
  const json body = role_body("editor", reads_posts);
  CHECK(outcome_of([&] { return f.s.update_role(f.p, "editor", body); }) ==
        std::pair<int, std::string>{403, "`editor` is a built-in role and cannot be changed"});
  CHECK(outcome_of([&] { return f.s.delete_role(f.p, "viewer"); }).first == 403);
  CHECK(outcome_of([&] { return f.s.update_permission(f.p, "sanity-project", posts_permission); }).first == 403);
  CHECK(outcome_of([&] { return f.s.delete_permission(f.p, "sanity-all-documents"); }).first == 403);
  CHECK(f.s.version() == 2);  // the project and `posts`, nothing since
}

TEST_CASE("a permission a role uses cannot be deleted, and the attempt is counted", "[emulator]") {
  fixture f;
  f.s.create_role(f.p, role_body("reader", reads_posts));
  const auto refused = outcome_of([&] { return f.s.delete_permission(f.p, "posts"); });
  CHECK(refused.first == 409);
  CHECK(refused.second == "permission `posts` is used by role `reader`; remove it from the roles first");
  CHECK(f.s.invariant_violations() == 1);
  const auto missing = outcome_of([&] { return f.s.create_role(f.p, role_body("x", json::array({{{"name", "gone"}, {"action", "read"}}}))); });
  CHECK(missing.first == 400);
  CHECK(missing.second == "`permissions[0].name`: permission `gone` does not exist in project `p1`");
  CHECK(f.s.invariant_violations() == 2);
  CHECK(f.s.invariant_holds());
  f.s.update_role(f.p, "reader", role_body("reader", json::array()));
  CHECK(f.s.delete_permission(f.p, "posts").status == 200);
  CHECK(outcome_of([&] { return f.s.get_permission(f.p, "posts"); }).first == 404);
  CHECK(f.s.invariant_violations() == 2);
}

TEST_CASE("a permission keeps its type", "[emulator]") {
  fixture f;
  json body = posts_permission;
  body["type"] = "sanity.document.filter.mode";
  CHECK(outcome_of([&] { return f.s.update_permission(f.p, "posts", body); }).first == 400);
  body = posts_permission;
  body["config"]["filter"] = "_type == \"article\"";
  CHECK(f.s.update_permission(f.p, "posts", body).body["config"]["filter"] == "_type == \"article\"");
}

TEST_CASE("a role a user holds cannot be deleted", "[emulator]") {
  fixture f;
  f.s.create_role(f.p, role_body("reader", reads_posts));
  CHECK(f.s.add_user_role(f.p, "ed", "reader").status == 201);
  CHECK(outcome_of([&] { return f.s.delete_role(f.p, "reader"); }) ==
        std::pair<int, std::string>{409, "role `reader` is assigned to user `ed`; take it from them first"});
  CHECK(f.s.remove_user_role(f.p, "ed", "reader").status == 200);
  CHECK(f.s.delete_role(f.p, "reader").status == 200);
}

TEST_CASE("users keep at least one role, and projects at least one administrator", "[emulator]") {
  fixture f;
  CHECK(outcome_of([&] { return f.s.remove_user_role(f.p, "ed", "editor"); }).first == 409);
  f.s.add_user_role(f.p, "admin", "viewer");
  CHECK(outcome_of([&] { return f.s.remove_user_role(f.p, "admin", "administrator"); }) ==
        std::pair<int, std::string>{409, "user `admin` is the last administrator of project `p1`"});
  f.s.add_user_role(f.p, "ed", "administrator");
  CHECK(f.s.remove_user_role(f.p, "admin", "administrator").body["memberships"][0]["roleNames"] == json::array({"viewer"}));
  CHECK(outcome_of([&] { return f.s.remove_user_role(f.p, "admin", "editor"); }).first == 404);
  CHECK(outcome_of([&] { return f.s.add_user_role(f.p, "nobody", "viewer"); }).first == 404);
  CHECK(outcome_of([&] { return f.s.add_user_role(f.p, "ed", "no-such-role"); }).first == 404);
  // deploy-studio is for robots only.
  CHECK(outcome_of([&] { return f.s.add_user_role(f.p, "ed", "deploy-studio"); }).first == 400);
  const auto before = f.s.version();
  CHECK(f.s.add_user_role(f.p, "ed", "editor").status == 201);
  CHECK(f.s.version() == before);
}

TEST_CASE("users are listed with their memberships and a total count", "[emulator]") {
  fixture f;
  const json page = f.s.list_users(f.p, {1, ""}).body;
  CHECK(page["totalCount"] == 2);
  CHECK(page["data"].size() == 1);
  CHECK(page["data"][0]["sanityUserId"] == "admin");
  CHECK(page["data"][0]["memberships"][0] == json({{"resourceType", "project"}, {"resourceId", "p1"}, {"roleNames", {"administrator"}}}));
  const json next = f.s.list_users(f.p, {1, page["nextCursor"].get<std::string>()}).body;
  CHECK(next["data"][0]["sanityUserId"] == "ed");
  CHECK(next["nextCursor"].is_null());
}

TEST_CASE("read-only fields may be sent back unchanged, but not changed", "[emulator]") {
  fixture f;
  json round_trip = f.s.get_permission(f.p, "posts").body;
  round_trip["title"] = "All posts";
  CHECK(f.s.update_permission(f.p, "posts", round_trip).body["title"] == "All posts");
  round_trip["ownerOrganizationId"] = "o-other";
  CHECK(outcome_of([&] { return f.s.update_permission(f.p, "posts", round_trip); }) ==
        std::pair<int, std::string>{400, "`ownerOrganizationId` is read-only"});
}

TEST_CASE("the state file holds what the API serves and loads back the same", "[emulator]") {
  fixture f;
  f.s.create_role(f.p, role_body("reader", reads_posts));
  f.s.add_user_role(f.p, "ed", "reader");
  f.s.add_project("p2");
  const json saved = state_json(f.s.state());
  CHECK(saved["format_version"] == "1");
  CHECK(saved["projects"][0]["resource"] == json({{"type", "project"}, {"id", "p1"}}));
  CHECK(saved["projects"][0]["roles"][0]["name"] == "reader");
  CHECK(saved["projects"][0]["permissions"][0]["name"] == "posts");
  CHECK(saved["projects"][0]["users"].size() == 2);
  store loaded;
  load_state(saved, loaded);
  CHECK(state_json(loaded.state()) == saved);
}

TEST_CASE("a rolec pull file loads as one project, built-ins skipped", "[emulator]") {
  const json pull = json::parse(R"({
    "format_version": "1", "resource": {"type": "project", "id": "abc"}, "api_version": "v2025-07-11",
    "permissions": [
      {"name": "sanity-project", "title": "Project", "type": "sanity.project", "config": {}},
      {"name": "posts", "title": "Posts", "type": "sanity.document.filter", "config": {"filter": "_type == \"post\""},
       "resourceType": "project", "resourceId": "abc", "ownerOrganizationId": "o123", "actions": []}],
    "roles": [
      {"name": "viewer", "title": "Viewer", "isCustom": false, "permissions": []},
      {"name": "reader", "title": "Reader", "isCustom": true, "permissions": [{"name": "posts", "action": "read"}]}]})");
  store s;
  load_state(pull, s);
  const project* p = s.find_project("abc");
  REQUIRE(p != nullptr);
  CHECK(p->organization_id == "o123");
  CHECK(p->permissions.size() == 1);
  CHECK(p->roles.size() == 1);
  CHECK(p->find_role("viewer")->grants.size() > 0);  // the catalogue's, not the file's
}

TEST_CASE("a state file is checked as requests are", "[emulator]") {
  const auto error_of = [](const char* text) {
    store s;
    try {
      load_state(json::parse(text), s);
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(error_of(R"({"projects": []})") == "`format_version` must be \"1\"");
  CHECK(error_of(R"({"format_version": "1", "projects": [{"resource": {"type": "project", "id": "p"},
      "roles": [{"name": "r", "title": "R", "permissions": [{"name": "gone", "action": "read"}]}]}]})") ==
        "`projects[0].roles[0]`: `permissions[0].name`: permission `gone` does not exist in project `p`");
  CHECK(error_of(R"({"format_version": "1", "projects": [{"resource": {"type": "project", "id": "p"},
      "users": [{"sanityUserId": "u", "roleNames": []}]}]})") == "`projects[0].users[0].roleNames`: must list at least one role");
  CHECK(error_of(R"({"format_version": "1", "projects": [{"resource": {"type": "project", "id": "p"}},
      {"resource": {"type": "project", "id": "p"}}]})") == "`projects[1].resource.id`: project `p` is listed twice");
}
