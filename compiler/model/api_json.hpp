#pragma once
/// The one JSON codec of the model: resources in the Access API's shape (request bodies and the
/// items of its listings), and back. Readers check shapes only (what is a string, an object, an
/// array); what the API accepts is validate/'s business.

#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "model/resources.hpp"

namespace rolec::model {

/// `{name, action, params}`, params in API order (`mode`, `history`, then by name) and left out
/// when there are none.
[[nodiscard]] nlohmann::ordered_json to_api(const grant& g);
/// A grant's parameters as the API's `params` object (`{}` when it has none).
[[nodiscard]] nlohmann::ordered_json params_json(const grant& g);
/// A permission as `POST /permissions` takes it: `{name, title, description, type, config}`.
[[nodiscard]] nlohmann::ordered_json to_api(const permission& p);
/// A role as `POST /roles` takes it: `{name, title, description, appliesToUsers, appliesToRobots,
/// permissions}`.
[[nodiscard]] nlohmann::ordered_json to_api(const role& r);
/// A robot as `POST /robots` creates it: its label and its roles at `resource_id` (null when unknown).
[[nodiscard]] nlohmann::ordered_json to_api(const robot& r, scope resource_type, const std::optional<std::string>& resource_id);

/// A JSON value of the wrong shape: where it is (`permissions[2].action`), and what was expected.
struct shape_problem {
  enum class kind : unsigned char { missing, wrong_type, empty };
  kind what = kind::missing;
  std::string field;     ///< the member's path from the item read (`name`, `config.filter`)
  std::string expected;  ///< `a string`, `true or false`, `an object`, `an array`
  std::string found;     ///< `a number`, `null`, ...
};

/// Thrown by the readers below.
struct shape_error : std::runtime_error {
  explicit shape_error(shape_problem p);
  shape_problem problem;
};

/// What a JSON value is, for messages: `a string`, `an object`, `null`, ...
[[nodiscard]] const char* json_type_name(const nlohmann::ordered_json& v);

/// Reads a role's `permissions` entry. `name` and `action` are required strings; `params` may be
/// absent or null. `field` prefixes the paths of problems (`permissions[2]`).
[[nodiscard]] grant grant_from_api(const nlohmann::ordered_json& j, const std::string& field);
/// Reads a permission; every member may be absent (callers require what they need), and a
/// present one must have the right type. Unknown members are ignored.
[[nodiscard]] permission permission_from_api(const nlohmann::ordered_json& j, const std::string& field = {});
/// Reads a role, as permission_from_api does; `permissions`, when present, must be an array.
[[nodiscard]] role role_from_api(const nlohmann::ordered_json& j, const std::string& field = {});

/// The value of `v` as a grant parameter.
[[nodiscard]] param_value param_from_json(const nlohmann::ordered_json& v);
/// A grant parameter as JSON.
[[nodiscard]] nlohmann::ordered_json to_json(const param_value& v);

}  // namespace rolec::model
