#pragma once
/// A finding as data: rule, severity, message, spans. Stages produce these; renderers print them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "diag/rules.hpp"
#include "diag/span.hpp"

namespace rolec::diag {

/// Identifies a text registered with a `source_manager`.
using source_id = std::uint32_t;

/// A secondary message, optionally pointing at another place.
struct note {
  std::string message;
  std::optional<span> where;
  source_id source = 0;
};

/// An edit that certainly fixes the finding (clang's rule for fix-its).
struct fix {
  span where;
  std::string replacement;
};

/// One finding. `message` follows the house style: lowercase, no trailing period,
/// user input in backticks.
struct diagnostic {
  diag::rule rule = diag::rule::syntax_error;
  severity level = severity::error;
  std::string message;
  span where;
  source_id source = 0;
  std::vector<note> notes;
  std::string help;  ///< empty when there is no help
  std::optional<diag::fix> fix;
};

/// A diagnostic for `r` at its default severity.
[[nodiscard]] diagnostic make(rule r, span where, std::string message, std::string help = {});

/// True if any diagnostic is an error.
[[nodiscard]] bool has_errors(const std::vector<diagnostic>& diagnostics);

}  // namespace rolec::diag
