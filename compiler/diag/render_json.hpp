#pragma once
/// The JSON renderer: the `diagnostics` entries of the design's JSON shapes.

#include <nlohmann/json.hpp>
#include <vector>

#include "diag/diagnostic.hpp"
#include "diag/source.hpp"

namespace rolec::diag {

/// `{"rule", "rule_name", "severity", "message", "file", "line", "column", "end_line",
/// "end_column", "help"?, "notes"?}`; lines and columns are 1-based, columns count bytes and
/// `end_column` is exclusive.
[[nodiscard]] nlohmann::ordered_json to_json(const source_manager& sources, const diagnostic& d);

/// An array of `to_json` objects.
[[nodiscard]] nlohmann::ordered_json to_json(const source_manager& sources,
                                             const std::vector<diagnostic>& diagnostics);

}  // namespace rolec::diag
