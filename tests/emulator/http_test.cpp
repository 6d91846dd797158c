// The real `rolec-emulator` binary over HTTP: what a client such as `rolec apply` meets.

#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "emulator/emulator_process.hpp"
#include "support/run.hpp"

using json = nlohmann::ordered_json;
using rolec::test::api_path;
using rolec::test::bearer;
using rolec::test::emulator_process;

namespace {

// Secrets that must never show up anywhere but in the requests that carry them.
const std::string admin_token = "sk-admin-Q7xw3PzT";
const std::string editor_token = "sk-editor-M2vb8KdL";
const std::vector<std::string> two_tokens{"--token", admin_token + "=administrator", "--token", editor_token + "=editor"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

json body_of(const httplib::Result& r) {
  REQUIRE(r);
  return json::parse(r->body);
}

const std::string posts = R"({"name": "posts", "title": "Posts", "type": "sanity.document.filter", "config": {"filter": "_type == \"post\""}})";

std::string role_json(const std::string& name, const std::string& permissions) {
  return R"({"name": ")" + name + R"(", "title": "A role", "permissions": )" + permissions + "}";
}

std::string fresh_dir(const std::string& name) {
  const auto dir = rolec::test::scratch_root() / ("emulator-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Whether a process that is not our child has exited. It stays a zombie until whoever adopted it
// (init, or a container's first process, which may reap only now and then) collects it.
bool has_ended(pid_t pid) {
  if (::kill(pid, 0) != 0) return true;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return true;
  const auto after_name = line.rfind(')');  // the state follows the command name, which may hold spaces
  return after_name != std::string::npos && line.compare(after_name + 1, 2, " Z") == 0;
}

}  // namespace

TEST_CASE("the emulator prints its address when ready and serves built-ins", "[emulator]") {
  emulator_process emulator(with({"--project", "p1"}, two_tokens));
  CHECK(emulator.ready_line() == "listening on http://127.0.0.1:" + std::to_string(emulator.port()));
  auto client = emulator.client();
  const json roles = body_of(client.Get(api_path("/roles/administrator").c_str(), bearer(admin_token)));
  CHECK(roles["isCustom"] == false);
  CHECK(roles["resourceId"] == "p1");
  const auto r = client.Get(api_path("/permissions").c_str(), bearer(admin_token));
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->get_header_value("Content-Type") == "application/json; charset=utf-8");
  CHECK(emulator.stop() == 0);
}

TEST_CASE("a busy port is an error, not a shared one", "[emulator]") {
  emulator_process emulator({"--project", "p1"});
  const auto second = rolec::test::run_shell("'" ROLEC_EMULATOR_BINARY "' --port " + std::to_string(emulator.port()));
  CHECK(second.status == 3);
  CHECK(second.out.empty());
  CHECK(second.err == "rolec-emulator: error: cannot listen on 127.0.0.1:" + std::to_string(emulator.port()) + "\n");
}

