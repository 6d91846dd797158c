// The command-line contract of `rolec build`: environments, output files and folders, refusals.

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "support/markdown.hpp"
#include "support/run.hpp"

using rolec::test::run_shell;
using rolec::test::temp_file;

namespace {

namespace fs = std::filesystem;

const std::string policy = R"([project]
id = "dev00001"

[targets.staging]
project = "stg00001"

[targets.production]
project = "prd00001"
api_version = "v2026-01-01"

[permissions.posts]
title = "Posts"
filter = '_type == "post"'

[roles.writer]
title = "Writer"
extends = ["viewer"]
grants = [{ permission = "posts", actions = ["update", "read"] }]
)";

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::path(temp_file("unused", "")).parent_path() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("build prints the access-api bundle, and --env picks the project and API version", "[cli][build]") {
  const std::string file = temp_file("build.toml", policy);
  const auto plain = run_shell("rolec build " + file);
  REQUIRE(plain.status == 0);
  CHECK(plain.err.empty());
  const auto bundle = nlohmann::json::parse(plain.out);
  CHECK(bundle["format_version"] == "1");
  CHECK(bundle["target"] == "access-api");
  CHECK(bundle["resource"] == nlohmann::json{{"type", "project"}, {"id", "dev00001"}});
  CHECK(bundle["api_version"] == "v2025-07-11");
  CHECK(bundle["permissions"][0]["config"]["filter"] == "_type == \"post\"");
  // Entries are sorted and the grants of `viewer` are copied in: no trace of `extends`.
  const auto& entries = bundle["roles"][0]["permissions"];
  CHECK(entries.size() > 3);
  CHECK(bundle["roles"][0].count("extends") == 0);
  for (std::size_t i = 1; i < entries.size(); ++i) CHECK(entries[i - 1]["name"] <= entries[i]["name"]);

  const auto production = nlohmann::json::parse(run_shell("rolec build --env production " + file).out);
  CHECK(production["resource"]["id"] == "prd00001");
  CHECK(production["api_version"] == "v2026-01-01");
  CHECK(nlohmann::json::parse(run_shell("rolec build --env staging " + file).out)["resource"]["id"] == "stg00001");
}

TEST_CASE("build output is byte-identical from run to run", "[cli][build]") {
  const std::string file = temp_file("build.toml", policy);
  const auto first = run_shell("rolec build " + file).out;
  CHECK(run_shell("rolec build " + file).out == first);
}

TEST_CASE("build names the targets there are when --env names none", "[cli][build]") {
  const auto r = run_shell("rolec build --env prod " + temp_file("build.toml", policy));
  CHECK(r.status == 3);
  CHECK(r.out.empty());
  CHECK(r.err == "rolec: error: no target `prod`; the policy defines staging, production (did you mean `production`?)\n");
}

TEST_CASE("build refuses a policy with errors and writes nothing", "[cli][build]") {
  const fs::path dir = fresh_dir("build-refused");
  const std::string file = temp_file("broken.toml", policy + "\n[roles.reader]\ntitle = \"Reader\"\ngrants = [{ permission = \"post\", actions = [\"read\"] }]\n");
  const auto r = run_shell("rolec build -o " + (dir / "bundle.json").string() + " " + file);
  CHECK(r.status == 1);
  CHECK(r.err.find("error[RC307]: unknown permission `post`") != std::string::npos);
  CHECK(r.err.find("rolec: error: nothing was built: the policy has 1 error") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "bundle.json"));
}

