#pragma once
/// Running a helper program (`git`) and collecting what it prints.

#include <string>
#include <vector>

namespace rolec::util {

/// What a finished program printed, and how it ended.
struct process_result {
  bool started = false;  ///< false: the program could not be run (`error` says why)
  int exit_code = -1;    ///< its exit status, or -1 when a signal ended it
  std::string out;       ///< standard output
  std::string err;       ///< standard error
  std::string error;
};

/// Runs `argv` (looked up in PATH) with no standard input, and waits for it to end.
[[nodiscard]] process_result run_process(const std::vector<std::string>& argv);

}  // namespace rolec::util
