// Differential test: `rolec lint` reports no error exactly when the Access API (the emulator)
// accepts every request that applying the policy to an empty project makes. Two thousand seeded
// policies, about half of them valid and the others with one or two planted mistakes, go through
// both sides; any policy on which they disagree is a bug in one of them (or in `build`, between
// them), and is shown with its seed, text, lint's errors and the emulator's refusal.

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "differential/pipeline.hpp"
#include "differential/policy_generator.hpp"
#include "support/run.hpp"

using namespace rolec::test::differential;

namespace {

// CI runs seeds 1..2000; ROLEC_DIFF_SEEDS=FIRST..LAST runs others, for longer runs by hand.
std::pair<std::uint64_t, std::uint64_t> seed_range() {
  const char* text = std::getenv("ROLEC_DIFF_SEEDS");
  if (text == nullptr) return {1, 2000};
  const std::string range(text);
  const std::size_t dots = range.find("..");
  if (dots == std::string::npos) return {1, 2000};
  return {std::stoull(range.substr(0, dots)), std::stoull(range.substr(dots + 2))};
}
const std::uint64_t first_seed = seed_range().first;
const std::uint64_t last_seed = seed_range().second;
constexpr std::size_t examples_shown = 10;
// Fewer than this many policies with a kind of mistake, and the test no longer covers it.
constexpr std::size_t least_per_kind = 30;

/// What both sides said about one policy.
struct verdict {
  std::uint64_t seed = 0;
  generated policy;
  std::vector<std::string> lint;  ///< lint's errors
  std::string build_error;        ///< why no bundle was built, if none was
  applied api;
};

bool lint_accepts(const verdict& v) { return v.lint.empty(); }
bool api_accepts(const verdict& v) { return v.build_error.empty() && v.api.accepted; }

verdict judge(std::uint64_t seed, const std::string& text, std::vector<planted> mistakes) {
  verdict v;
  v.seed = seed;
  v.policy = {text, std::move(mistakes)};
  const std::string path = rolec::test::temp_file("differential-" + std::to_string(seed) + ".toml", text);
  v.lint = lint_errors(path);
  const built b = build_bodies(path);
  if (b.bundle) {
    v.api = apply_to_empty(*b.bundle);
  } else {
    v.build_error = b.error;
  }
  return v;
}

std::string kinds_of(const verdict& v) {
  std::set<std::string> names;
  for (const planted& p : v.policy.mistakes) names.emplace(name_of(p.kind));
  if (names.empty()) return "no planted mistake";
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : " + ") + n;
  return out;
}

// Disagreements of the same direction on policies with the same kinds of mistakes are one class.
std::string class_of(const verdict& v) {
  return std::string(lint_accepts(v) ? "lint accepts, emulator refuses" : "lint refuses, emulator accepts") + " | " +
         kinds_of(v);
}

std::string show(const verdict& v) {
  std::ostringstream out;
  out << "seed " << v.seed << " (planted: " << describe(v.policy.mistakes) << ")\n";
  out << "--- policy\n" << v.policy.text << "---\n";
  out << "lint: " << (v.lint.empty() ? "no errors" : std::to_string(v.lint.size()) + " error(s)") << "\n";
  for (const std::string& e : v.lint) out << "  " << e << "\n";
  if (!v.build_error.empty()) {
    out << "build: " << v.build_error << "\n";
  } else if (v.api.accepted) {
    out << "emulator: accepted all " << v.api.requests << " requests\n";
  } else {
    out << "emulator: refused, " << v.api.status << " " << v.api.message << "\n";
  }
  return out.str();
}

/// Counts of one kind of mistake: in how many policies, and how each side judged those that
/// carry only this kind.
struct kind_counts {
  std::size_t policies = 0;
  std::size_t alone = 0;
  std::size_t lint_refused_alone = 0;
  std::size_t api_refused_alone = 0;
};

}  // namespace

