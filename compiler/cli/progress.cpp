#include "cli/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace rolec::cli {

progress_line::progress_line() {
  const char* term = std::getenv("TERM");
  on_ = isatty(fileno(stderr)) != 0 && (term == nullptr || std::string_view(term) != "dumb");
}

double progress_line::seconds() const { return std::chrono::duration<double>(clock::now() - start_).count(); }

void progress_line::show(const std::string& text, bool now) {
  if (!on_) return;
  const auto at = clock::now();
  if (!now && at - last_ < std::chrono::milliseconds(100)) return;
  last_ = at;
  // Carriage return, then erase to the end of the line: the new text replaces the old.
  std::fprintf(stderr, "\r\x1b[K%s", text.c_str());
  std::fflush(stderr);
  shown_ = true;
}

void progress_line::clear() {
  if (!shown_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace rolec::cli
