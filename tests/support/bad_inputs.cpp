#include "support/bad_inputs.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "emulator/emulator_process.hpp"
#include "support/run.hpp"

extern char** environ;

namespace rolec::test::bad_inputs {
namespace {

namespace fs = std::filesystem;

// Text that only shows when an error escaped rolec's own reporting.
constexpr std::string_view internals[] = {"terminate called", "what():", "[json.exception", "TOML_", "std::",
                                          "Assertion", "AddressSanitizer", "runtime error:"};

const std::string previous_content = "previous content\n";

[[noreturn]] void malformed(const std::string& where, const std::string& what) {
  throw std::runtime_error(where + ": " + what);
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The directive in `line` after an optional comment marker (`#`, `//`), if it is one.
std::optional<std::pair<std::string, std::string>> directive(std::string_view line, bool commented) {
  std::size_t i = line.find_first_not_of(" \t");
  if (i == std::string_view::npos) return std::nullopt;
  if (commented) {
    if (line.compare(i, 1, "#") == 0) {
      ++i;
    } else if (line.compare(i, 2, "//") == 0) {
      i += 2;
    } else {
      return std::nullopt;
    }
    i = line.find_first_not_of(" \t", i);
    if (i == std::string_view::npos) return std::nullopt;
  }
  static constexpr std::string_view keys[] = {"run", "stdin", "input", "name", "env", "emulator", "expect"};
  for (const std::string_view key : keys) {
    if (line.compare(i, key.size(), key) == 0 && line.size() > i + key.size() && line[i + key.size()] == ':') {
      std::string value(line.substr(i + key.size() + 1));
      const std::size_t start = value.find_first_not_of(" \t");
      const std::size_t end = value.find_last_not_of(" \t\r");
      value = start == std::string::npos ? std::string() : value.substr(start, end - start + 1);
      return std::pair{std::string(key), value};
    }
  }
  return std::nullopt;
}

expectation parse_expect(const std::string& where, std::string_view text) {
  expectation e;
  std::size_t i = 0;
  const auto next_word = [&]() {
    const std::size_t end = text.find_first_of(" \t", i);
    std::string word(text.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
    i = end == std::string_view::npos ? text.size() : end;
    return word;
  };
  while ((i = text.find_first_not_of(" \t", i)) != std::string_view::npos) {
    if (text[i] == '"') {
      std::string message;
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        message += text[i];
      }
      if (i >= text.size()) malformed(where, "unterminated \"substring\" in expect:");
      ++i;
      e.messages.push_back(message);
      continue;
    }
    const std::string word = next_word();
    if (word.rfind("exit=", 0) == 0) {
      e.exit = std::stoi(word.substr(5));
    } else if (word.rfind("output<=", 0) == 0) {
      e.max_output = std::stoul(word.substr(8));
    } else if (word == "at") {
      i = text.find_first_not_of(" \t", i);
      if (i == std::string_view::npos) malformed(where, "`at` without a place");
      const std::string place = next_word();
      const std::size_t last = place.rfind(':');
      const std::size_t middle = last == std::string::npos || last == 0 ? std::string::npos : place.rfind(':', last - 1);
      location at;
      try {
        at.column = static_cast<std::uint32_t>(std::stoul(place.substr(last + 1)));
        at.line = static_cast<std::uint32_t>(std::stoul(place.substr(middle == std::string::npos ? 0 : middle + 1)));
      } catch (const std::exception&) {
        malformed(where, "`at " + place + "` is not [FILE:]LINE:COL");
      }
      if (middle != std::string::npos) at.file = place.substr(0, middle);
      e.at = at;
    } else if (word.size() == 5 && word.rfind("RC", 0) == 0) {
      e.rules.push_back(word);
    } else {
      malformed(where, "unknown word `" + word + "` in expect:");
    }
  }
  return e;
}

void apply(spec& s, const std::string& where, const std::string& key, const std::string& value) {
  if (key == "run") {
    s.run = split_words(value);
  } else if (key == "stdin") {
    if (value != "input") malformed(where, "stdin: takes `input`");
    s.stdin_input = true;
  } else if (key == "input") {
    s.generated = value;
  } else if (key == "name") {
    s.generated_name = value;
  } else if (key == "env") {
    s.env.push_back(value);
  } else if (key == "emulator") {
    s.emulator = split_words(value);
  } else if (key == "expect") {
    const expectation more = parse_expect(where, value);
    if (more.exit != -1) s.expect.exit = more.exit;
    if (more.at) s.expect.at = more.at;
    if (more.max_output != 0) s.expect.max_output = more.max_output;
    s.expect.rules.insert(s.expect.rules.end(), more.rules.begin(), more.rules.end());
    s.expect.messages.insert(s.expect.messages.end(), more.messages.begin(), more.messages.end());
  }
}

void read_directives(spec& s, const fs::path& file, bool commented) {
  std::istringstream in(slurp(file));
  std::string line;
  while (std::getline(in, line)) {
    if (auto d = directive(line, commented)) apply(s, file.string(), d->first, d->second);
  }
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// Every file of `dir` with its relative path and content.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string name = fs::relative(e.path(), dir).string();
    files[name] = e.is_directory() ? std::string("<folder>") : slurp(e.path());
  }
  return files;
}

// The folder the cases run in, in the process's scratch folder (removed at its end: generated
// inputs are large).
fs::path cases_root() { return rolec::test::scratch_root() / "bad-inputs"; }

constexpr bool address_sanitizer =
#if defined(__SANITIZE_ADDRESS__)
    true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    true;
#else
    false;
#endif
#else
    false;
#endif

// A sanitizer build runs several times slower: the bound is for hangs, not for speed.
double time_limit() { return time_limit_seconds * (address_sanitizer ? 4 : 1); }

// The environment of rolec: ours, without the caller's Sanity settings, so that no case can
// reach a real project; the API URL points at a port where nothing listens.
std::vector<std::string> child_environment(const spec& s, const std::string& api) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string_view entry(*e);
    if (entry.rfind("SANITY_", 0) == 0 || entry.rfind("NO_COLOR=", 0) == 0) continue;
    env.emplace_back(entry);
  }
  env.emplace_back("NO_COLOR=1");
  env.emplace_back("SANITY_AUTH_TOKEN=bad-inputs-token");
  env.emplace_back("SANITY_API_URL=" + api);
  for (const std::string& e : s.env) {
    const std::string name = e.substr(0, e.find('=') + 1);
    env.erase(std::remove_if(env.begin(), env.end(), [&](const std::string& x) { return x.rfind(name, 0) == 0; }), env.end());
    env.push_back(e);
  }
  return env;
}

