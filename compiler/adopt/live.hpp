#pragma once
/// Live state: the roles and permissions a project has, as the Access API lists them, read into
/// the model's types (model/api_json.hpp) from what `rolec pull` writes (docs/live-state.md) or
/// from raw `GET /roles` and `GET /permissions` responses; several files merge into one.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/resources.hpp"

namespace rolec::adopt {

/// The `format_version` of the live-state files this version reads and writes.
inline constexpr const char* live_format_version = "1";

/// Everything the input files say about one project, in the model's types.
struct live_state {
  std::optional<std::string> resource_type;  ///< `project` (organisations are refused)
  std::optional<std::string> resource_id;
  std::string resource_origin;               ///< the file that named the resource first
  std::optional<std::string> api_version;    ///< only a `rolec pull` file records it
  std::vector<model::permission> permissions;  ///< in input order, each name once
  std::vector<model::role> roles;              ///< in input order, each name once
  std::vector<model::member> users;            ///< only a `rolec pull` file records them
  std::vector<std::string> warnings;           ///< things worth telling, such as an unfinished page
  /// The file each role and permission was first read from (`role:NAME`, `permission:NAME`).
  std::map<std::string, std::string, std::less<>> origins;
};

/// Adds the live state in `text` (the content of the file `name`) to `into`. Returns false with
/// `error` set (beginning with `name`, and with line and column for JSON syntax errors) when the
/// text is not JSON, has none of the accepted shapes, or contradicts what `into` already holds.
bool parse_live(std::string_view text, const std::string& name, live_state& into, std::string& error);

/// Reads and merges `paths` (`-` is standard input); nothing, with `error` set, on the first failure.
[[nodiscard]] std::optional<live_state> read_live(const std::vector<std::string>& paths, std::string& error);

}  // namespace rolec::adopt
