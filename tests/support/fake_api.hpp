#pragma once
// An in-memory stand-in for the Access API of one project, behind the access::transport
// interface: enough of permissions and roles for the client, plan and apply tests, with faults
// scripted per request.

#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "access/transport.hpp"

namespace rolec::test {

/// What to do with one coming request.
enum class fault {
  none,
  fail_before,  ///< answer 503 without doing anything
  fail_after,   ///< do the request, then answer 503 (or drop the answer)
  drop_after,   ///< do the request, then lose the answer
  throttle,     ///< answer 429 with Retry-After: 1
};

class fake_api final : public access::transport {
 public:
  std::map<std::string, nlohmann::json> permissions;  ///< custom permissions by name
  std::map<std::string, nlohmann::json> roles;        ///< custom roles by name
  std::deque<fault> faults;                           ///< one per request, in order; then none
  std::vector<std::string> log;                       ///< "METHOD path" of every request
  std::size_t page_size = 2;

  access::http_response send(const access::http_request& request) override;

 private:
  std::mutex mutex_;
  access::http_response handle(const access::http_request& request);
};

}  // namespace rolec::test