TEST_CASE("list endpoints page with limit and nextCursor", "[emulator]") {
  emulator_process emulator(with({"--project", "p1"}, two_tokens));
  auto client = emulator.client();
  for (const char* name : {"r1", "r2", "r3"}) {
    REQUIRE(client.Post(api_path("/roles").c_str(), bearer(admin_token), role_json(name, "[]"), "application/json")->status == 201);
  }
  std::vector<std::string> names;
  std::string cursor;
  int pages = 0;
  do {
    const std::string query = "?limit=3" + (cursor.empty() ? std::string() : "&nextCursor=" + cursor);
    const json page = body_of(client.Get(api_path("/roles" + query).c_str(), bearer(admin_token)));
    CHECK(page["data"].size() <= 3);
    for (const json& r : page["data"]) names.push_back(r["name"].get<std::string>());
    cursor = page["nextCursor"].is_null() ? "" : page["nextCursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 20);
  CHECK(names.size() == 10);  // seven built-in roles and three custom ones
  CHECK(pages == 4);
  CHECK(names.back() == "r3");
  const json all = body_of(client.Get(api_path("/roles").c_str(), bearer(admin_token)));
  CHECK(all["data"].size() == 10);
  CHECK(all["nextCursor"].is_null());
  for (const char* bad : {"0", "501", "many"}) {
    const json error = body_of(client.Get(api_path(std::string("/roles?limit=") + bad).c_str(), bearer(admin_token)));
    CHECK(error == json{{"statusCode", 400}, {"error", "Bad Request"}, {"message", "`limit` must be an integer from 1 to 500"}});
  }
  const json users = body_of(client.Get(api_path("/users?limit=1").c_str(), bearer(admin_token)));
  CHECK(users["totalCount"] == 2);
  CHECK(users["data"][0]["memberships"][0]["roleNames"] == json::array({"administrator"}));
  CHECK(users["nextCursor"].is_string());
}

TEST_CASE("every validation error is a 400 Boom body naming the field", "[emulator]") {
  struct bad_request {
    const char* path;
    std::string body;
    const char* message;  // the beginning of the expected message
  };
  const std::string mode_role = R"([{"name": "sanity-all-documents", "action": "mode", "params": )";
  const std::vector<bad_request> cases{
      {"/permissions", "[]", "the body must be a JSON object"},
      {"/permissions", "{", "the body is not valid JSON"},
      {"/permissions", R"({"title": "T", "type": "sanity.document.filter", "config": {"filter": "true"}})", "`name` is required"},
      {"/permissions", R"({"name": "Posts!", "title": "T", "type": "sanity.document.filter", "config": {"filter": "true"}})",
       "`name` must match ^[a-z0-9_-]+$"},
      {"/permissions", R"({"name": "p", "type": "sanity.document.filter", "config": {"filter": "true"}})", "`title` is required"},
      {"/permissions", R"({"name": "p", "title": "", "type": "sanity.document.filter", "config": {"filter": "true"}})",
       "`title` must have 1 to 100 characters, not 0"},
      {"/permissions", R"({"name": "p", "title": ")" + std::string(101, 't') + R"(", "type": "sanity.document.filter", "config": {"filter": "true"}})",
       "`title` must have 1 to 100 characters, not 101"},
      {"/permissions", R"({"name": "p", "title": "T", "description": 3, "type": "sanity.document.filter", "config": {"filter": "true"}})",
       "`description` must be a string"},
      {"/permissions", R"({"name": "p", "title": "T", "type": "sanity.project", "config": {}})",
       "`type` must be one of sanity.document.filter, sanity.document.filter.mode for a custom permission, not `sanity.project`"},
      {"/permissions", R"({"name": "p", "title": "T", "type": "sanity.document.filter"})", "`config.filter` is required"},
      {"/permissions", R"({"name": "p", "title": "T", "type": "sanity.document.filter", "config": {"filter": "true", "dataset": "x"}})",
       "`config.dataset` is not a setting of this type"},
      {"/permissions", R"({"name": "p", "title": "T", "type": "sanity.document.filter", "config": {"filter": "*[_type == \"post\"]"}})",
       "`config.filter` is not a valid permission filter: "},
      {"/permissions", R"({"name": "p", "title": "T", "type": "sanity.document.filter", "config": {"filter": "author->name == \"x\""}})",
       "`config.filter` is not a valid permission filter: "},
      {"/permissions", R"({"name": "p", "title": "T", "type": "sanity.document.filter", "config": {"filter": "_type =="}})",
       "`config.filter` is not a valid permission filter: "},
      {"/permissions", R"({"name": "p", "title": "T", "type": "sanity.document.filter", "config": {"filter": "true"}, "resourceId": "other"})",
       "`resourceId` is read-only"},
      {"/roles", R"({"name": "x", "title": "T"})", "`permissions` is required"},
      {"/roles", R"({"name": "x", "title": "T", "permissions": {}})", "`permissions` must be an array"},
      {"/roles", role_json("x", R"([{"name": "sanity-project"}])"), "`permissions[0].action` is required"},
      {"/roles", role_json("x", R"([{"name": "sanity-project", "action": "read", "params": 1}])"), "`permissions[0].params` must be a JSON object"},
      {"/roles", role_json("x", R"([{"name": "nope", "action": "read"}])"), "`permissions[0].name`: permission `nope` does not exist in project `p1`"},
      {"/roles", role_json("x", R"([{"name": "sanity-project", "action": "publish"}])"),
       "`permissions[0].action`: permission `sanity-project` has no action `publish` (its actions: read, update, delete, createSession, deployStudio)"},
      {"/roles", role_json("x", R"([{"name": "sanity-all-documents", "action": "mode"}])"),
       "`permissions[0].params.mode` is required (one of read, create, publish) by type sanity.document.filter.mode"},
      {"/roles", role_json("x", mode_role + R"({"mode": "write"}}])"), "`permissions[0].params.mode` must be one of read, create, publish"},
      {"/roles", role_json("x", mode_role + R"({"mode": "read", "history": "yes"}}])"), "`permissions[0].params.history` must be a boolean"},
      {"/roles", role_json("x", mode_role + R"({"mode": "read", "tag": "x"}}])"),
       "`permissions[0].params.tag` is not a parameter of type sanity.document.filter.mode"},
      {"/roles", R"({"name": "x", "title": "T", "appliesToUsers": "yes", "permissions": []})", "`appliesToUsers` must be true or false"},
      {"/roles", R"({"name": "x", "title": "T", "isCustom": false, "permissions": []})", "`isCustom` is read-only"},
      {"/roles/r", R"({"name": "other", "title": "T", "permissions": []})", "`name` is `other` but the path names `r`; names cannot be changed"},
  };
  emulator_process emulator(with({"--project", "p1"}, two_tokens));
  auto client = emulator.client();
  REQUIRE(client.Post(api_path("/roles").c_str(), bearer(admin_token), role_json("r", "[]"), "application/json")->status == 201);
  for (const bad_request& c : cases) {
    INFO(c.path << " " << c.body);
    const bool put = std::string(c.path).find('/', 1) != std::string::npos;
    const auto r = put ? client.Put(api_path(c.path).c_str(), bearer(admin_token), c.body, "application/json")
                       : client.Post(api_path(c.path).c_str(), bearer(admin_token), c.body, "application/json");
    const json body = body_of(r);
    CHECK(r->status == 400);
    CHECK(body["statusCode"] == 400);
    CHECK(body["error"] == "Bad Request");
    CHECK(body["message"].get<std::string>().rfind(c.message, 0) == 0);
  }
  const json state = body_of(client.Get("/__emulator/state"));
  CHECK(state["projects"][0]["permissions"].empty());
  CHECK(state["projects"][0]["roles"].size() == 1);
}

