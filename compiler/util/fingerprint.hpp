#pragma once
/// A 128-bit fingerprint of a text, for telling things apart (plan digests, finding identities).
/// It is stable from run to run and machine to machine; it is not a cryptographic signature.

#include <string>
#include <string_view>

namespace rolec::util {

/// 32 lowercase hex digits: two 64-bit FNV-1a hashes of `text` with different offsets.
[[nodiscard]] std::string fingerprint(std::string_view text);

}  // namespace rolec::util
