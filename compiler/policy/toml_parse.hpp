#pragma once
// A policy file parsed by toml++, or the RC301 finding that says where it is not TOML (internal to
// stage `load`; other stages use policy/toml_check.hpp).

#include <optional>

#include "diag/diagnostic.hpp"
#include "diag/source.hpp"
#include "policy/toml.hpp"

namespace rolec::policy {

/// The table of registered file `id`, or nothing with `error` set: RC301 at the offending byte,
/// with the message in the house style and no help (each caller says what happens next).
[[nodiscard]] std::optional<toml::table> parse_toml(const diag::source_file& file, diag::source_id id,
                                                    std::optional<diag::diagnostic>& error);

}  // namespace rolec::policy