TEST_CASE("conflicts are 409: duplicates, roles in use, permissions in use, last role, last administrator", "[emulator]") {
  emulator_process emulator(with({"--project", "p1"}, two_tokens));
  auto client = emulator.client();
  const auto post = [&](const std::string& rest, const std::string& body) {
    return client.Post(api_path(rest).c_str(), bearer(admin_token), body, "application/json");
  };
  REQUIRE(post("/permissions", posts)->status == 201);
  CHECK(post("/permissions", posts)->status == 409);
  REQUIRE(post("/roles", role_json("reader", R"([{"name": "posts", "action": "read"}])"))->status == 201);
  CHECK(body_of(post("/roles", role_json("reader", "[]")))["message"] == "role `reader` already exists");
  CHECK(client.Put(api_path("/users/token-user-2/roles/reader").c_str(), bearer(admin_token), "", "application/json")->status == 201);
  CHECK(client.Delete(api_path("/roles/reader").c_str(), bearer(admin_token))->status == 409);
  CHECK(client.Delete(api_path("/permissions/posts").c_str(), bearer(admin_token))->status == 409);
  CHECK(client.Delete(api_path("/users/token-user-1/roles/administrator").c_str(), bearer(admin_token))->status == 409);
  CHECK(client.Put(api_path("/users/token-user-1/roles/viewer").c_str(), bearer(admin_token), "", "application/json")->status == 201);
  CHECK(body_of(client.Delete(api_path("/users/token-user-1/roles/administrator").c_str(), bearer(admin_token)))["message"] ==
        "user `token-user-1` is the last administrator of project `p1`");
  const json stats = body_of(client.Get("/__emulator/stats"));
  CHECK(stats["invariant_violations"] == 1);
}

TEST_CASE("401 and 403 answers are Boom bodies; an editor cannot create roles", "[emulator]") {
  emulator_process emulator(with({"--project", "p1"}, two_tokens));
  auto client = emulator.client();
  const json unauthorized{{"statusCode", 401}, {"error", "Unauthorized"}, {"message", "Session not found"}};
  const auto none = client.Get(api_path("/roles").c_str());
  CHECK(none->status == 401);
  CHECK(body_of(none) == unauthorized);
  CHECK(body_of(client.Get(api_path("/roles").c_str(), bearer("sk-unknown"))) == unauthorized);
  const auto denied = client.Post(api_path("/roles").c_str(), bearer(editor_token), role_json("x", "[]"), "application/json");
  CHECK(denied->status == 403);
  CHECK(body_of(denied) == json{{"statusCode", 403}, {"error", "Forbidden"},
                                {"message", "Insufficient permissions; permission \"sanity-project-roles\" action \"create\" required"}});
  CHECK(client.Get(api_path("/roles").c_str(), bearer(editor_token))->status == 200);
}

