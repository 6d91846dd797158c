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

/// A rule's level set beside the policy (the command line's `--disable-rule`).
using level_override = std::pair<diag::rule, diag::severity>;

/// Applies the policy's rule levels, then `overrides` (dropping rules set to `off`), and its
/// suppression comments, adds findings about suppressions without a reason (unless
/// `check_comments` is false, for a second set of findings about the same policy, such as a build
/// target's), and sorts by file and position.
[[nodiscard]] std::vector<diag::diagnostic> configure(std::vector<diag::diagnostic> found, const policy::policy& p,
                                                      const diag::source_manager& sources, bool check_comments = true,
                                                      const std::vector<level_override>& overrides = {});

}  // namespace rolec::lint
