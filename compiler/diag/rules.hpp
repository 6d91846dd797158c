#pragma once
/// The rule catalogue: every finding rolec can report, as data.

#include <optional>
#include <span>
#include <string_view>

namespace rolec::diag {

/// How serious a finding is; `off` only appears in configuration.
enum class severity : unsigned char { off, info, warning, error };

/// Groups of rules, shown in `rolec rules` and SARIF.
enum class category : unsigned char { syntax, query, filter, policy, security, target };

/// Every rule of the catalogue (see rules.def).
enum class rule : unsigned short {
#define ROLEC_RULE(enumerator, id, name, cat, sev, summary) enumerator,
#include "rules.def"
#undef ROLEC_RULE
};

/// One row of the catalogue.
struct rule_info {
  rule which;
  std::string_view id;        ///< stable code, e.g. `RC201`
  std::string_view name;      ///< kebab-case name, e.g. `filter-subquery`
  diag::category category;
  severity default_severity;
  std::string_view summary;
};

/// The whole catalogue, in table order.
[[nodiscard]] std::span<const rule_info> all_rules();

/// The catalogue row of `r`.
[[nodiscard]] const rule_info& info(rule r);

/// Looks a rule up by id (`RC201`) or name (`filter-subquery`).
[[nodiscard]] std::optional<rule> find_rule(std::string_view id_or_name);

[[nodiscard]] std::string_view to_string(severity s);
/// The severity named `off`, `info`, `warning` or `error`.
[[nodiscard]] std::optional<severity> severity_named(std::string_view name);
[[nodiscard]] std::string_view to_string(category c);

/// Where a rule's documentation lives, relative to the repository root.
[[nodiscard]] std::string docs_path(rule r);

}  // namespace rolec::diag