TEST_CASE("built-in roles and predefined permissions are immutable over HTTP", "[emulator]") {
  emulator_process emulator(with({"--project", "p1"}, two_tokens));
  auto client = emulator.client();
  const auto put_editor = client.Put(api_path("/roles/editor").c_str(), bearer(admin_token), role_json("editor", "[]"), "application/json");
  CHECK(put_editor->status == 403);
  CHECK(body_of(put_editor)["message"] == "`editor` is a built-in role and cannot be changed");
  CHECK(client.Delete(api_path("/roles/administrator").c_str(), bearer(admin_token))->status == 403);
  CHECK(client.Put(api_path("/permissions/sanity-project").c_str(), bearer(admin_token), posts, "application/json")->status == 403);
  CHECK(client.Delete(api_path("/permissions/sanity-all-documents").c_str(), bearer(admin_token))->status == 403);
  CHECK(body_of(client.Get(api_path("/roles/editor").c_str(), bearer(admin_token)))["permissions"].size() == 6);
}

TEST_CASE("faults are reproducible from the seed and the request sequence", "[emulator]") {
  const auto run = [](const std::string& seed) {
    emulator_process emulator(with({"--project", "p1", "--fail-rate", "0.4", "--seed", seed}, two_tokens));
    auto client = emulator.client();
    std::vector<std::string> seen;
    for (int i = 0; i < 40; ++i) {
      const std::string body = R"({"name": "p)" + std::to_string(i) + R"(", "title": "P", "type": "sanity.document.filter", "config": {"filter": "true"}})";
      const auto r = i % 2 == 0 ? client.Get(api_path("/permissions").c_str(), bearer(admin_token))
                                : client.Post(api_path("/permissions").c_str(), bearer(admin_token), body, "application/json");
      seen.push_back(r ? std::to_string(r->status) : "dropped");
      if (r && r->status >= 500) {
        const json error = json::parse(r->body);
        CHECK(error["statusCode"] == r->status);
        CHECK(error.contains("error"));
      }
    }
    const json stats = body_of(client.Get("/__emulator/stats"));
    const json state = body_of(client.Get("/__emulator/state"));
    return std::make_tuple(seen, stats, state["projects"][0]["permissions"].size());
  };
  const auto [seen, stats, created] = run("11");
  const auto [seen_again, stats_again, created_again] = run("11");
  CHECK(seen == seen_again);
  CHECK(stats == stats_again);
  CHECK(created == created_again);
  CHECK(std::get<0>(run("12")) != seen);
  const json& faults = stats["faults"];
  CHECK(faults["errors"].get<int>() > 0);
  CHECK(faults["dropped"].get<int>() > 0);
  CHECK(faults["after_apply"].get<int>() > 0);
  // Every 201 created one permission, and so did every failure after applying.
  const auto succeeded = std::count(seen.begin(), seen.end(), "201");
  CHECK(created == static_cast<std::size_t>(succeeded + faults["after_apply"].get<int>()));
  CHECK(std::count(seen.begin(), seen.end(), "dropped") >= faults["dropped"].get<int>());
}

TEST_CASE("latency delays every response", "[emulator]") {
  emulator_process emulator(with({"--project", "p1", "--latency-ms", "150"}, two_tokens));
  auto client = emulator.client();
  const auto start = std::chrono::steady_clock::now();
  REQUIRE(client.Get(api_path("/roles").c_str(), bearer(admin_token)));
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(150));
}

