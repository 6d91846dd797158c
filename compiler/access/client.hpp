#pragma once
/// The Access API for one project over a transport: listings read page by page, and changes sent
/// with retries that are safe (a POST is repeated only once it is known not to have taken effect).

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "access/transport.hpp"

namespace rolec::access {

/// The two kinds of things rolec changes.
enum class kind { permission, role };

/// `permissions` or `roles`: the collection path of a kind.
[[nodiscard]] std::string_view collection(kind k);

/// When and how often to try again.
struct retry_policy {
  int attempts = 6;                                 ///< tries per request, the first included
  std::chrono::milliseconds first_delay{250};       ///< doubled after each failure, with jitter
  std::chrono::milliseconds max_delay{8000};
  std::uint64_t seed = 0;                           ///< for the jitter: runs are reproducible
  std::function<void(std::chrono::milliseconds)> sleep;  ///< default: sleep the thread
};

/// The result of one call, after retries.
struct outcome {
  bool ok = false;
  long status = 0;           ///< the last HTTP status, or 0
  nlohmann::json body;       ///< the response body, when it was JSON
  std::string error;         ///< what went wrong, for a person to read
  int attempts = 0;
};

/// The Access API of one project.
class client {
 public:
  client(transport& t, std::string api_version, std::string project_id, retry_policy retries = {});

  /// Every item of a listing (`permissions`, `roles`, `users`), following `nextCursor`;
  /// `on_page`, when given, is told the number of items read so far after each page.
  outcome list(std::string_view collection_name, std::vector<nlohmann::json>& items,
               const std::function<void(std::size_t)>& on_page = {});
  /// POST: creates a permission or role. A failure that may have come after the change took
  /// effect is checked with a GET before anything is sent again.
  outcome create(kind k, const nlohmann::json& body);
  /// PUT: replaces a permission or role whole.
  outcome replace(kind k, const std::string& name, const nlohmann::json& body);
  /// DELETE; a permission or role that is already gone counts as deleted.
  outcome remove(kind k, const std::string& name);

 private:
  transport& transport_;
  std::string base_;  ///< `/vDATE/access/project/ID`
  retry_policy retries_;
  std::mutex random_mutex_;
  std::mt19937_64 random_;

  // Sends with retries on 429, 5xx and failed connections. `idempotent` requests are simply sent
  // again; others stop at the first ambiguous failure and leave it to the caller.
  outcome exchange(const http_request& request, bool idempotent);
  void back_off(int attempt, const http_response& response);
};

/// A person's explanation of an unsuccessful response, with what to do about 401 and 403.
[[nodiscard]] std::string explain(const http_request& request, const http_response& response);

}  // namespace rolec::access
