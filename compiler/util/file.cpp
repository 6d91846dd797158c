#include "util/file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace rolec::util {

std::optional<std::string> read_file(const std::string& path, std::string& error) {
  std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    error = path + ": " + std::strerror(errno);
    return std::nullopt;
  }
  std::string content;
  errno = 0;
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) content.append(buffer, n);
  const int read_errno = errno;
  const bool failed = std::ferror(f) != 0;
  if (f != stdin) std::fclose(f);
  if (failed) {
    error = path + ": " + std::strerror(read_errno);
    return std::nullopt;
  }
  return content;
}

}  // namespace rolec::util