TEST_CASE("beyond the rate limit a token gets 429 with Retry-After", "[emulator]") {
  emulator_process emulator(with({"--project", "p1", "--rate-limit", "3"}, two_tokens));
  auto client = emulator.client();
  std::vector<int> statuses;
  std::optional<httplib::Response> limited;
  for (int i = 0; i < 5; ++i) {
    auto r = client.Get(api_path("/roles/editor").c_str(), bearer(admin_token));
    REQUIRE(r);
    statuses.push_back(r->status);
    if (r->status == 429) limited = *r;
  }
  CHECK(statuses == std::vector<int>{200, 200, 200, 429, 429});
  REQUIRE(limited);
  CHECK(limited->get_header_value("Retry-After") == "1");
  CHECK(json::parse(limited->body) ==
        json{{"statusCode", 429}, {"error", "Too Many Requests"}, {"message", "rate limit exceeded: more than 3 requests in a second"}});
  CHECK(client.Get(api_path("/roles/editor").c_str(), bearer(editor_token))->status == 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  CHECK(client.Get(api_path("/roles/editor").c_str(), bearer(admin_token))->status == 200);
  CHECK(body_of(client.Get("/__emulator/stats"))["faults"]["rate_limited"] == 2);
}

TEST_CASE("the state is saved on every change and loaded at the next start", "[emulator]") {
  const std::string dir = fresh_dir("state");
  const std::string file = dir + "/state.json";
  {
    emulator_process emulator(with({"--project", "p1", "--project", "p2", "--state", file}, two_tokens));
    auto client = emulator.client();
    CHECK_FALSE(std::filesystem::exists(file));
    REQUIRE(client.Post(api_path("/permissions").c_str(), bearer(admin_token), posts, "application/json")->status == 201);
    CHECK(json::parse(slurp(file))["projects"][0]["permissions"][0]["name"] == "posts");
    REQUIRE(client.Post(api_path("/roles").c_str(), bearer(admin_token), role_json("reader", R"([{"name": "posts", "action": "read"}])"),
                        "application/json")->status == 201);
    REQUIRE(client.Put(api_path("/users/token-user-2/roles/reader").c_str(), bearer(admin_token), "", "application/json")->status == 201);
    CHECK(emulator.stop() == 0);
  }
  // Only the file itself: the temporary file it was written through is gone.
  CHECK(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()) == 1);
  const json saved = json::parse(slurp(file));
  CHECK(saved["format_version"] == "1");
  CHECK(saved["projects"].size() == 2);
  CHECK(saved["projects"][0]["roles"][0]["name"] == "reader");

  emulator_process again({"--state", file, "--token", admin_token + "=administrator"});
  auto client = again.client();
  CHECK(body_of(client.Get(api_path("/roles/reader").c_str(), bearer(admin_token)))["permissions"][0]["name"] == "posts");
  const json user = body_of(client.Get(api_path("/users/token-user-2").c_str(), bearer(admin_token)));
  CHECK(user["memberships"][0]["roleNames"] == json::array({"editor", "reader"}));
  CHECK(client.Get(api_path("/roles", "p2").c_str(), bearer(admin_token))->status == 200);
  CHECK(body_of(client.Get("/__emulator/state")) == saved);
}

TEST_CASE("an unreadable state file stops the emulator before it listens", "[emulator]") {
  const std::string dir = fresh_dir("bad-state");
  std::ofstream(dir + "/state.json") << R"({"format_version": "1", "projects": [{"resource": {"type": "project", "id": "p"},
      "roles": [{"name": "r", "title": "R", "permissions": [{"name": "gone", "action": "read"}]}]}]})";
  const auto r = rolec::test::run_shell("'" ROLEC_EMULATOR_BINARY "' --port 0 --state '" + dir + "/state.json'");
  CHECK(r.status == 3);
  CHECK(r.out.empty());
  CHECK(r.err.find("`projects[0].roles[0]`: `permissions[0].name`: permission `gone` does not exist") != std::string::npos);
}

TEST_CASE("the stats endpoint counts requests, faults and invariant violations", "[emulator]") {
  emulator_process emulator(with({"--project", "p1"}, two_tokens));
  auto client = emulator.client();
  CHECK(body_of(client.Get("/__emulator/stats")) ==
        json{{"requests", 0}, {"faults", {{"errors", 0}, {"dropped", 0}, {"after_apply", 0}, {"rate_limited", 0}}}, {"invariant_violations", 0}});
  client.Post(api_path("/permissions").c_str(), bearer(admin_token), posts, "application/json");
  client.Post(api_path("/roles").c_str(), bearer(admin_token), role_json("reader", R"([{"name": "posts", "action": "read"}])"), "application/json");
  client.Post(api_path("/roles").c_str(), bearer(admin_token), role_json("broken", R"([{"name": "gone", "action": "read"}])"), "application/json");
  client.Delete(api_path("/permissions/posts").c_str(), bearer(admin_token));
  const json stats = body_of(client.Get("/__emulator/stats"));
  CHECK(stats["requests"] == 4);
  CHECK(stats["invariant_violations"] == 2);
}

