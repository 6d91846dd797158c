// Code actions (each certain fix of a finding, and a suppression comment for its rule) and
// formatting in the layout of `rolec fmt`.

#include <fmt/format.h>

#include "diag/rules.hpp"
#include "format/format.hpp"
#include "lsp/cursor.hpp"
#include "lsp/features.hpp"
#include "lsp/uri.hpp"

namespace rolec::lsp {
namespace {

nlohmann::json edit_of(const view& v, const folder_file& file, diag::span where, std::string text) {
  nlohmann::json edits = nlohmann::json::array();
  edits.push_back({{"range", v.range_of(file.id, where)}, {"newText", std::move(text)}});
  return {{"changes", {{uri_of_path(file.path), std::move(edits)}}}};
}

// Where a suppression comment for a finding at `offset` goes: the start of its line, or of the
// line where the multi-line string it sits in begins (a comment inside the string would be text).
std::uint32_t suppression_line(std::string_view text, std::uint32_t offset) {
  const toml_context at = context_at(text, offset);
  const std::uint32_t anchor = at.in_string ? at.string_begin : offset;
  const std::size_t nl = text.rfind('\n', anchor == 0 ? 0 : anchor - 1);
  return anchor == 0 || nl == std::string_view::npos ? 0 : static_cast<std::uint32_t>(nl + 1);
}

}  // namespace

nlohmann::json code_actions(const view& v, const folder_file& file, std::uint32_t begin, std::uint32_t end,
                            const std::vector<diag::diagnostic>& findings) {
  nlohmann::json out = nlohmann::json::array();
  const std::string_view text = v.folder.sources().file(file.id).text();
  for (const diag::diagnostic& d : findings) {
    if (d.source != file.id || d.where.end < begin || d.where.begin > end) continue;
    const diag::rule_info& rule = diag::info(d.rule);
    const nlohmann::json about = nlohmann::json::array({v.diagnostic_of(d)});
    if (d.fix) {
      out.push_back({{"title", fmt::format("Fix {}: {}", rule.id, d.help.empty() ? d.message : d.help)},
                     {"kind", "quickfix"},
                     {"isPreferred", true},
                     {"diagnostics", about},
                     {"edit", edit_of(v, file, d.fix->where, d.fix->replacement)}});
    }
    if (d.rule == diag::rule::unexplained_suppression || d.rule == diag::rule::toml_syntax) continue;  // a file that is not TOML cannot be suppressed
    // The reason is left for the author: until it is written, lint says the comment gives none.
    const std::uint32_t line = suppression_line(text, d.where.begin);
    std::size_t indent = line;
    while (indent < text.size() && (text[indent] == ' ' || text[indent] == '\t')) ++indent;
    const std::string comment =
        fmt::format("{}# rolec-ignore: {} -- \n", text.substr(line, indent - line), rule.id);
    out.push_back({{"title", fmt::format("Suppress {} ({}) here, with a reason to write after `--`", rule.id, rule.name)},
                   {"kind", "quickfix"},
                   {"diagnostics", about},
                   {"edit", edit_of(v, file, {line, line}, comment)}});
  }
  return out;
}

nlohmann::json formatting(const view& v, const folder_file& file) {
  const diag::source_file& source = v.folder.sources().file(file.id);
  const format::format_result formatted = format::format_file(source, file.id);
  nlohmann::json edits = nlohmann::json::array();
  if (!formatted.text || *formatted.text == source.text()) return edits;
  const auto end = static_cast<std::uint32_t>(source.text().size());
  edits.push_back({{"range", v.range_of(file.id, {0, end})}, {"newText", *formatted.text}});
  return edits;
}

}  // namespace rolec::lsp
