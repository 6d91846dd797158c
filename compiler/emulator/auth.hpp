#pragma once
/// Who may call what: bearer tokens bound to roles, and the permission each endpoint needs.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/model.hpp"

namespace rolec::emulator {

/// A token's secret and the role it has in every project. The secret never leaves this struct:
/// it is compared, never printed.
struct token_binding {
  std::string secret;
  std::string role;
};

/// Reads `SECRET=ROLE` (the last `=` separates them, since role names have none); nothing when
/// either side is empty or the role is not a valid name.
[[nodiscard]] std::optional<token_binding> parse_token_binding(std::string_view text);

/// The permission and action an endpoint needs, such as `sanity-project-roles` `create`.
struct requirement {
  std::string_view permission;
  std::string_view action;
};

/// The binding of the token in an `Authorization` header (null when absent). Throws api_error
/// 401 when there is no token or an unknown one.
[[nodiscard]] const token_binding& authenticate(const std::vector<token_binding>& tokens, const std::string* authorization);

/// Checks that the token's role in `in` grants `needed`; throws api_error 403 naming it otherwise.
void permit(const token_binding& token, const project& in, requirement needed);

}  // namespace rolec::emulator
