#include "cli/connection.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <cstring>

namespace rolec::cli {
namespace {

constexpr std::size_t min_token_length = 8;

}  // namespace

std::optional<connection> connect(const connection_options& options, const std::string& project_id,
                                  const std::string& api_version) {
  const char* token = std::getenv(options.token_env.c_str());
  if (token == nullptr || *token == '\0') {
    print_error(fmt::format("no token: set {} to a Sanity token whose role may read (and, to apply, change) roles",
                            options.token_env));
    return std::nullopt;
  }
  // rolec hides a token by replacing its text wherever it appears; a token of a few characters
  // would take letters out of every answer and message. Sanity's tokens are far longer.
  if (const std::size_t length = std::strlen(token); length < min_token_length) {
    print_error(fmt::format("the token in {} has {} character{}, too few for a Sanity token (which have dozens); "
                            "is it the right variable?",
                            options.token_env, length, length == 1 ? "" : "s"));
    return std::nullopt;
  }
  std::string url = options.api_url;
  if (url.empty()) {
    const char* from_env = std::getenv("SANITY_API_URL");
    url = from_env != nullptr && *from_env != '\0' ? from_env : "https://api.sanity.io";
  }
  std::string error;
  connection out;
  out.transport = access::make_curl_transport(url, token, error);
  if (!out.transport) {
    print_error(error);
    return std::nullopt;
  }
  out.client = std::make_unique<access::client>(*out.transport, api_version, project_id);
  return out;
}

}  // namespace rolec::cli
