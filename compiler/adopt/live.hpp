#pragma once
/// Live state: the roles and permissions a project has, as the Access API lists them. It is read
/// from what `rolec pull` writes (docs/live-state.md) or from raw `GET /roles` and
/// `GET /permissions` responses, and several files merge into one.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace rolec::adopt {

/// The `format_version` of the live-state files this version reads and writes.
inline constexpr const char* live_format_version = "1";

/// One permission of a role: `{name, action, params}`.
struct live_grant {
  std::string name;
  std::string action;
  nlohmann::ordered_json params = nlohmann::ordered_json::object();  ///< always an object; `{}` when absent
};

/// A role as `GET /roles` lists it.
struct live_role {
  std::string name;
  std::optional<std::string> title;
  std::string description;        ///< "" when absent or null
  std::optional<bool> is_custom;  ///< absent in some listings: then the catalogue decides
  bool applies_to_users = true;
  bool applies_to_robots = true;
  std::vector<live_grant> permissions;
  nlohmann::ordered_json body;    ///< the object as read, for comparisons
  std::string origin;             ///< the file it came from
};

/// A permission as `GET /permissions` lists it.
struct live_permission {
  std::string name;
  std::optional<std::string> title;
  std::string description;               ///< "" when absent or null
  std::string type;
  nlohmann::ordered_json config = nlohmann::ordered_json::object();  ///< always an object
  std::optional<std::string> filter;     ///< `config.filter`
  nlohmann::ordered_json body;
  std::string origin;
};

/// A member of the project and the roles it holds there (from `GET /users`).
struct live_user {
  std::string id;                  ///< `sanityUserId`
  std::vector<std::string> roles;  ///< role names in this project
};

/// Everything the input files say about one project.
struct live_state {
  std::optional<std::string> resource_type;  ///< `project` (organisations are refused)
  std::optional<std::string> resource_id;
  std::string resource_origin;               ///< the file that named the resource first
  std::optional<std::string> api_version;    ///< only a `rolec pull` file records it
  std::vector<live_permission> permissions;  ///< in input order, each name once
  std::vector<live_role> roles;              ///< in input order, each name once
  std::vector<live_user> users;              ///< only a `rolec pull` file records them
  std::vector<std::string> warnings;         ///< things worth telling, such as an unfinished page
};

/// Adds the live state in `text` (the content of the file `name`) to `into`. Returns false with
/// `error` set (beginning with `name`, and with line and column for JSON syntax errors) when the
/// text is not JSON, has none of the accepted shapes, or contradicts what `into` already holds.
bool parse_live(std::string_view text, const std::string& name, live_state& into, std::string& error);

/// Reads and merges `paths` (`-` is standard input); nothing, with `error` set, on the first failure.
[[nodiscard]] std::optional<live_state> read_live(const std::vector<std::string>& paths, std::string& error);

}  // namespace rolec::adopt
