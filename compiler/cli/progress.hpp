#pragma once
/// A progress line for long commands (pull, plan and apply reading a project, apply, audit).

#include <chrono>
#include <string>

namespace rolec::cli {

/// A status line on standard error, shown on a terminal only: never on a pipe or in a file,
/// nor with TERM=dumb, so that logs and scripts see nothing of it. It is redrawn in place at
/// most ten times a second, and cleared before other output is printed and at the end.
class progress_line {
 public:
  progress_line();
  progress_line(const progress_line&) = delete;
  progress_line& operator=(const progress_line&) = delete;
  ~progress_line() { clear(); }

  /// Whether the line is shown at all.
  [[nodiscard]] bool on() const { return on_; }
  /// Seconds since the line was made.
  [[nodiscard]] double seconds() const;
  /// Shows `text` in place of the line, unless it was redrawn less than 100 ms ago; `now`
  /// redraws it anyway (after the line was cleared for other output).
  void show(const std::string& text, bool now = false);
  /// Removes the line, so that other output starts at the beginning of an empty line.
  void clear();

 private:
  using clock = std::chrono::steady_clock;
  bool on_ = false;
  bool shown_ = false;
  clock::time_point start_ = clock::now();
  clock::time_point last_{};
};

}  // namespace rolec::cli
