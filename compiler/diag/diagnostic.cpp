#include "diag/diagnostic.hpp"

#include <algorithm>

namespace rolec::diag {

diagnostic make(rule r, span where, std::string message, std::string help) {
  diagnostic d;
  d.rule = r;
  d.level = info(r).default_severity;
  d.where = where;
  d.message = std::move(message);
  d.help = std::move(help);
  return d;
}

bool has_errors(const std::vector<diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const diagnostic& d) { return d.level == severity::error; });
}

}  // namespace rolec::diag
