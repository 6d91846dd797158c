#include "emulator/emulator_process.hpp"
#include "support/run.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace rolec::test {
namespace {

// A client request to a connection the emulator dropped must not end the test run.
const bool sigpipe_ignored = [] {
  std::signal(SIGPIPE, SIG_IGN);
  return true;
}();

std::string fresh_stderr_path() {
  static int count = 0;
  const auto dir = rolec::test::scratch_root() / "emulator";
  std::filesystem::create_directories(dir);
  return (dir / ("stderr-" + std::to_string(++count) + ".txt")).string();
}

// Reads from `fd` until a newline or `limit`; false on end of file or timeout.
bool read_line(int fd, std::string& line, std::string& rest, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  std::string buffer;
  while (buffer.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char chunk[256];
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
  const std::size_t end = buffer.find('\n');
  line = buffer.substr(0, end);
  rest = buffer.substr(end + 1);
  return true;
}

}  // namespace

emulator_process::emulator_process(const std::vector<std::string>& args) : stderr_path_(fresh_stderr_path()) {
  (void)sigpipe_ignored;
  std::vector<std::string> argv_text{ROLEC_EMULATOR_BINARY, "--port", "0"};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);

  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int spawned = ::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  stdout_fd_ = pipe_fds[0];
  if (spawned != 0) throw std::runtime_error("cannot start " + argv_text[0]);
  if (!read_line(stdout_fd_, ready_line_, stdout_rest_, std::chrono::seconds(20))) {
    stop();
    throw std::runtime_error("the emulator did not get ready: " + output());
  }
  const std::size_t colon = ready_line_.rfind(':');
  port_ = colon == std::string::npos ? 0 : std::atoi(ready_line_.c_str() + colon + 1);
}

emulator_process::~emulator_process() {
  stop();
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
}

httplib::Client emulator_process::client() const {
  httplib::Client c("127.0.0.1", port_);
  c.set_connection_timeout(5);
  c.set_read_timeout(10);
  return c;
}

int emulator_process::stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int raw = 0;
  while (::waitpid(pid_, &raw, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  // Whatever it wrote after the ready line.
  char chunk[4096];
  ssize_t n = 0;
  while ((n = ::read(stdout_fd_, chunk, sizeof chunk)) > 0) stdout_rest_.append(chunk, static_cast<std::size_t>(n));
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

std::string emulator_process::output() const {
  std::ifstream in(stderr_path_, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ready_line_ + "\n" + stdout_rest_ + ss.str();
}

std::string api_path(const std::string& rest, const std::string& project) {
  return "/v2025-07-11/access/project/" + project + rest;
}

httplib::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

}  // namespace rolec::test
