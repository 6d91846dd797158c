// Output files survive an interrupted run: `rolec build -o` and `rolec plan -o` are killed
// (SIGKILL, which no program can catch) at random moments while they work and write; the output
// path must then hold either what it held before or the whole new content, never a part.

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "emulator/emulator_process.hpp"
#include "support/run.hpp"

namespace {

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_all(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

// Starts rolec with `args`; kills it after `delay` unless it has finished. True when it was
// killed while running. With `file_limit`, the process may write no file larger than that many
// bytes: the kernel stops it with SIGXFSZ in the middle of writing a larger one.
bool run_and_kill(const std::vector<std::string>& args, std::chrono::microseconds delay, rlim_t file_limit = RLIM_INFINITY) {
  std::vector<char*> argv;
  std::string binary = ROLEC_BINARY;
  argv.push_back(binary.data());
  std::vector<std::string> copies = args;
  for (std::string& a : copies) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDOUT_FILENO);
    ::dup2(null, STDERR_FILENO);
    const rlimit limit{file_limit, file_limit};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  // Wait for the child or the deadline, whichever comes first; then kill what still runs.
  const auto deadline = clock_type::now() + delay;
  int status = 0;
  pid_t done = 0;
  while ((done = ::waitpid(child, &status, WNOHANG)) == 0 && clock_type::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
  if (done == 0) {
    ::kill(child, SIGKILL);
    ::waitpid(child, &status, 0);
  }
  if (WIFEXITED(status)) REQUIRE(WEXITSTATUS(status) == 0);
  return WIFSIGNALED(status);
}

// The content `args` writes to `output`, run to completion over `old_content`.
std::string complete_run(const std::vector<std::string>& args, const fs::path& output, const std::string& old_content) {
  write_all(output, old_content);
  REQUIRE_FALSE(run_and_kill(args, std::chrono::seconds(60)));
  const std::string new_content = read_all(output);
  REQUIRE(new_content != old_content);
  return new_content;
}

// Stopped by the kernel in the middle of writing `output` (at a tenth, half and nine tenths of
// `size` bytes): the old content must still be there.
void check_stopped_mid_write(const std::vector<std::string>& args, const fs::path& output, std::size_t size,
                             const std::string& old_content) {
  for (const double fraction : {0.1, 0.5, 0.9}) {
    write_all(output, old_content);
    const bool stopped = run_and_kill(args, std::chrono::seconds(60), static_cast<rlim_t>(static_cast<double>(size) * fraction));
    INFO("stopped at " << fraction << " of the file");
    CHECK(stopped);
    CHECK(read_all(output) == old_content);
  }
}

// Runs `args` (which write `output`) to completion once, then stopped in the middle of writing,
// then many times killed at random moments within about its running time.
void check_interrupted(const std::vector<std::string>& args, const fs::path& output) {
  const std::string old_content = "what the user had before\n";
  const auto start = clock_type::now();
  const std::string new_content = complete_run(args, output, old_content);
  const auto took = std::chrono::duration_cast<std::chrono::microseconds>(clock_type::now() - start);
  REQUIRE(new_content.size() > 100000);  // large enough that writing it takes a while
  check_stopped_mid_write(args, output, new_content.size(), old_content);

  // Killed at random moments, while working or while writing, until 15 runs were cut short: how
  // many of the runs finish first depends on the machine's load, which the first run's time
  // only estimates, so the number of runs is not fixed.
  std::mt19937 rng(42);
  std::uniform_int_distribution<long> when(0, took.count() * 12 / 10);
  int killed = 0;
  for (int i = 0; i < 200 && killed < 15; ++i) {
    write_all(output, old_content);
    const bool was_killed = run_and_kill(args, std::chrono::microseconds(when(rng)));
    const std::string now = read_all(output);
    INFO("run " << i << (was_killed ? " killed" : " finished") << ", output of " << now.size() << " bytes");
    CHECK((now == old_content || now == new_content));
    if (was_killed) {
      ++killed;
    } else {
      CHECK(now == new_content);
    }
  }
  CHECK(killed >= 15);
}

fs::path generated_policy(const std::string& name, int roles) {
  const fs::path dir = fs::path(rolec::test::temp_file("anchor", "")).parent_path() / name;
  fs::remove_all(dir);
  const auto made = rolec::test::run_shell(std::string(ROLEC_SOURCE_DIR) + "/bench/gen-policy.sh " + std::to_string(roles) +
                                           " " + dir.string());
  REQUIRE(made.status == 0);
  return dir;
}

}  // namespace

TEST_CASE("a killed `rolec build -o` leaves the old file or the whole new one", "[reliability]") {
  const fs::path policy = generated_policy("interrupt-build", 2000);
  const fs::path output = policy.parent_path() / "bundle.json";
  check_interrupted({"build", "-o", output.string(), policy.string()}, output);
}

TEST_CASE("a killed `rolec plan -o` leaves the old file or the whole new one", "[reliability]") {
  const fs::path policy = generated_policy("interrupt-plan", 1000);
  const fs::path output = policy.parent_path() / "plan.json";
  const std::string live = std::string(ROLEC_SOURCE_DIR) + "/examples/live/blog0001.json";
  check_interrupted({"plan", "--live", live, "-o", output.string(), policy.string()}, output);
}

TEST_CASE("a `rolec pull` stopped while writing leaves the old file", "[reliability]") {
  rolec::test::emulator_process emulator({"--project", "p1", "--token", "interrupt-token=administrator"});
  const fs::path output = fs::path(rolec::test::temp_file("live.json", "")).parent_path() / "pulled.json";
  ::setenv("SANITY_AUTH_TOKEN", "interrupt-token", 1);
  const std::vector<std::string> args{"pull", "--project", "p1", "--api-url",
                                      "http://127.0.0.1:" + std::to_string(emulator.port()), "-o", output.string()};
  const std::string old_content = "{\"the\": \"previous pull\"}\n";
  const std::string new_content = complete_run(args, output, old_content);
  check_stopped_mid_write(args, output, new_content.size(), old_content);
  ::unsetenv("SANITY_AUTH_TOKEN");
}

TEST_CASE("a `rolec import -o` stopped while writing leaves no part of a file", "[reliability]") {
  const fs::path dir = fs::path(rolec::test::temp_file("anchor", "")).parent_path() / "interrupt-import";
  const std::string live = std::string(ROLEC_SOURCE_DIR) + "/examples/live/blog0001.json";
  fs::remove_all(dir);
  REQUIRE_FALSE(run_and_kill({"import", live, "-o", dir.string()}, std::chrono::seconds(60)));
  const std::string permissions = read_all(dir / "permissions.toml"), roles = read_all(dir / "roles.toml");
  REQUIRE(!permissions.empty());
  REQUIRE(!roles.empty());
  for (const std::size_t limit : {permissions.size() / 2, roles.size() / 2}) {
    fs::remove_all(dir);
    CHECK(run_and_kill({"import", live, "-o", dir.string()}, std::chrono::seconds(60), static_cast<rlim_t>(limit)));
    // Each file is there whole, or not at all.
    if (fs::exists(dir / "permissions.toml")) CHECK(read_all(dir / "permissions.toml") == permissions);
    if (fs::exists(dir / "roles.toml")) CHECK(read_all(dir / "roles.toml") == roles);
  }
}
