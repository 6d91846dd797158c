#include "targets/common.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace rolec::fuzz {
namespace {

namespace fs = std::filesystem;

void remove_scratch() {
  std::error_code ec;
  fs::remove_all(scratch_folder(), ec);
}

}  // namespace

std::vector<std::string_view> split(std::string_view text, std::string_view separator, std::size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    const std::size_t at = text.find(separator);
    if (at == std::string_view::npos) break;
    parts.push_back(text.substr(0, at));
    text.remove_prefix(at + separator.size());
  }
  parts.push_back(text);
  return parts;
}

const std::string& scratch_folder() {
  static const std::string folder = [] {
    const fs::path path = fs::temp_directory_path() / ("rolec-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(path);
    return path.string();
  }();
  // Registered once the string exists, so that it runs before the string is destroyed.
  [[maybe_unused]] static const int registered = std::atexit(remove_scratch);
  return folder;
}

std::string write_folder(std::string_view folder, const std::vector<std::pair<std::string, std::string>>& files) {
  const fs::path path = fs::path(scratch_folder()) / folder;
  std::error_code ec;
  fs::remove_all(path, ec);
  fs::create_directories(path);
  for (const auto& [name, content] : files) {
    std::ofstream out(path / name, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    check(static_cast<bool>(out), "cannot write the scratch file " + (path / name).string());
  }
  return path.string();
}

}  // namespace rolec::fuzz
