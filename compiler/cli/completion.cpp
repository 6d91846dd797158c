#include "cli/completion.hpp"

#include <CLI/CLI.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace rolec::cli {
namespace {

// `TEXT:{human,json}` (CLI::IsMember's description) gives human and json.
std::vector<std::string> choices_of(const std::string& type_name) {
  const auto open = type_name.find(":{");
  const auto close = type_name.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close < open) return {};
  std::vector<std::string> out;
  std::string item;
  for (const char c : type_name.substr(open + 2, close - open - 2)) {
    if (c == ',') {
      out.push_back(item);
      item.clear();
    } else {
      item += c;
    }
  }
  if (!item.empty()) out.push_back(item);
  return out;
}

bool is_path_type(const std::string& type_name) {
  const std::string base = type_name.substr(0, type_name.find(':'));
  return base == "FILE" || base == "DIR" || base == "PATH";
}

void walk(const CLI::App& app, const std::string& path, std::vector<command_spec>& out) {
  command_spec spec;
  spec.path = path;
  const auto subcommands = app.get_subcommands([](const CLI::App*) { return true; });
  for (const CLI::App* sub : subcommands) spec.subcommands.emplace_back(sub->get_name(), sub->get_description());
  for (const CLI::Option* o : app.get_options()) {
    if (o->get_positional() && !o->nonpositional()) {
      spec.positional_files = spec.positional_files || is_path_type(o->get_type_name());
      // A positional that is one of a list (`completion bash`) completes like a subcommand.
      for (const std::string& choice : choices_of(o->get_type_name())) spec.subcommands.emplace_back(choice, o->get_description());
      continue;
    }
    option_spec option;
    for (const std::string& s : o->get_snames()) option.names.push_back("-" + s);
    for (const std::string& l : o->get_lnames()) option.names.push_back("--" + l);
    option.description = o->get_description();
    option.takes_value = o->get_items_expected_min() > 0;
    option.files = is_path_type(o->get_type_name());
    option.choices = choices_of(o->get_type_name());
    spec.options.push_back(std::move(option));
  }
  out.push_back(std::move(spec));
  for (const CLI::App* sub : subcommands) walk(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), out);
}

// A word for a shell script, in single quotes.
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// `_rolec_value_kind PATH OPTION`, the same in bash and zsh: prints `choice:A B`, `file` or `text`
// for an option that takes a value, and fails for any other word.
std::string value_kind_function(const std::vector<command_spec>& commands) {
  std::string out = "_rolec_value_kind() {\n  case \"$1|$2\" in\n";
  for (const command_spec& c : commands) {
    for (const option_spec& o : c.options) {
      if (!o.takes_value) continue;
      const std::string kind = !o.choices.empty() ? fmt::format("choice:{}", fmt::join(o.choices, " ")) : o.files ? "file" : "text";
      for (const std::string& name : o.names) out += fmt::format("    {}) echo {} ;;\n", quoted(c.path + "|" + name), quoted(kind));
    }
  }
  return out + "    *) return 1 ;;\n  esac\n}\n";
}

// `_rolec_positional PATH`: prints `file` when the command takes paths.
std::string positional_function(const std::vector<command_spec>& commands) {
  std::string out = "_rolec_positional() {\n  case \"$1\" in\n";
  std::vector<std::string> paths;
  for (const command_spec& c : commands) {
    if (c.positional_files) paths.push_back(quoted(c.path));
  }
  if (!paths.empty()) out += fmt::format("    {}) echo file ;;\n", fmt::join(paths, "|"));
  return out + "  esac\n}\n";
}

}  // namespace

std::vector<command_spec> describe(const CLI::App& app) {
  std::vector<command_spec> out;
  walk(app, "", out);
  return out;
}

