// Prints the conformance table of docs/conformance.md: rolec against the GROQ suite's data.
// Usage: build/tests/rolec_conformance   (reads ROLEC_SHARED_DIR, set at configure time)

#include <fmt/format.h>

#include <cstdio>

#include "support/suite.hpp"

int main() {
  using rolec::test::suite_report;
  const suite_report reports[] = {
      rolec::test::score_parse_cases(),
      rolec::test::score_expression_cases(),
      rolec::test::score_filter_selection_cases(),
  };
  std::puts("| suite file | cases | applicable | passed | failed | skipped | rate |");
  std::puts("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const suite_report& r : reports) {
    std::printf("%s", fmt::format("| `{}` | {} | {} | {} | {} | {} | {:.2f} % |\n", r.file, r.total, r.applicable(),
                                  r.passed, r.failed.size(), r.skipped.size(), 100.0 * r.rate())
                          .c_str());
  }
  std::puts("");
  for (const suite_report& r : reports) {
    for (const auto& s : r.skipped) std::printf("%s", fmt::format("- skipped in `{}`: `{}`: {}\n", r.file, s.test, s.reason).c_str());
    for (const auto& f : r.failed) std::printf("%s", fmt::format("- failed in `{}`: `{}`: {}\n", r.file, f.test, f.reason).c_str());
  }
  return 0;
}
