// Every input a fuzz target once failed on (tests/fuzz-regressions/<target>/<name>), run again
// through the same target function the libFuzzer binaries call, built here without fuzzer flags
// (and under ASan and UBSan in the sanitizer build). A fixed bug that comes back fails here.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "targets.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path regressions = fs::path(ROLEC_TESTS_DIR) / "fuzz-regressions";

std::string bytes_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<fs::path> inputs_of(const std::string& target) {
  std::vector<fs::path> out;
  const fs::path folder = regressions / target;
  if (!fs::is_directory(folder)) return out;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.is_regular_file()) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Runs one input; returns what went wrong, or nothing.
std::string replay(const rolec::fuzz::target& t, const std::string& input) {
  try {
    t.run(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
    return "";
  } catch (const rolec::fuzz::violation& v) {
    return std::string("violation: ") + v.what();
  } catch (const std::exception& e) {
    return std::string("exception escaped: ") + e.what();
  } catch (...) {
    return "unknown exception escaped";
  }
}

}  // namespace

TEST_CASE("fuzz regressions: every saved input runs clean through its target", "[fuzz]") {
  std::size_t replayed = 0;
  for (const rolec::fuzz::target& t : rolec::fuzz::all_targets()) {
    for (const fs::path& file : inputs_of(t.name)) {
      INFO(file.string());
      CHECK(replay(t, bytes_of(file)) == "");
      ++replayed;
    }
  }
  // The folder is not empty by accident: the bugs fixed so far each left an input.
  CHECK(replayed >= 5);
}

TEST_CASE("fuzz regressions: every folder names a target", "[fuzz]") {
  std::set<std::string> names;
  for (const rolec::fuzz::target& t : rolec::fuzz::all_targets()) names.insert(t.name);
  for (const auto& entry : fs::directory_iterator(regressions)) {
    INFO(entry.path().string());
    CHECK(entry.is_directory());
    CHECK(names.count(entry.path().filename().string()) == 1);
  }
}

TEST_CASE("fuzz regressions: a broken invariant or an escaped exception fails the replay", "[fuzz]") {
  const rolec::fuzz::target broken{"broken", [](const std::uint8_t*, std::size_t) -> int {
                                     throw rolec::fuzz::violation("print(parse(print(x))) != print(x)");
                                   }};
  const rolec::fuzz::target throwing{"throwing", [](const std::uint8_t*, std::size_t) -> int {
                                       throw std::out_of_range("[json.exception.out_of_range.406] number overflow");
                                     }};
  CHECK(replay(broken, "x") == "violation: print(parse(print(x))) != print(x)");
  CHECK(replay(throwing, "x") == "exception escaped: [json.exception.out_of_range.406] number overflow");
}

TEST_CASE("fuzz targets: small and well-formed inputs run clean", "[fuzz]") {
  using namespace std::string_literals;
  using rolec::fuzz::all_targets;
  const auto find = [](std::string_view name) {
    return *std::find_if(all_targets().begin(), all_targets().end(), [&](const auto& t) { return t.name == name; });
  };
  for (const rolec::fuzz::target& t : all_targets()) {
    INFO(t.name);
    CHECK(replay(t, "") == "");
    CHECK(replay(t, "\0"s) == "");
  }
  CHECK(replay(find("fuzz_groq_parse"), "1_type == 'post' && !(_id in path(\"drafts.**\"))") == "");
  CHECK(replay(find("fuzz_groq_eval"), "count(tags[@ match \"b*\"])\0{\"tags\": [\"beta\", \"x\"]}"s) == "");
  CHECK(replay(find("fuzz_policy_load"), "[permissions.p]\ntitle = \"P\"\nfilter = '_type == \"post\"'\n#@file\n"
                                         "[roles.r]\ntitle = \"R\"\ngrants = [{ permission = \"p\", actions = [\"read\"] }]\n") == "");
  CHECK(replay(find("fuzz_live_state"), R"({"permissions": [], "roles": []})") == "");
  CHECK(replay(find("fuzz_plan_file"), R"({"kind": "plan", "format_version": "2"})") == "");
}
