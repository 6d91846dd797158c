#pragma once
/// Pagination of list endpoints: `limit` (1-500, default 100) and an opaque `nextCursor`.

#include <map>
#include <string>
#include <vector>

#include "emulator/reply.hpp"

namespace rolec::emulator {

/// The query parameters of a list request.
struct page_request {
  std::size_t limit = 100;
  std::string cursor;  ///< empty: the first page
};

/// Reads `limit` and `nextCursor` from a query string; throws api_error (400) for a bad limit.
[[nodiscard]] page_request read_page_request(const std::map<std::string, std::string>& query);

/// An item of a listing with the key that orders it. Keys are what cursors hold: a page goes on
/// after the last key served, so deleting or adding items between pages skips none of the others.
struct listed {
  std::string key;
  json item;
};

/// `{"data": [...], "nextCursor": null | "..."}` for the page of `items` that `request` asks for.
[[nodiscard]] json page(std::vector<listed> items, const page_request& request);

}  // namespace rolec::emulator
