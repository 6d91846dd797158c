// rolec-emulator: an emulator of Sanity's Access API on 127.0.0.1, for testing `rolec apply`
// and other clients without the real service. This file maps the command line onto the parts.

#include <CLI/CLI.hpp>

#include <fmt/format.h>

#include <fcntl.h>

#include <csignal>
#include <filesystem>
#include <pthread.h>
#include <thread>
#include <unistd.h>

#include "emulator/http_server.hpp"
#include "emulator/service.hpp"
#include "emulator/state_file.hpp"
#include "emulator/validate.hpp"
#include "util/atomic_file.hpp"
#include "util/file.hpp"

namespace {

using namespace rolec::emulator;

constexpr int exit_usage = 3;

// With --detach: the pipe end that tells the waiting parent the child is serving.
int detached_ready_fd = -1;

struct options {
  int port = -1;
  std::vector<std::string> projects;
  std::vector<std::string> tokens;
  std::string state_file;
  unsigned latency_ms = 0;
  double fail_rate = 0;
  unsigned rate_limit = 0;
  std::uint64_t seed = 0;
  bool detach = false;
  std::string pid_file;
};

[[noreturn]] void usage_error(const std::string& message) {
  fmt::print(stderr, "rolec-emulator: error: {}\n", message);
  std::exit(exit_usage);
}

// The bindings, reported without their text: a mistyped option must not print a secret.
std::vector<token_binding> read_tokens(const std::vector<std::string>& texts) {
  std::vector<token_binding> out;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    auto binding = parse_token_binding(texts[i]);
    if (!binding) usage_error(fmt::format("--token number {} must be SECRET=ROLE, with a role name matching ^[a-z0-9_-]+$", i + 1));
    out.push_back(std::move(*binding));
  }
  return out;
}

// A project made from the command line: the built-ins, and one user per token whose role the
// project has, so that "the last administrator" has someone to protect.
void add_fresh_project(store& s, const std::string& id, const std::vector<token_binding>& tokens) {
  project& p = s.add_project(id);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (p.find_role(tokens[i].role) == nullptr) continue;
    user u;
    u.id = fmt::format("token-user-{}", i + 1);
    u.display_name = fmt::format("Token {} ({})", i + 1, tokens[i].role);
    u.roles = {tokens[i].role};
    p.users.emplace(u.id, std::move(u));
  }
}

store initial_state(const options& o, const std::vector<token_binding>& tokens) {
  store s;
  if (!o.state_file.empty() && std::filesystem::exists(o.state_file)) {
    std::string error;
    const std::optional<std::string> text = rolec::util::read_file(o.state_file, error);
    if (!text) usage_error(error);
    try {
      load_state(json::parse(*text), s);
    } catch (const std::exception& e) {
      usage_error(fmt::format("{}: {}", o.state_file, e.what()));
    }
  }
  for (const std::string& id : o.projects) {
    if (s.find_project(id) == nullptr) add_fresh_project(s, id, tokens);
  }
  return s;
}

void parse_command_line(int argc, char** argv, options& o) {
  CLI::App app{"An emulator of Sanity's Access API on 127.0.0.1, for tests", "rolec-emulator"};
  app.add_option("--port", o.port, "Port to listen on; 0 picks a free one")->required()->check(CLI::Range(0, 65535));
  app.add_option("--project", o.projects, "A project to serve (repeatable)");
  app.add_option("--token", o.tokens, "SECRET=ROLE: a bearer token with that role in every project (repeatable)");
  app.add_option("--state", o.state_file, "Load the state from FILE and save it there on every change");
  app.add_option("--latency-ms", o.latency_ms, "Delay every API response by N milliseconds");
  app.add_option("--fail-rate", o.fail_rate, "Probability that a request fails (0 to 1)")->check(CLI::Range(0.0, 1.0));
  app.add_option("--rate-limit", o.rate_limit, "Answer 429 beyond N requests a second per token (0: no limit)");
  app.add_option("--seed", o.seed, "Seed of the injected faults");
  app.add_flag("--detach", o.detach, "Once listening, go on in the background and exit (request log off)");
  app.add_option("--pid-file", o.pid_file, "Write the serving process's id to FILE (with --detach: the background one)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ExtrasError&) {
    // Not echoed: a stray argument may be a secret that lost its `--token`.
    usage_error("unexpected arguments; see --help");
  } catch (const CLI::ParseError& e) {
    std::exit(app.exit(e) == 0 ? 0 : exit_usage);
  }
  for (const std::string& id : o.projects) {
    if (!valid_project_id(id)) usage_error(fmt::format("`{}` is not a project id (letters, digits, - and _)", id));
  }
}

