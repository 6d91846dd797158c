// The command-line contract of `rolec fmt`: files rewritten in place (only when they change, in
// one rename), --check, standard input, broken and unreadable files left alone, and a policy that
// builds to the same payloads before and after.

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "support/markdown.hpp"
#include "support/run.hpp"
#include "support/toml_mutate.hpp"

using rolec::test::read_text;
using rolec::test::run_shell;

namespace {

namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = rolec::test::scratch_root() / "fmt" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

// Every target builds the same payloads (and exit status: the groups target refuses some examples)
// from both folders.
void check_same_build(const fs::path& original, const fs::path& copy) {
  for (const std::string target : {"access-api", "roles-api", "groups"}) {
    const auto expected = run_shell("rolec build --target " + target + " " + quoted(original));
    const auto actual = run_shell("rolec build --target " + target + " " + quoted(copy));
    INFO(target);
    CHECK(actual.status == expected.status);
    CHECK(actual.out == expected.out);
    if (expected.status == 0) CHECK_FALSE(expected.out.empty());
  }
}

const std::string messy = "[roles.writer]\ntitle=\"Writer\"   # who writes\ngrants = [ { permission = \"posts\" , actions = [\"read\"] } , ]\n";
const std::string tidy = "[roles.writer]\ntitle = \"Writer\"  # who writes\ngrants = [{ permission = \"posts\", actions = [\"read\"] }]\n";

}  // namespace

TEST_CASE("fmt rewrites the TOML files of a folder, recursively, and only those that change", "[cli][fmt]") {
  const fs::path dir = fresh_dir("folder");
  write(dir / "a.toml", messy);
  write(dir / "sub/b.toml", tidy);
  write(dir / "notes.txt", "a=1\n");
  ::chmod((dir / "a.toml").c_str(), 0640);
  const auto before = fs::last_write_time(dir / "sub/b.toml");

  const auto r = run_shell("rolec fmt " + quoted(dir));
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  CHECK(r.err.empty());
  CHECK(read_text((dir / "a.toml").string()) == tidy);
  CHECK(read_text((dir / "notes.txt").string()) == "a=1\n");
  CHECK(fs::last_write_time(dir / "sub/b.toml") == before);  // not written at all
  struct stat info {};
  REQUIRE(::stat((dir / "a.toml").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0640);
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 3);  // no temporary left
}

TEST_CASE("fmt --check changes nothing, lists the files that would change and exits 1", "[cli][fmt]") {
  const fs::path dir = fresh_dir("check");
  write(dir / "a.toml", messy);
  write(dir / "b.toml", tidy);
  const auto r = run_shell("cd " + quoted(dir) + " && rolec fmt --check");
  CHECK(r.status == 1);
  CHECK(r.out == "./a.toml\n");
  CHECK(r.err.empty());
  CHECK(read_text((dir / "a.toml").string()) == messy);

  const auto named = run_shell("cd " + quoted(dir) + " && rolec fmt --check b.toml a.toml");
  CHECK(named.status == 1);
  CHECK(named.out == "a.toml\n");

  const auto clean = run_shell("rolec fmt --check " + quoted(dir / "b.toml"));
  CHECK(clean.status == 0);
  CHECK(clean.out.empty());
}

TEST_CASE("fmt - formats standard input to standard output", "[cli][fmt]") {
  const fs::path file = fresh_dir("stdin") / "in.toml";
  write(file, messy);
  const auto r = run_shell("rolec fmt - < " + quoted(file));
  CHECK(r.status == 0);
  CHECK(r.out == tidy);
  CHECK(read_text(file.string()) == messy);
  const auto check = run_shell("rolec fmt --check - < " + quoted(file));
  CHECK(check.status == 1);
  CHECK(check.out == "-\n");
}

TEST_CASE("fmt leaves a file that is not TOML as it is, says where, and formats the others", "[cli][fmt]") {
  const fs::path dir = fresh_dir("broken");
  const std::string broken = "[roles.writer]\ntitle = \"Writer\ngrants=[]\n";
  write(dir / "a.toml", broken);
  write(dir / "b.toml", messy);
  const auto r = run_shell("rolec fmt " + quoted(dir));
  CHECK(r.status == 3);
  CHECK(r.out.empty());
  CHECK(r.err.find("a.toml:2:16: error[RC301]: invalid TOML: ") != std::string::npos);
  CHECK(r.err.find("the file is left as it is") != std::string::npos);
  CHECK(read_text((dir / "a.toml").string()) == broken);
  CHECK(read_text((dir / "b.toml").string()) == tidy);
}

TEST_CASE("fmt says which path it cannot read, exits 3, and writes nothing there", "[cli][fmt]") {
  const fs::path dir = fresh_dir("unreadable");
  const auto missing = run_shell("rolec fmt " + quoted(dir / "nowhere.toml"));
  CHECK(missing.status == 3);
  CHECK(missing.err == "rolec: error: " + (dir / "nowhere.toml").string() + ": no such file or folder\n");

  write(dir / "locked.toml", messy);
  ::chmod((dir / "locked.toml").c_str(), 0);
  const auto locked = run_shell("[ \"$(id -u)\" = 0 ] && exit 42; rolec fmt " + quoted(dir / "locked.toml"));
  if (locked.status != 42) {  // root reads every file
    CHECK(locked.status == 3);
    CHECK(locked.err.rfind("rolec: error: ", 0) == 0);
  }
  ::chmod((dir / "locked.toml").c_str(), 0644);
  CHECK(read_text((dir / "locked.toml").string()) == messy);
}

TEST_CASE("each example policy builds the same payloads re-spaced, then formatted", "[cli][fmt]") {
  int policies = 0;
  for (const auto& entry : fs::directory_iterator(std::string(ROLEC_SOURCE_DIR) + "/examples")) {
    if (!entry.is_directory()) continue;
    const fs::path copy = fresh_dir("example-" + entry.path().filename().string());
    fs::copy(entry.path(), copy, fs::copy_options::recursive);
    std::uint32_t seed = 7;
    for (const auto& file : fs::recursive_directory_iterator(copy)) {
      if (file.path().extension() != ".toml") continue;
      write(file.path(), rolec::test::mutate_toml(read_text(file.path().string()), seed++));
    }
    if (seed == 7) continue;  // documents and live states, not a policy
    ++policies;
    INFO(entry.path().string());
    check_same_build(entry.path(), copy);
    CHECK(run_shell("rolec fmt --check " + quoted(copy)).status == 1);
    REQUIRE(run_shell("rolec fmt " + quoted(copy)).status == 0);
    CHECK(run_shell("rolec fmt --check " + quoted(copy)).status == 0);
    check_same_build(entry.path(), copy);
  }
  CHECK(policies >= 4);
}

TEST_CASE("the repository's examples are formatted", "[cli][fmt]") {
  const auto r = run_shell("rolec fmt --check " + quoted(fs::path(ROLEC_SOURCE_DIR) / "examples"));
  CHECK(r.out.empty());
  CHECK(r.status == 0);
}
