#include "build/blueprint_names.hpp"

namespace rolec::build {
namespace {

bool letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool name_char(char c) { return letter(c) || digit(c) || c == '-' || c == '_'; }

}  // namespace

bool valid_resource_name(std::string_view name) {
  if (name.empty() || !letter(name.front())) return false;
  if (name.back() == '-' || name.back() == '_') return false;
  for (const char c : name) {
    if (!name_char(c)) return false;
  }
  return true;
}

std::string resource_name(std::string_view name) {
  if (valid_resource_name(name)) return std::string(name);
  std::string out;
  out.reserve(name.size() + 4);
  for (const char c : name) out += name_char(c) ? c : '-';
  if (out.empty() || !letter(out.front())) out.insert(0, "r-");
  if (out.back() == '-' || out.back() == '_') out += "-r";
  return out;
}

}  // namespace rolec::build
