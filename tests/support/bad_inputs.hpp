#pragma once
// The bad-input corpus (tests/bad-inputs/CATEGORY/): malformed inputs, each with the outcome the
// real `rolec` binary must give for it. A case is a file with its expectations inline
//
//     # expect: exit=1 at 3:9 RC301 "invalid TOML"
//
// (`#` in TOML, `//` in GROQ), or a file with a sidecar NAME.expect, or a NAME.expect alone whose
// input is generated or absent. Directives, one per line:
//
//     run: ARGS         what follows `rolec`, split as a shell would ('...', "...", \); {input}
//                       is the case's input, {cases} the corpus folder, {out} a path that must
//                       not exist afterwards, {old} a file holding `previous content` that must
//                       still hold it, {api} the emulator's URL (default: the folder's DEFAULTS)
//     stdin: input      the input goes to standard input (default: /dev/null)
//     input: PARTS      the input, generated when the case runs: 'text' or N*'text' parts, with
//                       \n \r \t \0 \\ \' \xHH escapes (for megabytes and bytes that are not text)
//     name: FILE        the file name a generated input gets (default: input.txt)
//     env: NAME=VALUE   in the environment of rolec
//     emulator: ARGS    start rolec-emulator with these arguments first
//     expect: exit=N [at [FILE:]LINE:COL] [RCnnn...] ["substring"...] [output<=BYTES]
//
// Every case must end with exit code 1 or 3 within 5 seconds, never by a signal, having printed
// why, without showing internals (exception names), and leaving its working folder (the current
// folder of rolec, which holds {out} and {old}) exactly as it found it.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolec::test::bad_inputs {

/// `at [FILE:]LINE:COL`: where a diagnostic must start (an empty file means the input's name).
struct location {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

/// The outcome a case must have.
struct expectation {
  int exit = -1;
  std::optional<location> at;
  std::vector<std::string> rules;     ///< `RC301`: printed as `[RC301]` (on the `at` line, if any)
  std::vector<std::string> messages;  ///< substrings of the output
  std::size_t max_output = 0;         ///< `output<=N`: at most N bytes of output (0: any)
};

/// One case of the corpus.
struct spec {
  std::string name;                       ///< `category/file`, for reports
  std::filesystem::path input;            ///< the case's input file; empty when generated or none
  std::optional<std::string> generated;   ///< the `input:` description, expanded when the case runs
  std::string generated_name = "input.txt";
  std::vector<std::string> run;           ///< the arguments after `rolec`, placeholders unexpanded
  bool stdin_input = false;
  std::vector<std::string> env;           ///< NAME=VALUE
  std::vector<std::string> emulator;      ///< arguments of rolec-emulator; empty: none
  expectation expect;
};

/// What one run of rolec did.
struct outcome {
  int exit = -1;        ///< the exit code, or -1
  int signal = 0;       ///< the signal that ended it, or 0
  bool timed_out = false;
  double seconds = 0;
  std::string out, err;
  std::string input_shown;                ///< how the input is named in diagnostics
  std::vector<std::string> changed_files; ///< what differs in the working folder afterwards
};

/// The most time one case may take (four times as much in an AddressSanitizer build).
inline constexpr double time_limit_seconds = 5;

/// The cases of one category folder, in name order; throws std::runtime_error on a malformed
/// directive or a case without `run:` or `expect:`.
[[nodiscard]] std::vector<spec> load_category(const std::filesystem::path& dir);

/// Expands an `input:` description into bytes.
[[nodiscard]] std::string expand_parts(std::string_view description);

/// Splits a `run:` line as a shell would.
[[nodiscard]] std::vector<std::string> split_words(std::string_view line);

/// Runs the case through the real binary.
[[nodiscard]] outcome run_case(const spec& s);

/// Everything wrong with `o` for `s`: empty when the case passes.
[[nodiscard]] std::vector<std::string> problems(const spec& s, const outcome& o);

}  // namespace rolec::test::bad_inputs
