#pragma once
/// The policy model: roles, permissions, targets and tests as written, every value with the file
/// and byte span it came from. Stage `load` builds it; the checks and the compiler read it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"

namespace rolec::policy {

/// A place in a policy file.
struct location {
  diag::source_id source = 0;
  diag::span where;
};

/// A string value as written.
struct text {
  std::string value;
  location at;            ///< the value (for names: the key)
  bool present = false;
  bool invalid = false;   ///< written, but not as a string (reported by load; not judged again)
};

/// A boolean value as written.
struct flag {
  bool value = false;
  location at;
  bool present = false;
};

/// A GROQ filter written in a TOML string, with the file offset of every byte of its text.
struct filter_source {
  std::string text;
  location literal;                    ///< the whole TOML string, quotes included
  std::vector<std::uint32_t> offsets;  ///< file offset of text byte i; offsets[size] = end
  bool exact = true;                   ///< false when offsets could not be computed (all map to the literal)
};

/// One parameter of a grant (`params = { dataset = "production" }`).
struct param {
  enum class kind : unsigned char { string, boolean, integer, floating, other };
  std::string name;
  kind type = kind::other;
  std::string string_value;
  bool bool_value = false;
  double number_value = 0;
  location key;
  location value;
};

/// One entry of a role's `grants`.
struct grant {
  text permission;
  std::vector<text> actions;
  bool has_actions = false;
  location actions_at;
  text mode;
  flag history;
  std::vector<param> params;
  location at;  ///< the whole inline table
};

/// A custom permission resource (`[permissions.NAME]`).
struct permission {
  text name;  ///< at: the table's key
  text title;
  text description;
  text type;  ///< empty: `sanity.document.filter` when a filter is present
  std::optional<filter_source> filter;
};

/// A custom role (`[roles.NAME]`).
struct role {
  text name;
  text title;
  text description;
  flag applies_to_users;
  flag applies_to_robots;
  flag protect;
  std::vector<text> extends;
  std::vector<grant> grants;
  location grants_at;
  bool has_grants = false;  ///< `grants` has entries, even malformed ones (an empty role has none)
};

/// One entry of `[members]`: a user and the project roles they hold.
struct member {
  text id;                  ///< the key: a `sanityUserId` (or `everyone`, for the groups target)
  std::vector<text> roles;
  location roles_at;        ///< the array
};

/// `[members]`: who holds which project roles. Absent: memberships are not managed.
struct members_table {
  bool present = false;
  location at;                  ///< the first `[members]` table
  flag exclusive;               ///< true: a member the policy does not list loses their roles
  std::vector<member> entries;  ///< in file order, across files
};

/// A robot token (`[robots.NAME]`) and the project roles it holds.
struct robot {
  text name;   ///< at: the table's key
  text label;  ///< absent or empty: the name is the label
  std::vector<text> roles;
  location roles_at;
};

/// A deployment target (`[targets.NAME]`).
struct target {
  text name;
  text project;
  text api_version;
  std::vector<text> public_datasets;  ///< `public_datasets`: replaces the project's for this target
  bool public_datasets_given = false;
};

/// A TOML table of a test turned into JSON (`document`, `attributes`); the model stays free of
/// a JSON library, so the value is kept as text.
struct json_value {
  std::string json;     ///< a JSON object; tables are objects, dates and times RFC 3339 strings
  location at;          ///< the TOML value
  bool present = false;
};

/// A policy test (`[[tests]]`); its expectations are checked by `rolec test`.
struct test_case {
  location at;                ///< the `[[tests]]` table
  text name;
  std::vector<text> roles;    ///< `role` or `roles`
  text identity;              ///< `identity()`
  json_value attributes;      ///< `user::attributes()`
  flag robot;                 ///< the principal is a robot token, not a user
  flag anonymous;             ///< the principal is a visitor without a token, holding no role
  text dataset;               ///< the dataset the document is in (none: every dataset)
  json_value document;        ///< `document`, written inline
  text document_file;         ///< `document_file`, as written (at: the key)
  std::string document_path;  ///< `document_file` resolved against the folder of its TOML file; read by `rolec test`
  std::vector<json_value> documents;  ///< `documents`: the forms of one document (published, draft, version)
  flag live_edit;             ///< the document's type is live-edit
  std::vector<text> allow;    ///< document actions (`read`, ...) and Studio operations (`publish`, ...)
  std::vector<text> deny;
};

/// A property (`[[properties]]`): what roles held together allow or deny on every document that
/// matches `where`, for every principal; `rolec test` proves or refutes it.
struct property {
  location at;                         ///< the `[[properties]]` table
  text name;
  std::vector<text> roles;             ///< `role` or `roles`, held together
  std::vector<text> allow;             ///< document actions and the operations `publish`, `delete`
  std::vector<text> deny;
  std::optional<filter_source> where;  ///< none: every document
  flag robot;                          ///< present: only robots (true) or only users (false)
};

/// One `[lint.rules]` entry.
struct rule_level {
  text rule;
  text level;
};

/// Everything the policy files say, merged in sorted path order.
struct policy {
  text project_id;
  text api_version;
  flag exclusive;                  ///< `[project] exclusive`: custom roles and permissions the policy omits are deleted
  std::vector<text> protected_roles;  ///< `[project] protect`: roles a plan may never delete
  std::vector<text> public_datasets;  ///< `[project] public_datasets`: datasets anyone may read
  std::vector<target> targets;
  std::vector<permission> permissions;
  std::vector<role> roles;
  members_table members;
  std::vector<robot> robots;
  std::vector<test_case> tests;
  std::vector<property> properties;
  std::vector<rule_level> lint_levels;
  std::vector<diag::source_id> files;
  std::vector<diag::source_id> broken_files;  ///< files that are not valid TOML
  /// Definitions whose name an earlier file already took (RC316): checked on their own, so that
  /// their other mistakes are reported at once, but never resolved against or built.
  std::vector<permission> shadowed_permissions;
  std::vector<role> shadowed_roles;
};

/// What a test may expect besides a project permission's `PERMISSION.ACTION`: the document
/// actions and Studio's operations.
[[nodiscard]] const std::vector<std::string>& test_expectation_names();

}  // namespace rolec::policy
