#pragma once
/// TOML checked as `load` checks it, for stages that read policy files without loading them
/// (`rolec fmt`).

#include <optional>
#include <string_view>

#include "diag/diagnostic.hpp"
#include "diag/source.hpp"

namespace rolec::policy {

/// The finding `load` reports when registered file `id` is not valid TOML (RC301, without help),
/// or nothing when it is.
[[nodiscard]] std::optional<diag::diagnostic> toml_syntax_error(const diag::source_file& file, diag::source_id id);

/// True when `a` and `b` are both valid TOML and hold the same data: the same keys, and values of
/// the same types that compare equal (a NaN equals a NaN), whatever the layout and key order.
[[nodiscard]] bool same_toml_data(std::string_view a, std::string_view b);

}  // namespace rolec::policy
