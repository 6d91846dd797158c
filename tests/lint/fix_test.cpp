// Certain fixes: RC404's removal of a redundant grant. Each fix, applied alone, must leave a file
// that lints with one RC404 fewer and nothing new, and take out exactly the text shown here.

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "lint/lint.hpp"
#include "policy/load.hpp"

namespace {

const std::string policy_text = R"([permissions.posts]
title = "Posts"
filter = '_type == "post"'

[permissions.posts-mode]
title = "Posts, by mode"
type = "sanity.document.filter.mode"
filter = '_type == "post"'

[roles.a]
title = "A"
grants = [
  { permission = "posts", actions = ["read", "update", "read"] },
  { permission = "posts", actions = ["update"] },  # twice
  { permission = "posts-mode", mode = "read" },
  { permission = "posts-mode", mode = "publish" },
]

[roles.b]
title = "B"
extends = ["a"]
grants = [{ permission = "posts", actions = ["read"] }, { permission = "posts", actions = ["create"] }]

[roles.c]
title = "C"
extends = ["a"]
grants = [
  { permission = "posts", actions = ["create"] },
  # kept: a comment beside the grant goes with no fix
  { permission = "posts", actions = ["update"] },
]
)";

std::vector<rolec::diag::diagnostic> redundant(const std::string& text) {
  rolec::diag::source_manager sources;
  auto loaded = rolec::policy::load_texts({{"policy.toml", text}}, sources);
  auto linted = rolec::lint::lint_loaded(std::move(loaded), sources);
  std::vector<rolec::diag::diagnostic> out;
  for (auto& d : linted.findings) {
    REQUIRE(d.level != rolec::diag::severity::error);
    if (d.rule == rolec::diag::rule::redundant_grant) out.push_back(d);
  }
  return out;
}

}  // namespace

TEST_CASE("RC404's fix takes the redundant action or grant out, and nothing else", "[lint][fix]") {
  const auto found = redundant(policy_text);
  REQUIRE(found.size() == 5);
  std::vector<std::string> removed;
  for (const auto& d : found) {
    if (!d.fix) {
      removed.emplace_back("(no fix)");
      continue;
    }
    CHECK(d.fix->replacement.empty());
    removed.push_back(policy_text.substr(d.fix->where.begin, d.fix->where.size()));
    std::string fixed = policy_text;
    fixed.erase(d.fix->where.begin, d.fix->where.size());
    INFO("fixed:\n" << fixed);
    CHECK(redundant(fixed).size() == found.size() - 1);
  }
  CHECK(removed == std::vector<std::string>{
                       R"(, "read")",
                       "(no fix)",  // the comment after it would go too
                       "{ permission = \"posts-mode\", mode = \"read\" },\n  ",
                       R"({ permission = "posts", actions = ["read"] }, )",
                       "(no fix)",
                   });
}
