// RC317 invalid-lint-config: `[lint.rules]` entries that name no rule or no level.

#include <fmt/format.h>

#include <set>

#include "lint/rules/context.hpp"
#include "util/spell.hpp"

namespace rolec::lint {

void check_lint_config(context& c) {
  for (const auto& level : c.written.lint_levels) {
    if (!diag::find_rule(level.rule.value)) {
      std::vector<std::string> names;
      for (const auto& info : diag::all_rules()) {
        names.emplace_back(info.id);
        names.emplace_back(info.name);
      }
      std::string help = "run `rolec rules` for the list";
      if (auto guess = util::closest(level.rule.value, names)) help = fmt::format("did you mean `{}`?", *guess);
      c.report(diag::rule::invalid_lint_config, level.rule.at, fmt::format("unknown rule `{}`", level.rule.value), help);
    }
    static const std::set<std::string> levels{"off", "info", "warning", "error"};
    if (levels.count(level.level.value) == 0) {
      c.report(diag::rule::invalid_lint_config, level.level.at, fmt::format("`{}` is not a rule level", level.level.value),
               "write \"off\", \"info\", \"warning\" or \"error\"");
    }
  }
}

}  // namespace rolec::lint
