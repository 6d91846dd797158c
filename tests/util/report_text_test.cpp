// How machine formats write paths: relative to the working folder, without `./`, and as URI
// references that SARIF readers accept.

#include <catch2/catch.hpp>

#include "util/report_text.hpp"

using rolec::util::relative_path;

TEST_CASE("paths inside the base are relative to it, without `./` or `..` parts", "[util]") {
  const std::filesystem::path base = "/repo";
  CHECK(relative_path("./access/x.toml", base) == "access/x.toml");
  CHECK(relative_path("access/x.toml", base) == "access/x.toml");
  CHECK(relative_path("/repo/access/x.toml", base) == "access/x.toml");
  CHECK(relative_path("/repo/./access/../access/x.toml", base) == "access/x.toml");
  CHECK(relative_path("access//x.toml", base) == "access/x.toml");
  CHECK(relative_path("/repo/", base) == "/repo/");  // the base itself: as given
}

TEST_CASE("paths outside the base, and standard input, stay as given", "[util]") {
  const std::filesystem::path base = "/repo/sub";
  CHECK(relative_path("../other/x.toml", base) == "../other/x.toml");
  CHECK(relative_path("./../other/x.toml", base) == "../other/x.toml");
  CHECK(relative_path("/elsewhere/x.toml", base) == "/elsewhere/x.toml");
  CHECK(relative_path("/repo/x.toml", base) == "/repo/x.toml");
  CHECK(relative_path("<stdin>", base) == "<stdin>");
}

TEST_CASE("URI references keep path characters and percent-encode the rest", "[util]") {
  CHECK(rolec::util::uri_reference("access/roles-1_a.toml") == "access/roles-1_a.toml");
  CHECK(rolec::util::uri_reference("sp dir/\xc3\xbc#1.toml") == "sp%20dir/%C3%BC%231.toml");
  CHECK(rolec::util::uri_reference("a%b?c") == "a%25b%3Fc");
  CHECK(rolec::util::file_uri("/srv/sp dir/x.toml") == "file:///srv/sp%20dir/x.toml");
}

TEST_CASE("a base address gets one slash at its end", "[util]") {
  CHECK(rolec::util::as_folder("https://x.org/rules") == "https://x.org/rules/");
  CHECK(rolec::util::as_folder("https://x.org/rules/") == "https://x.org/rules/");
  CHECK(rolec::util::as_folder("") == "");
}

TEST_CASE("workflow commands escape what would end a message or a property", "[util]") {
  CHECK(rolec::util::workflow_data("50% done\r\nnext") == "50%25 done%0D%0Anext");
  CHECK(rolec::util::workflow_property("a:b,c%") == "a%3Ab%2Cc%25");
}
