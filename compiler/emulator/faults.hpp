#pragma once
/// Fault injection: seeded failures that a client must survive, and a per-token rate limit.

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <string>

namespace rolec::emulator {

/// What happens to one request.
enum class fault_kind {
  none,
  server_error,  ///< a 500, 502 or 503 with a Boom body, before anything is done
  dropped,       ///< the connection closes in the middle of the response, before anything is done
  after_apply,   ///< a write is carried out, then the client gets a 502 or a dropped connection
};

/// The decision for one request.
struct fault {
  fault_kind kind = fault_kind::none;
  int status = 0;  ///< server_error and after_apply: the status sent (0: the connection drops)
};

/// Decides, request by request, which ones fail. Decision n depends only on the seed and n, so the
/// same sequence of requests meets the same faults in every run.
class fault_injector {
 public:
  /// Fails a request with probability `rate`.
  fault_injector(std::uint64_t seed, double rate) : seed_(seed), rate_(rate) {}

  /// The decision for the next request; `is_write` allows after_apply.
  fault next(bool is_write);

 private:
  std::uint64_t seed_;
  double rate_;
  std::uint64_t count_ = 0;
};

/// Allows each key (a token) at most `per_second` requests in any one-second window; 0 allows all.
class rate_limiter {
 public:
  using clock = std::chrono::steady_clock;

  explicit rate_limiter(unsigned per_second) : per_second_(per_second) {}

  /// True if a request of `key` at `now` is allowed; refused requests do not use up the allowance.
  bool admit(const std::string& key, clock::time_point now);

 private:
  unsigned per_second_;
  std::map<std::string, std::deque<clock::time_point>> recent_;
};

}  // namespace rolec::emulator