std::string bash_completion(const std::vector<command_spec>& commands) {
  std::string out =
      "# bash completion for rolec, made by `rolec completion bash`: commands, options, the values of\n"
      "# options that take one of a list, and paths where a command or option takes one.\n";
  out += value_kind_function(commands);
  out += positional_function(commands);
  out += "_rolec_words() {\n  case \"$1|$2\" in\n";
  for (const command_spec& c : commands) {
    std::vector<std::string> subcommands, options;
    for (const auto& [name, description] : c.subcommands) subcommands.push_back(name);
    for (const option_spec& o : c.options) options.insert(options.end(), o.names.begin(), o.names.end());
    out += fmt::format("    {}) echo {} ;;\n", quoted(c.path + "|commands"), quoted(fmt::format("{}", fmt::join(subcommands, " "))));
    out += fmt::format("    {}) echo {} ;;\n", quoted(c.path + "|options"), quoted(fmt::format("{}", fmt::join(options, " "))));
  }
  out += "  esac\n}\n";
  out += R"sh(_rolec() {
  local cur=${COMP_WORDS[COMP_CWORD]} cmd="" word kind i
  # The command named so far: subcommand names, past options and the values they take.
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    if kind=$(_rolec_value_kind "$cmd" "$word"); then ((i++)); continue; fi
    [[ $word == -* ]] && continue
    if [[ " $(_rolec_words "$cmd" commands) " == *" $word "* ]]; then cmd=${cmd:+$cmd }$word; fi
  done
  COMPREPLY=()
  # `--format=s`: one word, or (with `=` in COMP_WORDBREAKS, bash's default) three.
  local option=${COMP_WORDS[COMP_CWORD-1]} prefix=""
  if [[ $cur == --*=* ]]; then
    option=${cur%%=*} prefix=$option= cur=${cur#*=}
  elif [[ $option == = ]] && ((COMP_CWORD > 2)); then
    option=${COMP_WORDS[COMP_CWORD-2]}
  fi
  if ((COMP_CWORD > 1)) && kind=$(_rolec_value_kind "$cmd" "$option"); then
    case $kind in
      choice:*) mapfile -t COMPREPLY < <(compgen -P "$prefix" -W "${kind#choice:}" -- "$cur") ;;
      file) mapfile -t COMPREPLY < <(compgen -P "$prefix" -f -- "$cur") ;;
    esac
    return 0
  fi
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_rolec_words "$cmd" options)" -- "$cur")
    return 0
  fi
  mapfile -t COMPREPLY < <(compgen -W "$(_rolec_words "$cmd" commands)" -- "$cur")
  if [[ $(_rolec_positional "$cmd") == file ]]; then
    local files
    mapfile -t files < <(compgen -f -- "$cur")
    COMPREPLY+=("${files[@]}")
  fi
  return 0
}
complete -o filenames -F _rolec rolec
)sh";
  return out;
}

std::string zsh_completion(const std::vector<command_spec>& commands) {
  std::string out =
      "#compdef rolec\n"
      "# zsh completion for rolec, made by `rolec completion zsh`: install it as `_rolec` in a folder of\n"
      "# $fpath (Debian's zsh reads /usr/share/zsh/vendor-completions).\n";
  out += value_kind_function(commands);
  out += positional_function(commands);
  // `_rolec_words PATH commands|options` sets `reply` to `name:description` entries.
  out += "_rolec_words() {\n  case \"$1|$2\" in\n";
  for (const command_spec& c : commands) {
    std::vector<std::string> subcommands, options;
    for (const auto& [name, description] : c.subcommands) subcommands.push_back(quoted(name + ":" + description));
    for (const option_spec& o : c.options) {
      for (const std::string& name : o.names) options.push_back(quoted(name + ":" + o.description));
    }
    out += fmt::format("    {}) reply=({}) ;;\n", quoted(c.path + "|commands"), fmt::join(subcommands, " "));
    out += fmt::format("    {}) reply=({}) ;;\n", quoted(c.path + "|options"), fmt::join(options, " "));
  }
  out += "    *) reply=() ;;\n  esac\n}\n";
  out += R"sh(_rolec() {
  # `cmd`, not `path`: zsh ties `path` to $PATH.
  local cmd="" word kind entry i
  local -a reply names shown
  # The command named so far: subcommand names, past options and the values they take.
  for ((i = 2; i < CURRENT; i++)); do
    word=${words[i]}
    if kind=$(_rolec_value_kind "$cmd" "$word"); then ((i++)); continue; fi
    [[ $word == -* ]] && continue
    _rolec_words "$cmd" commands
    for entry in $reply; do
      if [[ ${entry%%:*} == "$word" ]]; then cmd=${cmd:+$cmd }$word; break; fi
    done
  done
  if [[ ${words[CURRENT]} == --*=* ]] && kind=$(_rolec_value_kind "$cmd" "${words[CURRENT]%%=*}"); then
    # `--format=s`: the choices after the option and its `=`.
    case $kind in
      choice:*) compadd -P "${words[CURRENT]%%=*}=" -- ${=${kind#choice:}} ;;
      file) _files -P "${words[CURRENT]%%=*}=" ;;
    esac
    return
  fi
  if ((CURRENT > 2)) && kind=$(_rolec_value_kind "$cmd" "${words[CURRENT-1]}"); then
    case $kind in
      choice:*) compadd -- ${=${kind#choice:}} ;;
      file) _files ;;
    esac
    return
  fi
  if [[ ${words[CURRENT]} == -* ]]; then _rolec_words "$cmd" options; else _rolec_words "$cmd" commands; fi
  for entry in $reply; do
    names+=("${entry%%:*}")
    shown+=("${(r:24:)${entry%%:*}} -- ${entry#*:}")
  done
  ((${#names})) && compadd -l -d shown -- $names
  if [[ ${words[CURRENT]} != -* && $(_rolec_positional "$cmd") == file ]]; then _files; fi
}
_rolec "$@"
)sh";
  return out;
}

}  // namespace rolec::cli
