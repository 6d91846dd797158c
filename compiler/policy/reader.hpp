#pragma once
// Reading one parsed policy file into the policy model (internal to stage `load`). The reader
// holds what every key's reader needs (positions, findings, the common value shapes); each part
// of the format is read in its own file: read_settings.cpp (`[project]`, `[targets]`, `[lint]`),
// read_permissions.cpp, read_roles.cpp (roles, grants, params), read_members.cpp (members and
// robots), read_tests.cpp and
// read_properties.cpp.

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diag/source.hpp"
#include "policy/load.hpp"
#include "policy/toml.hpp"

namespace rolec::policy {

/// One file being read: where its values are, and the findings and entries it gives.
class reader {
 public:
  reader(const diag::source_file& of, diag::source_id source, load_result& into) : file(of), id(source), result(into) {}

  const diag::source_file& file;
  diag::source_id id;
  load_result& result;  ///< this file's entries alone; load merges the files

  /// The entries of a table in file order (toml++ keeps them sorted by key).
  [[nodiscard]] static std::vector<std::pair<const toml::key*, const toml::node*>> ordered(const toml::table& t);
  /// The place of a TOML source region in the file.
  [[nodiscard]] location at(const toml::source_region& r) const;
  /// Adds a finding.
  void report(diag::rule r, location where, std::string message, std::string help = {});
  /// Reports every key of `t` that is not `allowed`, with the closest allowed one.
  void check_keys(const toml::table& t, std::initializer_list<std::string_view> allowed, std::string_view where);
  /// The table of the entry `[section.NAME]` (`kind` names it in the message: "role"), or null,
  /// reported, when the entry is not a table.
  const toml::table* entry_table(const toml::node& n, std::string_view kind, std::string_view section, const toml::key& name);
  /// The table at `key`, or null (reported when it is there but not a table).
  const toml::table* table_at(const toml::table& t, std::string_view key);
  /// A string value (reported when it is not one).
  text read_text(const toml::table& t, std::string_view key);
  /// A boolean value (reported when it is not one).
  flag read_flag(const toml::table& t, std::string_view key);
  /// An array of strings (`extends`, `actions`, `allow`), or with `allow_single` one string.
  std::vector<text> read_strings(const toml::table& t, std::string_view key, bool allow_single = false);
};

/// Reads a whole file: every top-level key, each by its own reader below.
void read_document(reader& r, const toml::table& root);
/// Reads a settings file (`.rolec.toml`): `[lint]`, and nothing else.
void read_settings_document(reader& r, const toml::table& root);

/// `[project]`.
void read_project(reader& r, const toml::node& n);
/// `[targets.NAME]`.
void read_target(reader& r, const toml::key& key, const toml::node& n);
/// A GROQ filter in a TOML string, with the file offset of every byte of its text.
filter_source filter_of(reader& r, const toml::value<std::string>& value, location literal);
/// `[permissions.NAME]`.
void read_permission(reader& r, const toml::key& key, const toml::node& n);
/// `[roles.NAME]`, with its grants.
void read_role(reader& r, const toml::key& key, const toml::node& n);
/// `[members]`.
void read_members(reader& r, const toml::node& n);
/// `[robots.NAME]`.
void read_robot(reader& r, const toml::key& key, const toml::node& n);
/// `[[tests]]`.
void read_tests(reader& r, const toml::node& n);
/// `[[properties]]`.
void read_properties(reader& r, const toml::node& n);
/// `[lint]`.
void read_lint(reader& r, const toml::node& n);

}  // namespace rolec::policy
