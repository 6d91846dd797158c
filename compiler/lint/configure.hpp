#pragma once
/// Rule levels from `[lint.rules]` and inline suppressions (`# rolec-ignore: RULE -- reason`).

#include <utility>
#include <vector>

#include "diag/diagnostic.hpp"
#include "diag/source.hpp"
#include "policy/model.hpp"

namespace rolec::lint {

/// A `rolec-ignore` comment: the rules it names and the lines it covers.
struct suppression {
  diag::source_id source = 0;
  diag::span where;                 ///< the comment
  std::uint32_t first_line = 0;     ///< 1-based: the comment's line, or the next line with code
  std::uint32_t last_line = 0;      ///< the same line, or where a multi-line string begun there ends
  std::vector<std::string> rules;
  bool has_reason = false;
};

/// The suppression comments of one TOML text (comments inside strings are not comments).
[[nodiscard]] std::vector<suppression> find_suppressions(const diag::source_file& file, diag::source_id id);

/// A rule's level.
using level_override = std::pair<diag::rule, diag::severity>;

/// Rule levels set beside the policy: a shared `.rolec.toml` (under the policy's own
/// `[lint.rules]`) and the command line's `--enable-rule` and `--disable-rule` (over both).
struct outside_levels {
  std::vector<level_override> shared;
  std::vector<level_override> command_line;
};

/// The `[lint.rules]` levels of `p` that name a rule and a level, in order.
[[nodiscard]] std::vector<level_override> levels_of(const policy::policy& p);

/// Applies the rule levels (`outside.shared`, the policy's, then `outside.command_line`; a rule
/// set to `off` is dropped) and the policy's suppression comments, adds findings about
/// suppressions without a reason (unless `check_comments` is false, for a second set of findings
/// about the same policy, such as a build target's), and sorts by file and position.
[[nodiscard]] std::vector<diag::diagnostic> configure(std::vector<diag::diagnostic> found, const policy::policy& p,
                                                      const diag::source_manager& sources, bool check_comments = true,
                                                      const outside_levels& outside = {});

}  // namespace rolec::lint
