#pragma once
/// Reading a project's whole live state: every page of its permissions, roles and users, as the
/// live-state document that `rolec pull` writes (docs/live-state.md).

#include <string>

#include <nlohmann/json.hpp>

#include "access/client.hpp"

namespace rolec::access {

/// Fills `document` with the live state of the client's project; a failed listing is returned as is.
[[nodiscard]] outcome pull(client& api, const std::string& project_id, const std::string& api_version,
                           nlohmann::ordered_json& document);

}  // namespace rolec::access
