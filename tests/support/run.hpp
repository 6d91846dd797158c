#pragma once
// Running the built `rolec` binary from tests, as a user would from a shell.

#include <filesystem>
#include <string>

namespace rolec::test {

struct run_result {
  int status = -1;     ///< exit code, or -1 if the process did not exit normally
  std::string out;     ///< standard output
  std::string err;     ///< standard error
};

/// Runs `command` with bash, where `rolec` names the binary under test (with NO_COLOR set).
run_result run_shell(const std::string& command);

/// This test process's temporary folder, made at first use and removed with everything in it
/// when the process ends.
const std::filesystem::path& scratch_root();

/// Writes `content` to a file in a fresh temporary folder and returns its path.
std::string temp_file(const std::string& name, const std::string& content);

}  // namespace rolec::test
