#pragma once
/// What `rolec import` reads, told apart by content: live state (`rolec pull` files and Access
/// API responses), `system.group` documents (NDJSON export or JSON array) or the legacy Roles
/// API's `GET /roles` listing. Each kind has its own reader; this picks one and imports.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adopt/import.hpp"
#include "schemas/catalog.hpp"

namespace rolec::adopt {

/// The kind of input `text` is. Text that is none of them is live state, whose reader says why not.
[[nodiscard]] import_source kind_of_input(std::string_view text);

/// Reads `paths` (`-` is standard input), all of one kind, and imports them; the readers'
/// warnings come first in the result's. Nothing, with `error` set, on the first failure.
[[nodiscard]] std::optional<imported_policy> import_files(const std::vector<std::string>& paths,
                                                          const schemas::catalog& catalog, std::string& error);

}  // namespace rolec::adopt
