#pragma once
/// What every command shares: exit codes, output formats, terminal colours.

#include <cstdio>
#include <string>

namespace rolec::cli {

/// Process exit codes (the design's command-line contract).
enum exit_code : int {
  exit_ok = 0,        ///< success (with --detailed-exitcode: no changes)
  exit_findings = 1,  ///< findings at or above the fail level, failed tests, invalid expressions
  exit_changes = 2,   ///< plan with --detailed-exitcode: changes present
  exit_failure = 3,   ///< the tool could not do its job: usage, unreadable input, network
};

/// Output formats of commands that report diagnostics.
enum class format { human, json };

/// True when `stream` is a terminal and `NO_COLOR` is not set.
[[nodiscard]] bool use_color(std::FILE* stream);

/// Prints `rolec: error: message` to standard error.
void print_error(const std::string& message);

}  // namespace rolec::cli