// --detach: the parent returns to the shell once the child is ready to serve (the port is bound
// and the state loaded), so a script needs no sleep before its first request. Called before any
// thread starts, so the child has all of them.
void detach_after_bind() {
  int ready[2];
  if (::pipe(ready) != 0) usage_error("cannot detach: no pipe");
  const pid_t child = ::fork();
  if (child < 0) usage_error("cannot detach: fork failed");
  if (child > 0) {
    ::close(ready[1]);
    char done = 0;
    const bool ok = ::read(ready[0], &done, 1) == 1;
    ::_exit(ok ? 0 : exit_usage);
  }
  ::close(ready[0]);
  ::setsid();
  // The parent exits once the listening line is out: the child prints it, then says so here.
  detached_ready_fd = ready[1];
}

void write_pid_file(const std::string& path) {
  std::string error;
  if (!rolec::util::write_file_atomic(path, fmt::format("{}\n", ::getpid()), error)) usage_error(error);
}

// After the listening line: tell the waiting parent, and let go of its terminal.
void leave_terminal() {
  const char done = 1;
  if (::write(detached_ready_fd, &done, 1) != 1) std::exit(1);
  ::close(detached_ready_fd);
  const int null = ::open("/dev/null", O_RDWR);
  if (null >= 0) {
    ::dup2(null, STDIN_FILENO);
    ::dup2(null, STDOUT_FILENO);
    ::dup2(null, STDERR_FILENO);
    if (null > STDERR_FILENO) ::close(null);
  }
}

}  // namespace

int main(int argc, char** argv) {
  options o;
  parse_command_line(argc, argv, o);
  const std::vector<token_binding> tokens = read_tokens(o.tokens);

  service_options settings;
  settings.tokens = tokens;
  settings.seed = o.seed;
  settings.fail_rate = o.fail_rate;
  settings.rate_limit = o.rate_limit;
  if (!o.state_file.empty()) {
    settings.save = [path = o.state_file](const std::string& content, std::string& error) {
      return rolec::util::write_file_atomic(path, content, error);
    };
  }
  service api(initial_state(o, tokens), std::move(settings));

  // Signals go to the main thread's sigwait only: threads started below inherit the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up must not end the emulator

  http_server server(api, std::chrono::milliseconds(o.latency_ms));
  const int port = server.bind(o.port);
  if (port < 0) usage_error(fmt::format("cannot listen on 127.0.0.1:{}", o.port));
  if (o.detach) detach_after_bind();
  if (!o.pid_file.empty()) write_pid_file(o.pid_file);
  fmt::print("listening on http://127.0.0.1:{}\n", port);
  std::fflush(stdout);
  if (o.detach) leave_terminal();

  bool served = true;
  std::thread listener([&] {
    served = server.run();
    ::kill(::getpid(), SIGTERM);  // wakes the main thread if serving ended by itself
  });
  int received = 0;
  sigwait(&stop_signals, &received);
  server.stop();
  listener.join();

  std::string error;
  if (!api.save(error)) {
    fmt::print(stderr, "rolec-emulator: error: state not saved: {}\n", error);
    return 1;
  }
  return served ? 0 : 1;
}