TEST_CASE("build -o FILE replaces the file whole and keeps its permissions", "[cli][build]") {
  const fs::path dir = fresh_dir("build-file");
  const fs::path out = dir / "bundle.json";
  std::ofstream(out) << "old content";
  ::chmod(out.c_str(), 0640);
  const auto r = run_shell("rolec build -o " + out.string() + " " + temp_file("build.toml", policy));
  REQUIRE(r.status == 0);
  CHECK(r.out.empty());
  CHECK(nlohmann::json::parse(rolec::test::read_text(out.string()))["target"] == "access-api");
  struct stat info {};
  REQUIRE(::stat(out.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0640);
  // No temporary file is left beside it.
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
}

TEST_CASE("build -o DIR writes one body per file and replaces only what it wrote", "[cli][build]") {
  const fs::path dir = fresh_dir("build-dir") / "out";
  const std::string file = temp_file("build.toml", policy);
  REQUIRE(run_shell("rolec build -o " + dir.string() + "/ " + file).status == 0);
  CHECK(nlohmann::json::parse(rolec::test::read_text((dir / "permissions/posts.json").string()))["name"] == "posts");
  CHECK(nlohmann::json::parse(rolec::test::read_text((dir / "roles/writer.json").string()))["name"] == "writer");

  // A body that is no longer in the policy disappears on the next build.
  std::ofstream(dir / "roles/old-role.json") << "{}";
  REQUIRE(run_shell("rolec build -o " + dir.string() + " " + file).status == 0);
  CHECK_FALSE(fs::exists(dir / "roles/old-role.json"));
  CHECK(fs::exists(dir / "roles/writer.json"));

  // A folder with anything else in it is never replaced.
  std::ofstream(dir / "notes.txt") << "mine";
  const auto refused = run_shell("rolec build -o " + dir.string() + " " + file);
  CHECK(refused.status == 3);
  CHECK(refused.err.find("refusing to replace this folder: it holds `notes.txt`") != std::string::npos);
  CHECK(rolec::test::read_text((dir / "notes.txt").string()) == "mine");
  CHECK(fs::exists(dir / "roles/writer.json"));
}

TEST_CASE("build -o DIR writes members and robots, and builds over its own folder again", "[cli][build]") {
  const fs::path dir = fresh_dir("build-members") / "out";
  const std::string file = temp_file("members.toml", policy + R"(
[members]
"p-aB3dE9" = ["writer"]

[robots.preview]
roles = ["viewer"]
)");
  REQUIRE(run_shell("rolec build -o " + dir.string() + "/ " + file).status == 0);
  const auto members = nlohmann::json::parse(rolec::test::read_text((dir / "members.json").string()));
  CHECK(members == nlohmann::json::parse(R"([{"sanityUserId": "p-aB3dE9", "roleNames": ["writer"]}])"));
  const auto robot = nlohmann::json::parse(rolec::test::read_text((dir / "robots/preview.json").string()));
  CHECK(robot["label"] == "preview");
  CHECK(robot["memberships"][0]["roleNames"] == nlohmann::json::array({"viewer"}));
  // The files a build wrote are its own: the next build replaces them.
  CHECK(run_shell("rolec build -o " + dir.string() + " " + file).status == 0);
}

TEST_CASE("build -o DIR never writes outside the folder, whatever names lint let through", "[cli][build]") {
  const fs::path base = fresh_dir("build-escape");
  const fs::path dir = base / "a" / "out";
  fs::create_directories(base / "a");
  for (const char* table : {"roles", "robots"}) {
    std::string text = std::string("[project]\nid = \"abc12345\"\n[lint.rules]\nRC305 = \"off\"\n[") + table +
                       ".\"../../escape\"]\n";
    text += std::string(table) == "roles" ? "title = \"E\"\ngrants = [{ permission = \"sanity-project\", actions = [\"read\"] }]\n"
                                          : "roles = [\"viewer\"]\n";
    const auto result = run_shell("rolec build -o " + dir.string() + "/ " + temp_file("escape.toml", text));
    CHECK(result.status == 3);
    CHECK(result.err.find("which is not a plain path inside the folder") != std::string::npos);
    CHECK_FALSE(fs::exists(base / "a" / "escape.json"));
    CHECK_FALSE(fs::exists(base / "escape.json"));
    CHECK_FALSE(fs::exists(dir));
  }
}

TEST_CASE("rule levels and suppressions apply to a target's findings", "[cli][build]") {
  const std::string robots = "[roles.writer]\ntitle = \"Writer\"\napplies_to_robots = false\n"
                             "grants = [{ permission = \"sanity-project\", actions = [\"read\"] }]\n";
  const auto warned = run_shell("rolec build --target roles-api " + temp_file("robots.toml", robots));
  CHECK(warned.status == 0);
  CHECK(warned.err.find("warning[RC602]") != std::string::npos);
  const auto quiet = run_shell("rolec build --target roles-api " + temp_file("robots.toml", "[lint.rules]\nRC602 = \"off\"\n\n" + robots));
  CHECK(quiet.status == 0);
  CHECK(quiet.err.empty());
}
