#pragma once
/// The one layout of `rolec fmt` (docs/reference/fmt.md): a parsed file printed again with its
/// white space, blank lines and array breaks decided here, and every key, value and comment kept.

#include <cstddef>
#include <optional>
#include <string>

#include "format/cst.hpp"

namespace rolec::format {

/// Arrays that fit are printed on one line of at most this many columns.
inline constexpr std::size_t max_columns = 100;

/// `document` (from format::parse) in the one layout, or nothing if that text would be longer
/// than `limit` bytes.
[[nodiscard]] std::optional<std::string> layout(const node& document, std::size_t limit);

}  // namespace rolec::format
