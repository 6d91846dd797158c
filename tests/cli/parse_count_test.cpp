// Each filter is parsed once per command: resolve parses every distinct filter text of the policy
// and the catalogue, plan parses each live filter it has not seen, and nothing parses again. The
// real binary counts its parses (ROLEC_STATS=1); the expectation is counted here from the files.

#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "adopt/live.hpp"
#include "diag/source.hpp"
#include "policy/load.hpp"
#include "schemas/catalog.hpp"
#include "support/run.hpp"

using rolec::test::run_shell;
using rolec::test::temp_file;

namespace {

std::string trimmed(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

// The distinct filter texts a command over `policy` (and `live`, for plan) must parse: those of
// the policy's permissions and properties and of the catalogue's, and the live ones that are
// neither, trimmed.
std::size_t distinct_filters(const std::string& policy, const std::string& live = {}) {
  rolec::diag::source_manager sources;
  const auto loaded = rolec::policy::load({policy}, sources);
  REQUIRE(loaded.errors.empty());
  std::set<std::string> exact, trimmed_texts;
  const auto add = [&](const std::string& text) {
    if (exact.insert(text).second) trimmed_texts.insert(trimmed(text));
  };
  for (const auto* list : {&loaded.merged.permissions, &loaded.merged.shadowed_permissions}) {
    for (const auto& p : *list) {
      if (p.filter) add(p.filter->text);
    }
  }
  for (const auto& p : rolec::schemas::builtin().permissions()) {
    if (p.filter) add(*p.filter);
  }
  for (const auto& p : loaded.merged.properties) {  // a property's `where` is a filter too
    if (p.where) add(p.where->text);
  }
  if (!live.empty()) {
    std::string error;
    const auto state = rolec::adopt::read_live({live}, error);
    REQUIRE(state);
    for (const auto& p : state->permissions) {
      if (p.filter && exact.count(*p.filter) == 0 && trimmed_texts.count(*p.filter) == 0) add(*p.filter);
    }
  }
  return exact.size();
}

// The parses the binary reports for `command` (which must run with ROLEC_STATS=1).
std::size_t parses_of(const std::string& command) {
  const auto result = run_shell("ROLEC_STATS=1 " + command);
  INFO(command << "\n" << result.err);
  std::smatch m;
  REQUIRE(std::regex_search(result.err, m, std::regex("rolec: stats: ([0-9]+) GROQ parses?")));
  return std::stoul(m[1]);
}

const std::string source_dir = ROLEC_SOURCE_DIR;

}  // namespace

TEST_CASE("lint, build, test and audit parse each filter of a policy once", "[cli][resolve]") {
  for (const char* example : {"blog", "multi-team", "agency", "legacy"}) {
    const std::string policy = source_dir + "/examples/" + example;
    INFO(policy);
    const std::size_t expected = distinct_filters(policy);
    CHECK(parses_of("rolec lint " + policy) == expected);
    for (const char* target : {"access-api", "roles-api", "groups"}) {
      CHECK(parses_of(std::string("rolec build --target ") + target + " " + policy + " >/dev/null") == expected);
    }
  }
  const std::string tests = source_dir + "/tests/golden/test-gallery";
  CHECK(parses_of("rolec test " + tests + " >/dev/null") == distinct_filters(tests));
  const std::string team = source_dir + "/examples/multi-team";
  CHECK(parses_of("rolec audit --documents " + source_dir + "/tests/golden/audit-multi-team.ndjson --identity u " + team +
                  " >/dev/null") == distinct_filters(team));
}

TEST_CASE("permissions with the same filter text share one parse", "[cli][resolve]") {
  const std::string policy = temp_file("shared.toml", R"([permissions.a]
title = "A"
filter = '_type == "post"'

[permissions.b]
title = "B"
filter = '_type == "post"'

[permissions.c]
title = "C"
filter = '''
_type == "post"
'''

[permissions.everything]
title = "Everything"
filter = '_id in path("**")'

[roles.r]
title = "R"
grants = [
  { permission = "a", actions = ["read"] },
  { permission = "b", actions = ["update"] },
  { permission = "c", actions = ["create"] },
  { permission = "everything", actions = ["read"] },
]
)");
  // `a` and `b` share a text; `c`'s differs in its line breaks, which spans into the file need;
  // `everything` is the text of the predefined `sanity-all-documents`.
  const std::size_t expected = distinct_filters(policy);
  CHECK(expected == distinct_filters(temp_file("empty.toml", "")) + 2);  // the catalogue's, and two
  CHECK(parses_of("rolec lint " + policy) == expected);
}

TEST_CASE("explain parses each filter of the policy once", "[cli][resolve]") {
  const std::string policy = source_dir + "/tests/golden/explain";
  CHECK(parses_of("rolec explain " + policy + " --role author --action update --identity user-ann --document " + policy +
                  "/post-ann.json >/dev/null") == distinct_filters(policy));
  CHECK(parses_of("rolec explain " + policy + " --role desk-editor --action publish --identity user-cy --document " + policy +
                  "/article-news.json >/dev/null") == distinct_filters(policy));
}

TEST_CASE("plan parses each filter of the policy and of the live state once", "[cli][resolve]") {
  const std::string golden = source_dir + "/tests/golden/";
  for (const char* gallery : {"plan-gallery", "plan-refused"}) {
    const std::string policy = golden + gallery;
    const std::string live = golden + gallery + ".live.json";
    const std::size_t expected = distinct_filters(policy, live);
    // The gallery's live state has filters the policy does not: parsing them is plan's work, once each.
    if (std::string(gallery) == "plan-gallery") CHECK(expected > distinct_filters(policy));
    CHECK(parses_of("rolec plan --live " + live + " " + policy + " >/dev/null") == expected);
  }
}
