#pragma once
/// The human renderer: `file:line:col: error[ID]: message`, the source line, a caret, help.

#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "diag/source.hpp"

namespace rolec::diag {

/// How human output looks.
struct human_style {
  bool color = false;  ///< ANSI colours; callers decide (terminal, NO_COLOR)
};

/// Appends one diagnostic, its snippet, help and notes.
void render_human(std::string& out, const source_manager& sources, const diagnostic& d,
                  const human_style& style = {});

/// Renders a list of diagnostics, one block each.
[[nodiscard]] std::string render_human(const source_manager& sources,
                                       const std::vector<diagnostic>& diagnostics,
                                       const human_style& style = {});

}  // namespace rolec::diag
