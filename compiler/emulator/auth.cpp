#include "emulator/auth.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "emulator/reply.hpp"
#include "emulator/validate.hpp"
#include "validate/rules.hpp"

namespace rolec::emulator {
namespace {

// The token of `Bearer <token>`; the scheme is case-insensitive (RFC 9110).
std::string_view bearer_token(std::string_view header) {
  constexpr std::string_view scheme = "bearer ";
  if (header.size() <= scheme.size()) return {};
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) != scheme[i]) return {};
  }
  header.remove_prefix(scheme.size());
  while (!header.empty() && header.front() == ' ') header.remove_prefix(1);
  while (!header.empty() && header.back() == ' ') header.remove_suffix(1);
  return header;
}

}  // namespace

std::optional<token_binding> parse_token_binding(std::string_view text) {
  const std::size_t at = text.rfind('=');
  if (at == std::string_view::npos || at == 0) return std::nullopt;
  token_binding out{std::string(text.substr(0, at)), std::string(text.substr(at + 1))};
  if (!validate::valid_name(out.role)) return std::nullopt;
  return out;
}

const token_binding& authenticate(const std::vector<token_binding>& tokens, const std::string* authorization) {
  const std::string_view token = authorization == nullptr ? std::string_view() : bearer_token(*authorization);
  const auto binding = std::find_if(tokens.begin(), tokens.end(), [&](const token_binding& t) { return t.secret == token; });
  // Sanity's answer to an unknown token; a missing one is assumed to get the same.
  if (token.empty() || binding == tokens.end()) throw api_error{401, "Session not found"};
  return *binding;
}

void permit(const token_binding& token, const project& in, requirement needed) {
  const role* r = in.find_role(token.role);
  if (r == nullptr || !r->allows(needed.permission, needed.action)) {
    throw api_error{403, fmt::format("Insufficient permissions; permission \"{}\" action \"{}\" required", needed.permission,
                                     needed.action)};
  }
}

}  // namespace rolec::emulator
