#pragma once
/// Stage `format`: a TOML file in the one layout of `rolec fmt`, or why it cannot be formatted.

#include <optional>
#include <string>

#include "diag/diagnostic.hpp"
#include "diag/source.hpp"

namespace rolec::format {

/// What formatting one file gave: its text in the layout, or the reason it stays as it is.
struct format_result {
  std::optional<std::string> text;        ///< the formatted file; unset when it cannot be formatted
  std::optional<diag::diagnostic> error;  ///< the file is not TOML (RC301, as `rolec lint` says it)
  std::string failure;                    ///< the layout would change the data: a fault of rolec's own
};

/// Formats registered file `id`. toml++ checks it first, so that a broken file gets the message
/// lint gives; after the layout, toml++ must read the same data from the result as from the file,
/// or the file is left as it is.
[[nodiscard]] format_result format_file(const diag::source_file& file, diag::source_id id);

}  // namespace rolec::format