// True when `test` holds for some line of `text`.
bool some_line(const std::string& text, const std::function<bool(std::string_view)>& test) {
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (test(std::string_view(text).substr(start, end - start))) return true;
    start = end + 1;
  }
  return false;
}

std::string excerpt(const std::string& text) {
  constexpr std::size_t shown = 600;
  return text.size() <= shown ? text : text.substr(0, shown) + "... (" + std::to_string(text.size()) + " bytes)";
}

}  // namespace

std::vector<std::string> split_words(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\'') {
      const std::size_t end = line.find('\'', i + 1);
      if (end == std::string_view::npos) throw std::runtime_error("unterminated ' in `" + std::string(line) + "`");
      word.append(line.substr(i + 1, end - i - 1));
      i = end;
    } else if (c == '"') {
      for (++i; i < line.size() && line[i] != '"'; ++i) {
        if (line[i] == '\\' && i + 1 < line.size() && (line[i + 1] == '"' || line[i + 1] == '\\')) ++i;
        word += line[i];
      }
      if (i >= line.size()) throw std::runtime_error("unterminated \" in `" + std::string(line) + "`");
    } else if (c == '\\' && i + 1 < line.size()) {
      word += line[++i];
    } else {
      word += c;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

std::string expand_parts(std::string_view description) {
  std::string out;
  std::size_t i = 0;
  while ((i = description.find_first_not_of(" \t", i)) != std::string_view::npos) {
    std::size_t count = 1;
    if (std::isdigit(static_cast<unsigned char>(description[i])) != 0) {
      const std::size_t star = description.find('*', i);
      if (star == std::string_view::npos) throw std::runtime_error("expected N*'text' in input:");
      count = std::stoul(std::string(description.substr(i, star - i)));
      i = star + 1;
    }
    if (i >= description.size() || description[i] != '\'') throw std::runtime_error("expected 'text' in input:");
    std::string part;
    for (++i; i < description.size() && description[i] != '\''; ++i) {
      char c = description[i];
      if (c == '\\' && i + 1 < description.size()) {
        const char e = description[++i];
        switch (e) {
          case 'n': c = '\n'; break;
          case 'r': c = '\r'; break;
          case 't': c = '\t'; break;
          case '0': c = '\0'; break;
          case 'x':
            c = static_cast<char>(std::stoi(std::string(description.substr(i + 1, 2)), nullptr, 16));
            i += 2;
            break;
          default: c = e;
        }
      }
      part += c;
    }
    if (i >= description.size()) throw std::runtime_error("unterminated 'text' in input:");
    ++i;
    out.reserve(out.size() + part.size() * count);
    for (std::size_t k = 0; k < count; ++k) out += part;
  }
  return out;
}

std::vector<spec> load_category(const fs::path& dir) {
  spec defaults;
  if (fs::exists(dir / "DEFAULTS")) read_directives(defaults, dir / "DEFAULTS", false);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().filename() != "DEFAULTS") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<spec> cases;
  for (const fs::path& file : files) {
    const bool sidecar = file.extension() == ".expect";
    fs::path data = file;
    if (sidecar) {
      // A sidecar belongs to the file of the same stem, when there is one.
      const fs::path stem = file.parent_path() / file.stem();
      const bool has_data = std::any_of(files.begin(), files.end(), [&](const fs::path& f) {
        return f != file && f.parent_path() / f.stem() == stem;
      });
      if (has_data) continue;
      data.clear();
    }
    spec s = defaults;
    s.name = dir.filename().string() + "/" + file.filename().string();
    if (!data.empty()) {
      s.input = fs::absolute(data);
      const std::string ext = data.extension().string();
      if (ext == ".toml" || ext == ".groq") read_directives(s, data, true);
      fs::path side = data;
      side.replace_extension(".expect");
      if (fs::exists(side)) read_directives(s, side, false);
    } else {
      read_directives(s, file, false);
    }
    if (s.run.empty()) malformed(s.name, "no run: (and no DEFAULTS)");
    if (s.expect.exit != 1 && s.expect.exit != 3) malformed(s.name, "expect: needs exit=1 or exit=3");
    cases.push_back(std::move(s));
  }
  return cases;
}

