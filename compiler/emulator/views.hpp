#pragma once
/// Items as the Access API returns them, read-only fields included.

#include "emulator/model.hpp"
#include "emulator/reply.hpp"

namespace rolec::emulator {

/// `[{name, title, description}]`: the actions of a permission's type.
[[nodiscard]] json actions_json(const permission& p);

/// A permission as `GET /permissions/{name}` returns it.
[[nodiscard]] json permission_json(const project& in, const permission& p);

/// A role as `GET /roles/{name}` returns it.
[[nodiscard]] json role_json(const project& in, const role& r);

/// A user as `GET /users` lists it: its membership of this project only.
[[nodiscard]] json user_json(const project& in, const user& u);

}  // namespace rolec::emulator