TEST_CASE("lint reports no error exactly when the emulator accepts every request of apply", "[differential]") {
  const auto started = std::chrono::steady_clock::now();
  std::map<mistake, kind_counts> kinds;
  std::size_t valid = 0, invalid = 0, two_mistakes = 0, lint_refused = 0, api_refused = 0;
  std::vector<verdict> disagreements;
  std::vector<verdict> mislabelled;  // the generator's own mistake: both sides agree against it
  std::map<std::string, std::size_t> classes;

  for (std::uint64_t seed = first_seed; seed <= last_seed; ++seed) {
    generated g = generate(seed);
    const verdict v = judge(seed, g.text, std::move(g.mistakes));
    const bool planted_none = std::none_of(v.policy.mistakes.begin(), v.policy.mistakes.end(),
                                           [](const planted& p) { return refused(p.kind); });
    (planted_none ? valid : invalid) += 1;
    two_mistakes += v.policy.mistakes.size() == 2;
    lint_refused += !lint_accepts(v);
    api_refused += !api_accepts(v);
    std::set<mistake> seen;
    for (const planted& p : v.policy.mistakes) seen.insert(p.kind);
    for (const mistake m : seen) {
      kind_counts& c = kinds[m];
      ++c.policies;
      if (seen.size() == 1) {
        ++c.alone;
        c.lint_refused_alone += !lint_accepts(v);
        c.api_refused_alone += !api_accepts(v);
      }
    }
    if (lint_accepts(v) != api_accepts(v)) {
      ++classes[class_of(v)];
      disagreements.push_back(v);
    } else if (lint_accepts(v) != planted_none) {
      mislabelled.push_back(v);
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  std::ostringstream summary;
  summary << (last_seed - first_seed + 1) << " policies (seeds " << first_seed << ".." << last_seed << ") in " << seconds
          << " s: " << valid << " valid, " << invalid << " invalid (" << two_mistakes << " with two mistakes); lint refused "
          << lint_refused << ", the emulator refused " << api_refused << "; " << disagreements.size() << " disagreements\n"
          << "planted mistakes (policies with the kind; of those with it alone, refused by lint / by the emulator):\n";
  const std::vector<mistake> possible = possible_mistakes();
  for (const mistake m : all_mistakes()) {
    const kind_counts& c = kinds[m];
    if (std::find(possible.begin(), possible.end(), m) == possible.end()) {
      summary << "  " << name_of(m) << ": not possible with these schemas\n";
      continue;
    }
    summary << "  " << name_of(m) << ": " << c.policies << "; alone " << c.alone << ", refused " << c.lint_refused_alone
            << " / " << c.api_refused_alone << "\n";
  }
  if (!classes.empty()) {
    summary << "disagreements by class (direction | planted kinds): policies\n";
    for (const auto& [name, count] : classes) summary << "  " << name << ": " << count << "\n";
  }
  WARN(summary.str());

  // Every kind the schemas allow must keep being planted often enough to mean something.
  for (const mistake m : possible) {
    INFO("mistake kind " << name_of(m));
    CHECK(kinds[m].policies >= least_per_kind);
  }
  CHECK(valid >= (last_seed - first_seed + 1) / 3);
  CHECK(invalid >= (last_seed - first_seed + 1) / 3);

  // Policies the generator called valid that both sides refuse, or called invalid that both accept.
  if (!mislabelled.empty()) {
    std::cout << "\n" << mislabelled.size() << " policies whose planted mistakes both sides contradict; up to "
              << examples_shown << " of them:\n\n";
    for (std::size_t i = 0; i < std::min(examples_shown, mislabelled.size()); ++i) std::cout << show(mislabelled[i]) << "\n";
    std::cout << std::flush;
  }
  CHECK(mislabelled.empty());

  // One example of each class first, then more, up to examples_shown.
  std::vector<const verdict*> examples;
  std::set<std::string> shown_classes;
  for (const verdict& v : disagreements) {
    if (examples.size() < examples_shown && shown_classes.insert(class_of(v)).second) examples.push_back(&v);
  }
  for (const verdict& v : disagreements) {
    if (examples.size() >= examples_shown) break;
    if (std::find(examples.begin(), examples.end(), &v) == examples.end()) examples.push_back(&v);
  }
  // Policy text goes to standard output as it is: Catch's messages are wrapped at 80 columns,
  // which would cut lines (and UTF-8 sequences) of the policies apart.
  if (!disagreements.empty()) {
    std::cout << "\n" << disagreements.size() << " policies on which lint and the emulator disagree; " << examples.size()
              << " of them, one of each class first:\n\n";
    for (const verdict* v : examples) std::cout << "[" << class_of(*v) << "]\n" << show(*v) << "\n";
    std::cout << std::flush;
  }
  INFO(disagreements.size() << " policies on which lint and the emulator disagree (shown above)");
  REQUIRE(disagreements.empty());
}

TEST_CASE("the generator gives the same policy for the same seed", "[differential]") {
  for (const std::uint64_t seed : {1u, 17u, 1999u}) {
    const generated a = generate(seed);
    const generated b = generate(seed);
    CHECK(a.text == b.text);
    CHECK(describe(a.mistakes) == describe(b.mistakes));
  }
  CHECK(generate_policy(1) != generate_policy(2));
}

// Replays one policy through both sides, for a disagreement being investigated:
//   ROLEC_DIFF_SEED=123 rolec_tests '[differential-replay]'      (a generated policy)
//   ROLEC_DIFF_POLICY=p.toml rolec_tests '[differential-replay]'  (a policy file)
TEST_CASE("replay one policy through lint and the emulator", "[.][differential-replay]") {
  const char* seed_text = std::getenv("ROLEC_DIFF_SEED");
  const char* file = std::getenv("ROLEC_DIFF_POLICY");
  REQUIRE((seed_text != nullptr || file != nullptr));
  verdict v;
  if (file != nullptr) {
    std::ifstream in(file, std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    v = judge(0, text.str(), {});
  } else {
    const std::uint64_t seed = std::strtoull(seed_text, nullptr, 10);
    generated g = generate(seed);
    v = judge(seed, g.text, std::move(g.mistakes));
  }
  std::cout << show(v) << std::flush;
  CHECK(lint_accepts(v) == api_accepts(v));
}
