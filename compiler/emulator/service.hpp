#pragma once
/// The emulator without its HTTP transport: a request in, what to answer out. Routing,
/// authentication, faults, rate limits, statistics and saving the state live here, so that all
/// of it can be tested without sockets.

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/auth.hpp"
#include "emulator/faults.hpp"
#include "emulator/reply.hpp"
#include "emulator/store.hpp"

namespace rolec::emulator {

/// Where the test-only endpoints live (`stats`, `state`): outside the API paths.
inline constexpr std::string_view test_prefix = "/__emulator/";

/// A request as the transport received it.
struct request {
  std::string method;                        ///< `GET`, `POST`, ...
  std::string path;                          ///< decoded, without the query
  std::map<std::string, std::string> query;  ///< the first value of each parameter
  std::optional<std::string> authorization;  ///< the `Authorization` header
  std::string body;
};

/// What the transport must do.
struct outcome {
  reply answer;
  bool drop = false;  ///< close the connection in the middle of the answer
  std::vector<std::pair<std::string, std::string>> headers;
  std::string note;   ///< for the log: a fault, a failed save
  std::string log;    ///< one line for the log: method, path, status and note, tokens redacted
};

/// How the service behaves.
struct service_options {
  std::vector<token_binding> tokens;
  std::uint64_t seed = 0;
  double fail_rate = 0;
  unsigned rate_limit = 0;  ///< requests per second and token; 0: no limit
  /// Writes the state file's content; null when there is no state file.
  std::function<bool(const std::string& content, std::string& error)> save;
};

/// Counts of what happened, as `GET /__emulator/stats` shows them.
struct statistics {
  std::uint64_t requests = 0;  ///< requests outside /__emulator/
  std::uint64_t errors = 0;
  std::uint64_t dropped = 0;
  std::uint64_t after_apply = 0;
  std::uint64_t rate_limited = 0;
};

/// Serves requests one at a time (calls from several threads are serialised).
class service {
 public:
  service(store initial, service_options options);

  /// The answer to `r`.
  [[nodiscard]] outcome handle(const request& r);
  /// Writes the state file now (true when there is none).
  bool save(std::string& error);
  /// `{"requests", "faults": {...}, "invariant_violations"}`, as `GET /__emulator/stats` answers.
  [[nodiscard]] json stats();

 private:
  outcome handle_locked(const request& r);
  outcome handle_api(const request& r);
  reply serve(const request& r);
  bool save_locked(std::string& error);
  [[nodiscard]] json stats_locked() const;

  std::mutex mutex_;
  store store_;
  service_options options_;
  fault_injector faults_;
  rate_limiter limiter_;
  statistics stats_;
  std::uint64_t saved_version_;
};

}  // namespace rolec::emulator
