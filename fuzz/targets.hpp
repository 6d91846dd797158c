#pragma once
/// The fuzz targets as plain functions: each takes one input, runs it through a stage of rolec and
/// checks what must always hold. The libFuzzer binaries (fuzz/fuzz_*.cpp) call them, and so does
/// the replay test of the normal test suite (tests/fuzz/replay_test.cpp), which runs every input
/// under tests/fuzz-regressions/<target>/ so that each crash found stays fixed.
///
/// A target returns 0. A broken invariant (a printed query that does not parse back, an imported
/// policy that is not TOML, ...) throws `violation`; any other exception that escapes is a bug of
/// rolec too, since its stages report bad input as values, never as exceptions.

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>

namespace rolec::fuzz {

/// An invariant of rolec that an input broke.
class violation : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

/// GROQ parsing: byte 0 picks the mode (even: query, odd: filter), the rest is the text. Checks
/// that the canonical print of a parsed query parses back to the same print and the same verdict.
int fuzz_groq_parse(const std::uint8_t* data, std::size_t size);

/// GROQ evaluation: `EXPR NUL JSON`, the expression evaluated with the document as `@` (a
/// document that is not JSON: `@` = null), as `rolec groq eval --document` does.
int fuzz_groq_eval(const std::uint8_t* data, std::size_t size);

/// Policy loading: the input is one policy file, or several separated by lines `#@file`; they are
/// linted as a folder, every renderer runs, and a policy without errors is built for every target.
int fuzz_policy_load(const std::uint8_t* data, std::size_t size);

/// Live state: one or more live-state files separated by NUL bytes, merged as `rolec import` and
/// `rolec plan --live` read them; a live state that reads is imported to TOML (which must load),
/// snapshotted and planned against.
int fuzz_live_state(const std::uint8_t* data, std::size_t size);

/// Plan files: read as `rolec apply` reads them; a plan that reads is rendered, written back
/// (which must read again the same) and applied to a fake Access API (requests must stay within
/// the plan's project).
int fuzz_plan_file(const std::uint8_t* data, std::size_t size);

/// A target by name (`fuzz_groq_parse`, ...), for the replay test.
struct target {
  const char* name;
  int (*run)(const std::uint8_t* data, std::size_t size);
};

/// Every target.
[[nodiscard]] std::span<const target> all_targets();

}  // namespace rolec::fuzz
