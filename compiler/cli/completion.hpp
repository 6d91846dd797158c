#pragma once
/// `rolec completion bash|zsh`: shell completion scripts made from the command line's own
/// definition, so that they never list a command or option that does not exist, or miss one.

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace rolec::cli {

/// What completion knows of one option.
struct option_spec {
  std::vector<std::string> names;    ///< `--format`, `-o`, ...
  std::string description;
  bool takes_value = false;
  bool files = false;                ///< its value is a path (type name FILE, DIR or PATH)
  std::vector<std::string> choices;  ///< its value is one of these (CLI::IsMember)
};

/// What completion knows of one command: `lint`, `groq parse`, or the top level (path "").
struct command_spec {
  std::string path;
  /// Name and description of each subcommand, and of each value of a positional with choices.
  std::vector<std::pair<std::string, std::string>> subcommands;
  std::vector<option_spec> options;
  bool positional_files = false;  ///< takes paths as positional arguments
};

/// Every command of `app`, depth first, the top level first.
[[nodiscard]] std::vector<command_spec> describe(const CLI::App& app);

/// A bash completion script for `rolec` (for /usr/share/bash-completion/completions/rolec).
[[nodiscard]] std::string bash_completion(const std::vector<command_spec>& commands);
/// A zsh completion function for `rolec` (the file `_rolec` in a directory of $fpath).
[[nodiscard]] std::string zsh_completion(const std::vector<command_spec>& commands);

}  // namespace rolec::cli
