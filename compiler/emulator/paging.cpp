#include "emulator/paging.hpp"

#include <algorithm>
#include <charconv>

namespace rolec::emulator {
namespace {

constexpr std::size_t max_limit = 500;

}  // namespace

page_request read_page_request(const std::map<std::string, std::string>& query) {
  page_request out;
  if (const auto it = query.find("limit"); it != query.end()) {
    const std::string& text = it->second;
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 1 || value > max_limit) {
      throw api_error{400, "`limit` must be an integer from 1 to 500"};
    }
    out.limit = value;
  }
  if (const auto it = query.find("nextCursor"); it != query.end()) out.cursor = it->second;
  return out;
}

json page(std::vector<listed> items, const page_request& request) {
  std::sort(items.begin(), items.end(), [](const listed& a, const listed& b) { return a.key < b.key; });
  auto first = items.begin();
  if (!request.cursor.empty()) {
    first = std::upper_bound(items.begin(), items.end(), request.cursor,
                             [](const std::string& cursor, const listed& item) { return cursor < item.key; });
  }
  const std::size_t left = static_cast<std::size_t>(items.end() - first);
  const auto last = first + static_cast<std::ptrdiff_t>(std::min(left, request.limit));
  json data = json::array();
  for (auto it = first; it != last; ++it) data.push_back(std::move(it->item));
  json next = last == items.end() ? json(nullptr) : json((last - 1)->key);
  return json{{"data", std::move(data)}, {"nextCursor", std::move(next)}};
}

}  // namespace rolec::emulator
