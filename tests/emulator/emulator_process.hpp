#pragma once
// The real `rolec-emulator` binary as a child process, for tests over HTTP.

#include <sys/types.h>

#include <string>
#include <vector>

#include <httplib.h>

namespace rolec::test {

/// A running emulator on 127.0.0.1 and a free port; stopped (SIGTERM) when destroyed.
class emulator_process {
 public:
  /// Starts the binary with `--port 0` and `args`, and waits for its `listening on` line.
  explicit emulator_process(const std::vector<std::string>& args);
  ~emulator_process();
  emulator_process(const emulator_process&) = delete;
  emulator_process& operator=(const emulator_process&) = delete;

  [[nodiscard]] int port() const { return port_; }
  /// The line it printed when ready, without the newline.
  [[nodiscard]] const std::string& ready_line() const { return ready_line_; }
  /// A client of it with short timeouts.
  [[nodiscard]] httplib::Client client() const;
  /// Sends SIGTERM and waits; the exit status (-1 when it did not exit normally).
  int stop();
  /// Everything it wrote to standard output and standard error so far.
  [[nodiscard]] std::string output() const;

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int port_ = 0;
  std::string ready_line_;
  std::string stdout_rest_;
  std::string stderr_path_;
};

/// The API path of `rest` in project `project` (`/v2025-07-11/access/project/{project}{rest}`).
[[nodiscard]] std::string api_path(const std::string& rest, const std::string& project = "p1");

/// `Authorization: Bearer {token}`.
[[nodiscard]] httplib::Headers bearer(const std::string& token);

}  // namespace rolec::test
