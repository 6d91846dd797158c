#include "lsp/convert.hpp"

#include "lsp/uri.hpp"

namespace rolec::lsp {
namespace {

nlohmann::json position_json(position p) { return {{"line", p.line}, {"character", p.character}}; }

int severity_of(diag::severity s) {
  switch (s) {
    case diag::severity::error: return 1;
    case diag::severity::warning: return 2;
    default: return 3;
  }
}

}  // namespace

nlohmann::json view::range_of(diag::source_id id, diag::span where) const {
  const diag::source_file& file = folder.sources().file(id);
  const folder_file* f = folder.file_of(id);
  const line_index built = f != nullptr ? line_index() : line_index(file.text());
  const line_index& lines = f != nullptr ? f->lines : built;
  return {{"start", position_json(lines.position_of(file.text(), where.begin, enc))},
          {"end", position_json(lines.position_of(file.text(), where.end, enc))}};
}

nlohmann::json view::location_of(diag::source_id id, diag::span where) const {
  return {{"uri", uri_of_path(folder.path_of(id))}, {"range", range_of(id, where)}};
}

nlohmann::json view::diagnostic_of(const diag::diagnostic& d) const {
  const diag::rule_info& rule = diag::info(d.rule);
  std::string message = d.message;
  nlohmann::json related = nlohmann::json::array();
  for (const diag::note& n : d.notes) {
    if (n.where) {
      related.push_back({{"location", location_of(n.source, *n.where)}, {"message", n.message}});
    } else {
      message += "\nnote: " + n.message;
    }
  }
  if (!d.help.empty()) message += "\nhelp: " + d.help;
  nlohmann::json out = {{"range", range_of(d.source, d.where)},
                        {"severity", severity_of(d.level)},
                        {"code", std::string(rule.id)},
                        {"codeDescription", {{"href", docs_base + std::string(rule.id) + ".md"}}},
                        {"source", "rolec"},
                        {"message", message}};
  if (!related.empty()) out["relatedInformation"] = std::move(related);
  return out;
}

position position_from(const nlohmann::json& j) {
  return {j.at("line").get<std::uint32_t>(), j.at("character").get<std::uint32_t>()};
}

range range_from(const nlohmann::json& j) { return {position_from(j.at("start")), position_from(j.at("end"))}; }

}  // namespace rolec::lsp
