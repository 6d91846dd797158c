// `rolec diff` with a side read from git: `git:REV:PATH` is PATH as it was at revision REV, and
// its files are named so in every place a message points at.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "support/run.hpp"

namespace {

void write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

const char* const before = R"([permissions.pages]
title = "Pages"
filter = '_type == "page" && !(_id in path("drafts.**"))'

[roles.writer]
title = "Writer"
grants = [{ permission = "pages", actions = ["read"] }]
)";

// A git repository holding `before` in policy/, committed, with the working copy changed.
std::filesystem::path repository() {
  const std::filesystem::path dir = rolec::test::scratch_root() / "diff-git";
  std::filesystem::remove_all(dir);
  write(dir / "policy" / "roles.toml", before);
  write(dir / "policy" / "notes.md", "not a policy file\n");
  const auto made = rolec::test::run_shell("cd '" + dir.string() +
                                           "' && git init -q && git add policy && git -c user.name=t -c user.email=t@t "
                                           "commit -qm before");
  REQUIRE(made.status == 0);
  std::string after = before;
  after.replace(after.find(R"( && !(_id in path("drafts.**")))"), 31, "");
  write(dir / "policy" / "roles.toml", after);
  return dir;
}

}  // namespace

TEST_CASE("diff reads a side from git", "[diff]") {
  const auto dir = repository();
  const auto r = rolec::test::run_shell("cd '" + dir.string() + "' && rolec diff git:HEAD:policy policy --role writer --action read");
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("`writer` may now `read` documents like {\"_id\": \"drafts.x\", \"_type\": \"page\"} (was not allowed)") !=
        std::string::npos);
  CHECK(r.out.find("at policy/roles.toml:3:10") != std::string::npos);
  // Both sides from git, the same revision: nothing changed.
  const auto same = rolec::test::run_shell("cd '" + dir.string() + "' && rolec diff git:HEAD:policy git:HEAD:policy/roles.toml");
  CHECK(same.status == 0);
  CHECK(same.out.rfind("no change to access", 0) == 0);
  // Two revisions: the grant is named by the revision it is in.
  const auto committed = rolec::test::run_shell("cd '" + dir.string() +
                                                "' && git -c user.name=t -c user.email=t@t commit -qam after");
  REQUIRE(committed.status == 0);
  const auto revisions = rolec::test::run_shell("cd '" + dir.string() +
                                                "' && rolec diff git:HEAD~1:policy git:HEAD:policy --role writer --format json");
  CHECK(revisions.status == 0);
  CHECK(revisions.out.find("\"file\": \"git:HEAD:policy/roles.toml\"") != std::string::npos);
}

TEST_CASE("diff says why git cannot give a side", "[diff]") {
  const auto dir = repository();
  const auto unknown = rolec::test::run_shell("cd '" + dir.string() + "' && rolec diff git:no-such-rev:policy policy");
  CHECK(unknown.status == 3);
  CHECK(unknown.err.rfind("rolec: error: git:no-such-rev:policy: ", 0) == 0);
  const auto empty = rolec::test::run_shell("cd '" + dir.string() + "' && rolec diff git:HEAD:elsewhere policy");
  CHECK(empty.status == 3);
  CHECK(empty.err == "rolec: error: git:HEAD:elsewhere: path 'elsewhere' does not exist in 'HEAD'\n");
  // A revision that git would read as an option is refused before git runs.
  const auto option = rolec::test::run_shell("cd '" + dir.string() + "' && rolec diff git:-r:policy policy");
  CHECK(option.status == 3);
  CHECK(option.err == "rolec: error: git:-r:policy: `-r` is not a git revision\n");
  // A folder without policy files.
  const auto none = rolec::test::run_shell("cd '" + dir.string() + "' && mkdir -p other && echo x > other/a.md && git add other && "
                                           "git -c user.name=t -c user.email=t@t commit -qm other && rolec diff git:HEAD:other policy");
  CHECK(none.status == 3);
  CHECK(none.err == "rolec: error: git:HEAD:other: no policy file at that revision\n");
}
