// End to end over real HTTP: `rolec plan` and `rolec apply` against `rolec-emulator`, from an
// empty project to the examples, then updates, deletions, a no-op plan, a stale plan, a token
// without the rights, and the token's absence from every byte rolec writes.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "emulator/emulator_process.hpp"
#include "support/markdown.hpp"
#include "support/run.hpp"

namespace {

namespace fs = std::filesystem;
using rolec::test::emulator_process;

const std::string admin_token = "sk-admin-7f3c9e1d2b4a";
const std::string editor_token = "sk-editor-5e8a0c6f4d2b";

struct project {
  emulator_process emulator{{"--project", "p1", "--token", admin_token + "=administrator", "--token", editor_token + "=editor"}};
  fs::path dir = fs::path(rolec::test::temp_file("unused", "")).parent_path() / "e2e";

  project() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }

  // Runs rolec against the emulator with `token`; every output is checked for the tokens.
  rolec::test::run_result rolec(const std::string& args, const std::string& token = admin_token) const {
    const auto r = rolec::test::run_shell(fmt_env(token) + "rolec " + args);
    for (const std::string& secret : {admin_token, editor_token}) {
      INFO(args);
      CHECK(r.out.find(secret) == std::string::npos);
      CHECK(r.err.find(secret) == std::string::npos);
    }
    return r;
  }

  [[nodiscard]] std::string fmt_env(const std::string& token) const {
    return "SANITY_API_URL=http://127.0.0.1:" + std::to_string(emulator.port()) + " SANITY_AUTH_TOKEN=" + token + " ";
  }

  // Writes a policy file `name` in the test's folder and returns the folder holding it.
  [[nodiscard]] std::string policy(const std::string& text) const {
    fs::remove_all(dir / "policy");
    fs::create_directories(dir / "policy");
    std::ofstream(dir / "policy" / "policy.toml") << text;
    return (dir / "policy").string();
  }

  [[nodiscard]] std::string plan_file() const { return (dir / "plan.json").string(); }
};

const std::string example = std::string(ROLEC_SOURCE_DIR) + "/examples/";

}  // namespace

TEST_CASE("plan and apply take an empty project to each example, and a second plan is empty", "[e2e]") {
  for (const char* name : {"blog", "multi-team", "agency", "legacy"}) {
    INFO(name);
    project p;
    const auto planned = p.rolec("plan --project p1 -o " + p.plan_file() + " " + example + name);
    REQUIRE(planned.status == 0);
    CHECK(planned.out.find("to create, 0 to update, 0 to delete") != std::string::npos);
    const auto applied = p.rolec("apply " + p.plan_file());
    INFO(applied.out << applied.err);
    REQUIRE(applied.status == 0);
    CHECK(applied.out.find("Apply complete") != std::string::npos);
    const auto again = p.rolec("plan --project p1 --detailed-exitcode " + example + name);
    CHECK(again.status == 0);
    CHECK(again.out == "No changes: project `p1` matches the policy.\n");
  }
}

TEST_CASE("updates and deletions are planned, marked and applied", "[e2e]") {
  project p;
  const std::string base = R"([project]
exclusive = true

[permissions.posts]
title = "Posts"
filter = '_type == "post"'

[permissions.pages]
title = "Pages"
filter = '_type == "page"'

[roles.writer]
title = "Writer"
applies_to_robots = false
grants = [{ permission = "posts", actions = ["read"] }, { permission = "pages", actions = ["read"] }]
)";
  REQUIRE(p.rolec("plan --project p1 -o " + p.plan_file() + " " + p.policy(base)).status == 0);
  REQUIRE(p.rolec("apply " + p.plan_file()).status == 0);

  // Formatting is no change; a widened role and a dropped permission are.
  const std::string changed = R"([project]
exclusive = true

[permissions.posts]
title = "Posts"
filter = '''_type=='post' '''

[roles.writer]
title = "Writer"
grants = [{ permission = "posts", actions = ["read", "update"] }]
)";
  const auto planned = p.rolec("plan --project p1 --detailed-exitcode -o " + p.plan_file() + " " + p.policy(changed));
  CHECK(planned.status == 2);
  CHECK(planned.out.find("~ update role `writer`  (widens access)") != std::string::npos);
  CHECK(planned.out.find("+ `update` on `posts`") != std::string::npos);
  CHECK(planned.out.find("- `read` on `pages`") != std::string::npos);
  CHECK(planned.out.find("- delete permission `pages`") != std::string::npos);
  CHECK(planned.out.find("update permission `posts`") == std::string::npos);
  CHECK(planned.out.find("Plan: 0 to create, 1 to update, 1 to delete; 1 widens access.") != std::string::npos);
  const auto applied = p.rolec("apply " + p.plan_file());
  CHECK(applied.status == 0);
  CHECK(applied.out == "updated role `writer`\ndeleted permission `pages`\nApply complete: 2 changes made.\n");
  CHECK(p.rolec("plan --project p1 --detailed-exitcode " + p.policy(changed)).status == 0);
}

