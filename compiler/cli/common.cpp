#include "cli/common.hpp"

#include <unistd.h>

#include <cstdlib>

namespace rolec::cli {

bool use_color(std::FILE* stream) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  return isatty(fileno(stream)) != 0;
}

void print_error(const std::string& message) { std::fprintf(stderr, "rolec: error: %s\n", message.c_str()); }

}  // namespace rolec::cli
