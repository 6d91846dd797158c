#pragma once
/// Byte spans: the one way every stage says where something is.

#include <cstdint>

namespace rolec::diag {

/// A half-open byte range `[begin, end)` inside one source text.
struct span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  [[nodiscard]] constexpr std::uint32_t size() const { return end - begin; }
  friend constexpr bool operator==(const span&, const span&) = default;
};

/// The smallest span that covers both `a` and `b`.
[[nodiscard]] constexpr span cover(span a, span b) {
  return {a.begin < b.begin ? a.begin : b.begin, a.end > b.end ? a.end : b.end};
}

}  // namespace rolec::diag
