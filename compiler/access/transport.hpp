#pragma once
/// Stage `access`: the only code that talks to Sanity. A transport sends one HTTP request and
/// returns what came back; the client above it decides about retries. Tests use in-memory fakes.

#include <memory>
#include <optional>
#include <string>

namespace rolec::access {

/// One request: method, path below the base URL (`/v2025-07-11/access/project/x/roles`), body.
struct http_request {
  std::string method;
  std::string path;
  std::string body;  ///< JSON, or empty
};

/// What came back: a status and body, or a `failure` when no complete response arrived.
struct http_response {
  long status = 0;                    ///< 0 when `failure` is set
  std::string body;
  std::optional<double> retry_after;  ///< seconds, from a `Retry-After` header
  std::string failure;                ///< a transport error: refused, reset, timed out, ...
};

/// Sends requests to one base URL with one credential.
class transport {
 public:
  virtual ~transport() = default;
  /// Sends `request`; safe to call from several threads at once.
  virtual http_response send(const http_request& request) = 0;
};

/// A transport over libcurl, loaded when first needed (so that commands that never reach the
/// network do not pay for loading it). The token goes into the Authorization header only.
/// Returns nothing with `error` set when libcurl cannot be loaded.
[[nodiscard]] std::unique_ptr<transport> make_curl_transport(std::string base_url, std::string token, std::string& error);

}  // namespace rolec::access
