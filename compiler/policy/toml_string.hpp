#pragma once
/// Where each byte of a TOML string's value sits in the file, so that a finding inside a GROQ
/// filter written in TOML points at the exact file line and column (escapes included).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/span.hpp"
#include "policy/model.hpp"

namespace rolec::policy {

/// The decoded value of a TOML string literal and the file offset of each of its bytes.
struct mapped_string {
  std::string value;
  /// offsets[i]: offset (relative to the literal's first quote) of the source text that produced
  /// value byte i; offsets[value.size()] is the offset of the closing quote.
  std::vector<std::uint32_t> offsets;
};

/// Decodes the TOML string literal `literal` (from its opening quote to its closing quote:
/// `"..."`, `'...'`, `"""..."""` or `'''...'''`, as TOML 1.0 defines them). Nothing if it is not
/// one of those.
[[nodiscard]] std::optional<mapped_string> map_toml_string(std::string_view literal);

/// Maps a span of a filter's text to the policy file (the whole string when its bytes could not
/// be mapped one by one).
[[nodiscard]] diag::span file_span(const filter_source& filter, diag::span in_filter);

}  // namespace rolec::policy
