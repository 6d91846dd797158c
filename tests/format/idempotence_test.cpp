// fmt over every policy file of the repository, awkward texts and a few hundred re-spaced copies
// of the examples: formatting twice changes nothing, toml++ reads the same data before and after,
// and every comment is still there, in order.

#include <catch2/catch.hpp>

#include "diag/source.hpp"
#include "format/corpus.hpp"
#include "format/format.hpp"
#include "format/parse.hpp"
#include "policy/toml_check.hpp"
#include "support/markdown.hpp"
#include "support/toml_mutate.hpp"

namespace {

// The file through `format_file`, as `rolec fmt` runs it; nothing when it cannot be formatted.
std::optional<std::string> fmt(const std::string& text) {
  rolec::diag::source_manager sources;
  const auto id = sources.add("input.toml", text);
  auto result = rolec::format::format_file(sources.file(id), id);
  CHECK(result.failure.empty());
  return result.text;
}

void comments(const rolec::format::node& n, std::vector<std::string>& out) {
  if (n.kind == rolec::format::kind::comment) {
    std::string text(n.text);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
    out.push_back(text);
  }
  for (const auto& child : n.children) comments(child, out);
}

std::vector<std::string> comments_of(const std::string& text) {
  std::vector<std::string> out;
  comments(rolec::format::parse(text).root, out);
  return out;
}

// fmt(text) is in the layout for good, means what text means and keeps its comments.
void check_formats(const std::string& text) {
  const auto once = fmt(text);
  REQUIRE(once);
  CHECK(fmt(*once) == once);
  CHECK(rolec::policy::same_toml_data(text, *once));
  CHECK(comments_of(*once) == comments_of(text));
}

}  // namespace

TEST_CASE("fmt is idempotent and keeps data and comments on every policy file of the repository", "[format]") {
  int files = 0;
  for (const std::string& path : rolec::test::policy_corpus()) {
    const std::string text = rolec::test::read_text(path);
    if (!rolec::policy::same_toml_data(text, text)) continue;  // the broken files of lint's cases
    INFO(path);
    check_formats(text);
    ++files;
  }
  CHECK(files >= 60);
}

TEST_CASE("fmt is idempotent and keeps data and comments on awkward TOML", "[format]") {
  for (const std::string& text : rolec::test::awkward_inputs()) {
    INFO(text);
    check_formats(text);
  }
}

TEST_CASE("fmt brings hundreds of re-spaced copies of the examples to a layout that lasts", "[format]") {
  int variants = 0, refused = 0;
  std::uint32_t seed = 1;
  for (const std::string& path : rolec::test::policy_corpus()) {
    if (path.find("/examples/") == std::string::npos) continue;
    const std::string text = rolec::test::read_text(path);
    const auto formatted = fmt(text);
    REQUIRE(formatted);
    for (int i = 0; i < 60; ++i, ++seed) {
      const std::string mutated = rolec::test::mutate_toml(text, seed);
      INFO(path << " seed " << seed << "\n" << mutated);
      if (!rolec::policy::same_toml_data(text, mutated)) {
        ++refused;  // a re-spacing toml++ does not read (should be none)
        continue;
      }
      check_formats(mutated);
      ++variants;
    }
  }
  CHECK(variants >= 400);
  CHECK(refused == 0);
}
