#pragma once
// Test inputs that carry their expectations inline, in the spirit of clang's -verify: each case
// is one expression, indented by two spaces, followed by marker lines that underline what must
// be reported and name the rule:
//
//     _type == "post" && author->name == "x"
//   #                          ^^^^^^ RC202
//
// A caret under column c marks byte c - 2 of the expression (the indent); one caret also marks
// an empty span. A case without markers must produce no diagnostic. `## ...` lines are comments;
// `## mode: filter` (or `query`) sets the mode for the cases after it, and `## params: a, b` the
// parameters that query-mode cases are given (`## params:` alone: none; by default they are not
// checked).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rolec::test {

struct expected_finding {
  std::string rule;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;  ///< exclusive; begin + 1 for a single caret
};

struct verify_case {
  std::uint32_t line = 0;  ///< line of the expression in the file
  std::string mode;        ///< `query` or `filter`
  std::optional<std::vector<std::string>> parameters;  ///< given parameters, if they are checked
  std::string text;
  std::vector<expected_finding> expected;
};

/// Reads a verify file; throws std::runtime_error on a malformed marker.
std::vector<verify_case> read_verify_file(const std::string& path);

}  // namespace rolec::test