TEST_CASE("a stale plan is refused with what changed", "[e2e]") {
  project p;
  const std::string one = "[permissions.posts]\ntitle = \"Posts\"\nfilter = '_type == \"post\"'\n\n[roles.writer]\ntitle = \"Writer\"\n"
                          "grants = [{ permission = \"posts\", actions = [\"read\"] }]\n";
  REQUIRE(p.rolec("plan --project p1 -o " + p.plan_file() + " " + p.policy(one)).status == 0);
  const std::string stale = (p.dir / "stale.json").string();
  fs::copy_file(p.plan_file(), stale);
  REQUIRE(p.rolec("apply " + p.plan_file()).status == 0);
  const auto refused = p.rolec("apply " + stale);
  CHECK(refused.status == 1);
  CHECK(refused.out.empty());
  CHECK(refused.err == "rolec: error: the plan is stale: project `p1` changed since it was made; nothing was applied. "
                       "Make a new plan.\n  permission `posts` was added\n  role `writer` was added\n");
}

TEST_CASE("an editor's token is refused with the permission it lacks", "[e2e]") {
  project p;
  const std::string policy = p.policy("[permissions.posts]\ntitle = \"Posts\"\nfilter = '_type == \"post\"'\n\n[roles.writer]\n"
                                      "title = \"Writer\"\ngrants = [{ permission = \"posts\", actions = [\"read\"] }]\n");
  REQUIRE(p.rolec("plan --project p1 -o " + p.plan_file() + " " + policy, editor_token).status == 0);
  const auto applied = p.rolec("apply " + p.plan_file(), editor_token);
  CHECK(applied.status == 1);
  CHECK(applied.out.find("failed: create permission `posts`: POST /v2025-07-11/access/project/p1/permissions: 403 Forbidden") == 0);
  CHECK(applied.out.find("`sanity-project-roles`") != std::string::npos);
  CHECK(applied.out.find("Apply stopped: 0 of 2 changes made, 1 failed, 1 not started.") != std::string::npos);
}

TEST_CASE("a missing or wrong token is a clear error", "[e2e]") {
  project p;
  const std::string policy = p.policy("[roles.a]\ntitle = \"A\"\nextends = [\"viewer\"]\n");
  const auto none = rolec::test::run_shell("SANITY_API_URL=http://127.0.0.1:" + std::to_string(p.emulator.port()) +
                                           " SANITY_AUTH_TOKEN= rolec plan --project p1 " + policy);
  CHECK(none.status == 3);
  CHECK(none.err == "rolec: error: no token: set SANITY_AUTH_TOKEN to a Sanity token whose role may read (and, to apply, change) roles\n");
  const auto wrong = p.rolec("plan --project p1 " + policy, "sk-not-a-token");
  CHECK(wrong.status == 3);
  CHECK(wrong.err.find("401 Unauthorized") != std::string::npos);
  CHECK(wrong.err.find("sk-not-a-token") == std::string::npos);
  // A token short enough to be part of other text (`t` is in `[token]`, which hides it) is refused.
  const auto short_one = p.rolec("plan --project p1 " + policy, "t");
  CHECK(short_one.status == 3);
  CHECK(short_one.err ==
        "rolec: error: the token in SANITY_AUTH_TOKEN has 1 character, too few for a Sanity token (which have dozens); "
        "is it the right variable?\n");
}

TEST_CASE("pull saves the live state, and plan reads it without a network", "[e2e]") {
  project p;
  const std::string live = (p.dir / "live.json").string();
  REQUIRE(p.rolec("pull --project p1 -o " + live).status == 0);
  const auto doc = nlohmann::json::parse(rolec::test::read_text(live));
  CHECK(doc["format_version"] == "1");
  CHECK(doc["roles"].size() == 7);  // the built-in project roles
  CHECK(rolec::test::read_text(live).find(admin_token) == std::string::npos);
  const auto planned = rolec::test::run_shell("SANITY_AUTH_TOKEN= rolec plan --live " + live + " " + example + "blog");
  CHECK(planned.status == 0);
  CHECK(planned.out.find("Plan: 6 to create") != std::string::npos);
}
