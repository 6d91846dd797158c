#include "util/file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <sys/stat.h>

namespace rolec::util {

namespace {

std::string too_large(const std::string& path, std::size_t limit) {
  return (path == "-" ? std::string("<stdin>") : path) + ": larger than " + byte_size(limit) +
         ", the most rolec reads from one file";
}

}  // namespace

std::string byte_size(std::size_t bytes) {
  if (bytes >= (std::size_t{1} << 30) && bytes % (std::size_t{1} << 30) == 0) return std::to_string(bytes >> 30) + " GB";
  if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MB";
  if (bytes >= (std::size_t{1} << 10) && bytes % (std::size_t{1} << 10) == 0) return std::to_string(bytes >> 10) + " KB";
  return std::to_string(bytes) + " bytes";
}

std::optional<std::string> read_file(const std::string& path, std::string& error, std::size_t limit) {
  std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    error = path + ": " + std::strerror(errno);
    return std::nullopt;
  }
  std::string content;
  // A regular file is read in one piece into a buffer of its size, with room for simdjson's
  // padding after it, so that large inputs are neither copied while growing nor again when padded.
  struct stat info {};
  if (::fstat(::fileno(f), &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
    if (static_cast<std::size_t>(info.st_size) > limit) {
      if (f != stdin) std::fclose(f);
      error = too_large(path, limit);
      return std::nullopt;
    }
    content.reserve(static_cast<std::size_t>(info.st_size) + 64);
    content.resize(static_cast<std::size_t>(info.st_size));
    content.resize(std::fread(content.data(), 1, content.size(), f));
  }
  errno = 0;
  char buffer[1 << 16];
  std::size_t n = 0;
  // Pipes, devices and files that grow while read: stop one byte past the limit.
  while (content.size() <= limit && (n = std::fread(buffer, 1, sizeof buffer, f)) > 0) content.append(buffer, n);
  const int read_errno = errno;
  const bool failed = std::ferror(f) != 0;
  if (f != stdin) std::fclose(f);
  if (failed) {
    error = path + ": " + std::strerror(read_errno);
    return std::nullopt;
  }
  if (content.size() > limit) {
    error = too_large(path, limit);
    return std::nullopt;
  }
  return content;
}

}  // namespace rolec::util
