#pragma once
// Policies for the differential test of `rolec lint` against the emulator: made from a seed,
// structurally valid TOML in rolec's format, and either free of mistakes or carrying one or two
// of the mistakes that Sanity's Access API judges (names, titles, types, filters, grants).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rolec::test::differential {

/// A kind of mistake the generator plants.
enum class mistake {
  permission_bad_name,
  permission_bad_title,
  permission_non_document_type,
  permission_organization_type,
  permission_unknown_type,
  permission_invalid_filter,
  permission_join_filter,
  permission_subquery_filter,
  permission_predefined_name,
  permission_organization_predefined_name,
  role_bad_name,
  role_bad_title,
  role_builtin_name,
  role_extends_organization_role,
  grant_organization_permission,
  grant_unknown_permission,
  grant_unknown_action,
  grant_invalid_mode,
  grant_mode_on_plain,
  grant_actions_on_mode,
  grant_history_on_plain,
  grant_param_wrong_type,
  grant_param_unknown,
};

/// True when the Access API refuses a policy with a mistake of `kind`. Names are unique per scope,
/// so a custom permission named like an organization permission is accepted: that kind is
/// planted to check that both sides accept it.
[[nodiscard]] bool refused(mistake kind);

/// Every kind of mistake, in declaration order.
[[nodiscard]] const std::vector<mistake>& all_mistakes();

/// The name of a kind in reports, such as `permission-bad-name`.
[[nodiscard]] std::string_view name_of(mistake kind);

/// The kinds the generator can plant with the schemas it runs against: extending an organization
/// role needs a built-in organization role whose name no project role has.
[[nodiscard]] std::vector<mistake> possible_mistakes();

/// One planted mistake and what exactly it changed (`permission `posts` renamed to `a.b``).
struct planted {
  mistake kind;
  std::string detail;
};

/// A generated policy: its TOML text and the mistakes in it (none for a valid policy).
struct generated {
  std::string text;
  std::vector<planted> mistakes;
};

/// The policy of `seed`; the same seed gives the same text on every platform.
[[nodiscard]] generated generate(std::uint64_t seed);

/// The policy text of `seed`.
[[nodiscard]] std::string generate_policy(std::uint64_t seed);

/// The planted mistakes on one line: `none`, or `kind: detail; kind: detail`.
[[nodiscard]] std::string describe(const std::vector<planted>& mistakes);

}  // namespace rolec::test::differential
