#pragma once
/// Reading a project's whole live state: every page of its permissions, roles and users, as the
/// live-state document that `rolec pull` writes (docs/live-state.md).

#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "access/client.hpp"

namespace rolec::access {

/// Told, after each page, which listing is being read and how many of its items are read so far.
using pull_progress = std::function<void(std::string_view listing, std::size_t items)>;

/// Fills `document` with the live state of the client's project; a failed listing is returned as is.
[[nodiscard]] outcome pull(client& api, const std::string& project_id, const std::string& api_version,
                           nlohmann::ordered_json& document, const pull_progress& progress = {});

}  // namespace rolec::access