TEST_CASE("no token appears in any response or in the emulator's output", "[emulator]") {
  std::string everything;
  {
    emulator_process emulator(with({"--project", "p1", "--fail-rate", "0.3", "--rate-limit", "50"}, two_tokens));
    auto client = emulator.client();
    const auto record = [&](const httplib::Result& r) {
      if (!r) return;
      everything += std::to_string(r->status) + r->body;
      for (const auto& [name, value] : r->headers) everything += name + ": " + value + "\n";
    };
    for (const std::string& token : {admin_token, editor_token, std::string("sk-unknown-Zz9")}) {
      record(client.Get(api_path("/roles").c_str(), bearer(token)));
      record(client.Post(api_path("/roles").c_str(), bearer(token), role_json("r", "[]"), "application/json"));
      record(client.Post(api_path("/permissions").c_str(), bearer(token), posts, "application/json"));
      record(client.Get(api_path("/users").c_str(), bearer(token)));
      record(client.Put(api_path("/users/token-user-2/roles/viewer").c_str(), bearer(token), "", "application/json"));
      record(client.Get(api_path("/roles/nope").c_str(), bearer(token)));
    }
    // A client bug: a known token in a path and a name; error messages and the log redact it.
    record(client.Get(api_path("/roles/" + admin_token).c_str(), bearer(admin_token)));
    record(client.Post(api_path("/roles").c_str(), bearer(admin_token), role_json(editor_token, "[]"), "application/json"));
    record(client.Get("/__emulator/state"));
    record(client.Get("/__emulator/stats"));
    emulator.stop();
    everything += emulator.output();
  }
  CHECK(everything.find("rolec-emulator: GET") != std::string::npos);  // the log was captured
  CHECK(everything.find(admin_token) == std::string::npos);
  CHECK(everything.find(editor_token) == std::string::npos);
  CHECK(everything.find("sk-unknown-Zz9") == std::string::npos);
  // Nor in the usage error of a malformed --token.
  const auto usage = rolec::test::run_shell("'" ROLEC_EMULATOR_BINARY "' --port 0 --token sk-secret-NoRole");
  CHECK(usage.status == 3);
  CHECK(usage.err.find("--token number 1 must be SECRET=ROLE") != std::string::npos);
  CHECK((usage.out + usage.err).find("sk-secret-NoRole") == std::string::npos);
  const auto stray = rolec::test::run_shell("'" ROLEC_EMULATOR_BINARY "' --port 0 sk-secret-Stray");
  CHECK(stray.status == 3);
  CHECK((stray.out + stray.err).find("sk-secret-Stray") == std::string::npos);
}

TEST_CASE("detached, the emulator returns once it serves and stops on SIGTERM with its state saved", "[emulator]") {
  const std::string dir = fresh_dir("detach");
  const std::string state = dir + "/state.json", pid_file = dir + "/emulator.pid";
  const auto started = rolec::test::run_shell("'" ROLEC_EMULATOR_BINARY "' --port 0 --project p1 --token " + admin_token +
                                              "=administrator --state '" + state + "' --detach --pid-file '" + pid_file + "'");
  REQUIRE(started.status == 0);
  REQUIRE(started.out.rfind("listening on http://127.0.0.1:", 0) == 0);
  CHECK(started.err.empty());
  const int port = std::stoi(started.out.substr(started.out.rfind(':') + 1));
  const pid_t pid = std::stoi(slurp(pid_file));
  REQUIRE(::kill(pid, 0) == 0);  // it runs on, in the background

  // It serves at once: the command returned after the port was bound and the state loaded.
  httplib::Client client("127.0.0.1", port);
  REQUIRE(client.Post(api_path("/permissions").c_str(), bearer(admin_token), posts, "application/json")->status == 201);

  REQUIRE(::kill(pid, SIGTERM) == 0);
  // A generous bound for a loaded machine; the loop ends as soon as the emulator has.
  for (int i = 0; i < 1500 && !has_ended(pid); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(has_ended(pid));
  CHECK(json::parse(slurp(state))["projects"][0]["permissions"][0]["name"] == "posts");
}