outcome run_case(const spec& s) {
  outcome o;
  const fs::path root = cases_root();
  const fs::path work = root / "work";
  fs::remove_all(work);
  fs::create_directories(work);
  fs::path input = s.input;
  if (s.generated) {
    // Beside the working folder, so that megabytes of input are not compared before and after.
    fs::remove_all(root / "input");
    fs::create_directories(root / "input");
    input = root / "input" / s.generated_name;
    std::ofstream(input, std::ios::binary) << expand_parts(*s.generated);
  }
  std::unique_ptr<emulator_process> emulator;
  std::string api = "http://127.0.0.1:1";
  if (!s.emulator.empty()) {
    std::vector<std::string> args;
    for (const std::string& a : s.emulator) args.push_back(replace_all(a, "{cases}", fs::path(ROLEC_TESTS_DIR "/bad-inputs").string()));
    emulator = std::make_unique<emulator_process>(args);
    api = "http://127.0.0.1:" + std::to_string(emulator->port());
  }
  std::vector<std::string> args{ROLEC_BINARY};
  bool uses_old = false;
  for (const std::string& a : s.run) {
    std::string x = replace_all(a, "{input}", input.string());
    x = replace_all(x, "{cases}", ROLEC_TESTS_DIR "/bad-inputs");
    x = replace_all(x, "{out}", (work / "out").string());
    if (x.find("{old}") != std::string::npos) uses_old = true;
    x = replace_all(x, "{old}", (work / "old.json").string());
    x = replace_all(x, "{api}", api);
    args.push_back(x);
  }
  if (uses_old) std::ofstream(work / "old.json", std::ios::binary) << previous_content;
  o.input_shown = s.stdin_input ? "<stdin>" : input.string();
  const auto before = snapshot(work);

  std::vector<std::string> env = child_environment(s, api);
  std::vector<char*> argv, envp;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  const std::string out_path = (root / "stdout").string(), err_path = (root / "stderr").string();
  const std::string stdin_path = s.stdin_input ? input.string() : std::string("/dev/null");

  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::setpgid(0, 0);
    if (::chdir(work.c_str()) != 0) ::_exit(127);
    const int in = ::open(stdin_path.c_str(), O_RDONLY);
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || err < 0) ::_exit(127);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    if (!address_sanitizer) {
      // Unbounded memory ends in std::bad_alloc, an abort the checks below see as a signal.
      const rlimit memory{rlim_t{2} << 30, rlim_t{2} << 30};
      ::setrlimit(RLIMIT_AS, &memory);
    }
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  int status = 0;
  const auto deadline = start + std::chrono::duration<double>(time_limit());
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      o.timed_out = true;
      ::kill(-pid, SIGKILL);
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (WIFEXITED(status)) o.exit = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) o.signal = WTERMSIG(status);
  o.out = slurp(out_path);
  o.err = slurp(err_path);

  const auto after = snapshot(work);
  fs::remove_all(root / "input");
  for (const auto& [name, content] : after) {
    const auto it = before.find(name);
    if (it == before.end()) o.changed_files.push_back(name + " (written)");
    else if (it->second != content) o.changed_files.push_back(name + " (changed)");
  }
  for (const auto& [name, content] : before) {
    if (after.count(name) == 0) o.changed_files.push_back(name + " (removed)");
  }
  return o;
}

