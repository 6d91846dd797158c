#pragma once
// Expectations written inside policy test inputs, in the spirit of clang's -verify. A TOML comment
//
//     grants = [{ permission = "posts", actions = ["publsh"] }]   # expect: RC308:40
//
// says that rule RC308 reports a finding that starts on this line, at column 40 (1-based, counting
// bytes; the column is optional). `# expect[+1]: ...` and `# expect[-2]: ...` point at another
// line, for findings inside multi-line strings. Several rules are separated by commas. Lines
// without an expectation must produce no finding.

#include <cstdint>
#include <string>
#include <vector>

namespace rolec::test {

/// One expected finding.
struct expectation {
  std::string file;         ///< as given to `parse_expectations`
  std::uint32_t line = 0;   ///< 1-based line of the finding
  std::uint32_t column = 0; ///< 1-based column, or 0 when the comment names none
  std::string rule;         ///< id such as `RC308`
};

/// The expectations in `text`; throws std::runtime_error on a malformed `# expect` comment.
std::vector<expectation> parse_expectations(const std::string& file, const std::string& text);

}  // namespace rolec::test
