#pragma once
/// What every command shares: exit codes, output formats, terminal colours.

#include <cstdio>
#include <optional>
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

/// Writes all of `text` to `stream`: a NUL byte quoted from the input does not end it.
void print_text(const std::string& text, std::FILE* stream);

/// An expression given on the command line: its text and the name diagnostics show for it.
struct expression_input {
  std::string text;
  std::string name;
};

/// The expression `argument`, or standard input when it is `-`; prints an error and returns
/// nothing when standard input cannot be read.
[[nodiscard]] std::optional<expression_input> read_expression(const std::string& argument);

}  // namespace rolec::cli
