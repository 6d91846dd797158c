#pragma once
/// Opening the Access API for the remote commands: URL, token and client.

#include <memory>
#include <optional>
#include <string>

#include "access/client.hpp"
#include "cli/remote.hpp"

namespace rolec::cli {

/// A transport and a client for one project; the transport outlives the client.
struct connection {
  std::unique_ptr<access::transport> transport;
  std::unique_ptr<access::client> client;
};

/// Connects to `project_id`; prints why and returns nothing when there is no token or no libcurl.
[[nodiscard]] std::optional<connection> connect(const connection_options& options, const std::string& project_id,
                                                const std::string& api_version);

}  // namespace rolec::cli
