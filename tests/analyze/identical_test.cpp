// Lint rule RC413 on policies made here: which roles are called the same, and the limit past
// which a group is compared in form only.

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "analyze/identical.hpp"
#include "diag/source.hpp"
#include "policy/load.hpp"
#include "resolve/resolve.hpp"
#include "schemas/catalog.hpp"

namespace {

struct policy_text {
  rolec::diag::source_manager sources;
  rolec::policy::load_result loaded;
  rolec::resolve::resolved_policy resolved;
};

// The messages of RC413's findings for `toml`.
std::vector<std::string> same_roles(const std::string& toml) {
  policy_text p;
  p.loaded = rolec::policy::load_texts({{"policy.toml", toml}}, p.sources);
  REQUIRE(p.loaded.errors.empty());
  p.resolved = rolec::resolve::resolve(p.loaded.merged, rolec::schemas::builtin());
  std::vector<rolec::diag::diagnostic> found;
  rolec::analyze::identical_roles(p.resolved, {}, found);
  std::vector<std::string> out;
  for (const auto& d : found) out.push_back(d.message);
  return out;
}

// `count` roles reading one type each, then `copy` (the grants of `r1` in form) and `twin` (the
// documents of `r2`, written otherwise): one group of `count + 2` roles.
std::string many_readers(int count) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    out += fmt::format("[permissions.t{0}]\ntitle = \"T{0}\"\nfilter = '_type == \"t{0}\"'\n\n", i);
    out += fmt::format("[roles.r{0}]\ntitle = \"R{0}\"\ngrants = [{{ permission = \"t{0}\", actions = [\"read\"] }}]\n\n", i);
  }
  out += "[permissions.t2-again]\ntitle = \"T2 again\"\nfilter = '_type in [\"t2\"] && defined(_type)'\n\n";
  out += "[roles.copy]\ntitle = \"Copy\"\ngrants = [{ permission = \"t1\", actions = [\"read\"] }]\n\n";
  out += "[roles.twin]\ntitle = \"Twin\"\ngrants = [{ permission = \"t2-again\", actions = [\"read\"] }]\n";
  return out;
}

}  // namespace

TEST_CASE("roles of the same grants in form, and of the same documents written otherwise, are called the same",
          "[analyze][lint]") {
  CHECK(same_roles(many_readers(10)) == std::vector<std::string>{"role `copy` allows exactly what role `r1` allows",
                                                                  "role `twin` allows exactly what role `r2` allows"});
}

TEST_CASE("a group past the limit is compared in form only", "[analyze][lint]") {
  const int count = static_cast<int>(rolec::analyze::most_roles_compared);
  // `count` readers and `twin`, of different forms (`copy` is `r1`'s): one role over the limit.
  CHECK(same_roles(many_readers(count)) == std::vector<std::string>{"role `copy` allows exactly what role `r1` allows"});
  CHECK(same_roles(many_readers(count - 1)) == std::vector<std::string>{"role `copy` allows exactly what role `r1` allows",
                                                                         "role `twin` allows exactly what role `r2` allows"});
}

TEST_CASE("roles that differ in who may hold them, or in one action, are not the same", "[analyze][lint]") {
  const std::string base = R"(
[permissions.posts]
title = "Posts"
filter = '_type == "post"'

[roles.a]
title = "A"
grants = [{ permission = "posts", actions = ["read"] }]
)";
  CHECK(same_roles(base + R"(
[roles.b]
title = "B"
applies_to_robots = false
grants = [{ permission = "posts", actions = ["read"] }]
)").empty());
  CHECK(same_roles(base + R"(
[roles.b]
title = "B"
grants = [{ permission = "posts", actions = ["read", "history"] }]
)").empty());
  // The same documents through `extends` and nothing else: an alias, not reported; with a grant
  // that adds nothing, reported.
  CHECK(same_roles(base + "\n[roles.b]\ntitle = \"B\"\nextends = [\"a\"]\n").empty());
  CHECK(same_roles(base + "\n[roles.b]\ntitle = \"B\"\nextends = [\"a\"]\ngrants = [{ permission = \"posts\", actions = "
                          "[\"read\"] }]\n") == std::vector<std::string>{"role `b` allows exactly what role `a` allows"});
}
