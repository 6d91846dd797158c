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

/// When output is coloured: `--color=always|never|auto` (`--no-color` is `never`).
enum class color_mode { automatic, always, never };

/// Sets the colour mode of every output from now on.
void set_color(color_mode mode);

/// Whether to colour `stream`: as `--color` says; in `auto`, when it is a terminal, `NO_COLOR`
/// is not set and `TERM` is not `dumb`.
[[nodiscard]] bool use_color(std::FILE* stream);

/// The address of the folder of rule pages, with a slash at its end: `flag` (`--docs-url`) when
/// given, else `ROLEC_DOCS_URL` from the environment, else the build's (CMake's ROLEC_DOCS_URL),
/// else the installed pages next to the binary (`../share/doc/rolec/rules/`), else the source
/// tree's `docs/rules/`, as `file://` URIs.
[[nodiscard]] std::string rules_url(const std::string& flag);

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
