// `rolec --version`: the release and the git revision the binary was built from.

#include <catch2/catch.hpp>

#include <regex>

#include "support/run.hpp"

using rolec::test::run_shell;

TEST_CASE("rolec --version reports the release and the revision built", "[cli]") {
  const auto shown = run_shell("rolec --version");
  CHECK(shown.status == 0);
  std::smatch m;
  REQUIRE(std::regex_match(shown.out, m, std::regex(R"(rolec (\d+\.\d+\.\d+) \(revision ([0-9a-f]{12}(-dirty)?|unknown)\)\n)")));
  CHECK(m[1] == ROLEC_VERSION);
  // In a git checkout the revision is its HEAD (this test runs in one in CI and development).
  const auto head = run_shell("git -C '" ROLEC_SOURCE_DIR "' rev-parse --short=12 HEAD 2>/dev/null");
  if (head.status == 0) {
    INFO("a binary built before the last commit reports the revision it was built from: rebuild");
    CHECK(m[2].str().substr(0, 12) == head.out.substr(0, 12));
  } else {
    CHECK(m[2] == "unknown");
  }
}

TEST_CASE("rolec version and rolec -V print what --version prints", "[cli]") {
  const auto long_form = run_shell("rolec --version");
  CHECK(run_shell("rolec version").out == long_form.out);
  CHECK(run_shell("rolec -V").out == long_form.out);
  CHECK(run_shell("rolec version").status == 0);
}
