#include "util/report_text.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <system_error>
#include <vector>

namespace rolec::util {

std::string relative_path(std::string_view given, const std::filesystem::path& base) {
  if (given.empty() || given == "<stdin>") return std::string(given);
  namespace fs = std::filesystem;
  const fs::path path(given);
  fs::path absolute = path.is_absolute() ? path : base / path;
  absolute = absolute.lexically_normal();
  const fs::path relative = absolute.lexically_relative(base.lexically_normal());
  // Outside the base (or on another root): as given, without `.` parts.
  if (relative.empty() || *relative.begin() == "..") return path.lexically_normal().generic_string();
  std::string out = relative.generic_string();
  return out == "." ? std::string(given) : out;
}

std::string report_path(std::string_view given) {
  namespace fs = std::filesystem;
  // The working folder as the shell names it ($PWD, which may pass through a symbolic link) and
  // as the system resolves it: an absolute path the user typed starts with the first.
  static const std::vector<fs::path> working = [] {
    std::vector<fs::path> out;
    std::error_code error;
    const fs::path resolved = fs::current_path(error);
    if (error) return out;
    if (const char* pwd = std::getenv("PWD"); pwd != nullptr && *pwd == '/' && fs::path(pwd) != resolved &&
                                               fs::equivalent(pwd, resolved, error) && !error) {
      out.emplace_back(pwd);
    }
    out.push_back(resolved);
    return out;
  }();
  const std::string normal = fs::path(given).lexically_normal().generic_string();
  for (const fs::path& base : working) {
    std::string out = relative_path(given, base);
    if (out != normal || !fs::path(given).is_absolute()) return out;
  }
  return working.empty() ? std::string(given) : relative_path(given, working.back());
}

std::string uri_reference(std::string_view path) {
  std::string out;
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                      c == '_' || c == '~' || c == '/';
    out += keep ? std::string(1, ch) : fmt::format("%{:02X}", c);
  }
  return out;
}

std::string file_uri(std::string_view path) { return "file://" + uri_reference(path); }

std::string as_folder(std::string_view base) {
  std::string out(base);
  if (!out.empty() && out.back() != '/') out += '/';
  return out;
}

std::string workflow_data(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string workflow_property(std::string_view s) {
  std::string out;
  for (const char c : workflow_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

}  // namespace rolec::util
