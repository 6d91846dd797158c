#include "util/fingerprint.hpp"

#include <cstdint>

#include <fmt/format.h>

namespace rolec::util {

std::string fingerprint(std::string_view text) {
  // The second hash is folded at every byte so that the two do not move in step.
  std::uint64_t a = 0xcbf29ce484222325ULL, b = 0x84222325cbf29ce4ULL;
  for (const unsigned char c : text) {
    a = (a ^ c) * 0x100000001b3ULL;
    b = (b ^ c) * 0x100000001b3ULL;
    b ^= b >> 29;
  }
  return fmt::format("{:016x}{:016x}", a, b);
}

}  // namespace rolec::util