std::vector<std::string> problems(const spec& s, const outcome& o) {
  std::vector<std::string> found;
  const auto problem = [&](const std::string& what) { found.push_back(what); };
  if (o.timed_out) {
    problem("did not finish within " + std::to_string(static_cast<int>(time_limit())) + " s");
  } else if (o.signal != 0) {
    problem("ended by signal " + std::to_string(o.signal) + " (" + ::strsignal(o.signal) + ")");
  } else if (o.exit != s.expect.exit) {
    problem("exit code " + std::to_string(o.exit) + ", expected " + std::to_string(s.expect.exit));
  }
  const std::string all = o.out + o.err;
  if (all.find_first_not_of(" \n") == std::string::npos) problem("printed nothing: a failure must say why");
  for (const std::string_view leak : internals) {
    if (all.find(leak) != std::string::npos) problem("shows internals (`" + std::string(leak) + "`)");
  }
  for (const std::string& f : o.changed_files) problem("left its working folder changed: " + f);
  if (s.expect.max_output != 0 && all.size() > s.expect.max_output) {
    problem("printed " + std::to_string(all.size()) + " bytes, more than " + std::to_string(s.expect.max_output));
  }
  if (const auto& at = s.expect.at) {
    const std::string file = at->file.empty() ? o.input_shown : replace_all(at->file, "{input}", o.input_shown);
    const std::string place = file + ":" + std::to_string(at->line) + ":" + std::to_string(at->column) + ":";
    const bool seen = some_line(all, [&](std::string_view line) {
      if (line.find(place) == std::string_view::npos) return false;
      return std::all_of(s.expect.rules.begin(), s.expect.rules.end(),
                         [&](const std::string& r) { return line.find("[" + r + "]") != std::string_view::npos; });
    });
    if (!seen) {
      std::string rules;
      for (const std::string& r : s.expect.rules) rules += " [" + r + "]";
      problem("no diagnostic at " + place + rules);
    }
  } else {
    for (const std::string& r : s.expect.rules) {
      if (all.find("[" + r + "]") == std::string::npos) problem("no finding of rule " + r);
    }
  }
  for (const std::string& m : s.expect.messages) {
    if (all.find(m) == std::string::npos) problem("no message with \"" + m + "\"");
  }
  if (!found.empty()) {
    found.push_back("stdout: " + excerpt(o.out));
    found.push_back("stderr: " + excerpt(o.err));
  }
  return found;
}

}  // namespace rolec::test::bad_inputs
