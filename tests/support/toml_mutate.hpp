#pragma once
// TOML files re-spaced at random, their data unchanged: the inputs `rolec fmt` must bring back to
// its layout (tests/format, tests/cli/fmt_cli_test.cpp).

#include <cstdint>
#include <string>
#include <string_view>

namespace rolec::test {

/// `text` (valid TOML) with spaces added and removed around `=`, dots, brackets and commas,
/// arrays broken over lines or joined, commas moved to the next line, trailing commas added or
/// dropped, blank lines and indentation added. The same `seed` gives the same text.
[[nodiscard]] std::string mutate_toml(std::string_view text, std::uint32_t seed);

}  // namespace rolec::test
