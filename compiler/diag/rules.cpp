#include "diag/rules.hpp"

#include <array>
#include <string>

namespace rolec::diag {
namespace {

constexpr std::array catalogue = {
#define ROLEC_RULE(enumerator, id, name, cat, sev, summary) \
  rule_info{rule::enumerator, id, name, category::cat, severity::sev, summary},
#include "rules.def"
#undef ROLEC_RULE
};

}  // namespace

std::span<const rule_info> all_rules() { return catalogue; }

const rule_info& info(rule r) { return catalogue[static_cast<std::size_t>(r)]; }

std::optional<rule> find_rule(std::string_view id_or_name) {
  for (const auto& row : catalogue) {
    if (row.id == id_or_name || row.name == id_or_name) return row.which;
  }
  return std::nullopt;
}

std::string_view to_string(severity s) {
  switch (s) {
    case severity::off: return "off";
    case severity::info: return "info";
    case severity::warning: return "warning";
    case severity::error: return "error";
  }
  return "error";
}

std::optional<severity> severity_named(std::string_view name) {
  for (const severity s : {severity::off, severity::info, severity::warning, severity::error}) {
    if (to_string(s) == name) return s;
  }
  return std::nullopt;
}

std::string_view to_string(category c) {
  switch (c) {
    case category::syntax: return "syntax";
    case category::query: return "query";
    case category::filter: return "filter";
    case category::policy: return "policy";
    case category::security: return "security";
    case category::target: return "target";
  }
  return "syntax";
}

std::string docs_path(rule r) { return "docs/rules/" + std::string(info(r).id) + ".md"; }

}  // namespace rolec::diag
