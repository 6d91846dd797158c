#pragma once
/// The Access API's checks of request bodies: their shape through the model's codec, then the
/// rules of validate/rules.hpp, which lint applies too. Each reader throws api_error (400) at the
/// first thing wrong, with a message that names the field.

#include <string_view>

#include "emulator/model.hpp"
#include "emulator/reply.hpp"

namespace rolec::emulator {

/// True if `id` can be a project id: letters, digits, `-` and `_`.
[[nodiscard]] bool valid_project_id(std::string_view id);

/// Reads the body of `POST /permissions` (`path_name` empty) or `PUT /permissions/{path_name}`
/// into a custom permission of `in`: name, title, description, a custom type and a filter that
/// parses as a permission filter.
[[nodiscard]] permission read_permission_body(const project& in, const json& body, std::string_view path_name = {});

/// Reads the body of `POST /roles` or `PUT /roles/{path_name}` into a custom role of `in`: its
/// shape only. `missing_permission` and `check_grants` then check what the grants refer to.
[[nodiscard]] role read_role_body(const project& in, const json& body, std::string_view path_name = {});

/// The index of the first grant of `r` naming a permission that `in` does not have, or -1.
[[nodiscard]] int missing_permission(const project& in, const role& r);

/// Checks every grant's action and params against the type of its permission (which exists).
void check_grants(const project& in, const role& r);

}  // namespace rolec::emulator
