#include "access/pull.hpp"

namespace rolec::access {

outcome pull(client& api, const std::string& project_id, const std::string& api_version, nlohmann::ordered_json& document,
             const pull_progress& progress) {
  document = nlohmann::ordered_json::object();
  document["format_version"] = "1";
  document["resource"] = {{"type", "project"}, {"id", project_id}};
  document["api_version"] = api_version;
  outcome last;
  for (const char* listing : {"permissions", "roles", "users"}) {
    std::vector<nlohmann::json> items;
    last = api.list(listing, items, [&](std::size_t n) {
      if (progress) progress(listing, n);
    });
    if (!last.ok) return last;
    auto& out = document[listing] = nlohmann::ordered_json::array();
    for (const nlohmann::json& item : items) out.push_back(nlohmann::ordered_json::parse(item.dump()));
  }
  return last;
}

}  // namespace rolec::access
