#include "support/fake_api.hpp"

#include <fmt/format.h>

namespace rolec::test {
namespace {

using json = nlohmann::json;

access::http_response answer(long status, const json& body) { return {status, body.dump(), std::nullopt, ""}; }

access::http_response error(long status, const std::string& message) {
  return answer(status, {{"statusCode", status}, {"error", status == 404 ? "Not Found" : "Error"}, {"message", message}});
}

}  // namespace

access::http_response fake_api::send(const access::http_request& request) {
  std::lock_guard lock(mutex_);
  log.push_back(request.method + " " + request.path);
  const fault f = faults.empty() ? fault::none : faults.front();
  if (!faults.empty()) faults.pop_front();
  if (f == fault::fail_before) return error(503, "unavailable");
  if (f == fault::throttle) {
    access::http_response r = error(429, "slow down");
    r.retry_after = 1;
    return r;
  }
  access::http_response r = handle(request);
  if (f == fault::fail_after) return error(503, "unavailable");
  if (f == fault::drop_after) return {0, "", std::nullopt, "connection reset"};
  return r;
}

access::http_response fake_api::handle(const access::http_request& request) {
  // Paths: /vDATE/access/project/ID/{permissions|roles}[/NAME][?query]
  std::string path = request.path;
  std::string query;
  if (const auto q = path.find('?'); q != std::string::npos) {
    query = path.substr(q + 1);
    path.resize(q);
  }
  std::vector<std::string> parts;
  for (std::size_t start = 1; start <= path.size();) {
    const auto slash = path.find('/', start);
    parts.push_back(path.substr(start, slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (parts.size() < 5) return error(404, "no such path");
  const std::string& what = parts[4];
  if (what == "users") return answer(200, {{"data", json::array()}, {"nextCursor", nullptr}});
  auto& items = what == "permissions" ? permissions : roles;
  if (parts.size() == 5 && request.method == "GET") {
    // Pages of `page_size`, the cursor being the index of the next item.
    std::size_t from = 0;
    if (const auto at = query.find("nextCursor="); at != std::string::npos) from = std::stoul(query.substr(at + 11));
    json data = json::array();
    std::size_t i = 0;
    for (const auto& [name, item] : items) {
      if (i >= from && i < from + page_size) data.push_back(item);
      ++i;
    }
    const json next = from + page_size < items.size() ? json(std::to_string(from + page_size)) : json();
    return answer(200, {{"data", data}, {"nextCursor", next}});
  }
  if (parts.size() == 5 && request.method == "POST") {
    json body = json::parse(request.body);
    const std::string name = body["name"];
    if (items.count(name) > 0) return error(409, fmt::format("`{}` exists", name));
    if (what == "roles") body["isCustom"] = true;
    items[name] = body;
    return answer(201, body);
  }
  if (parts.size() != 6) return error(404, "no such path");
  const std::string& name = parts[5];
  const auto it = items.find(name);
  if (request.method == "GET") return it == items.end() ? error(404, "not found") : answer(200, it->second);
  if (request.method == "PUT") {
    if (it == items.end()) return error(404, "not found");
    json body = json::parse(request.body);
    if (what == "roles") body["isCustom"] = true;
    it->second = body;
    return answer(200, body);
  }
  if (request.method == "DELETE") {
    if (it == items.end()) return error(404, "not found");
    items.erase(it);
    return answer(200, json::object());
  }
  return error(405, "method");
}

}  // namespace rolec::test
