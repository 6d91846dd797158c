#include "diag/render_json.hpp"

#include "util/report_text.hpp"

namespace rolec::diag {
namespace {

void put_location(nlohmann::ordered_json& j, const source_file& file, span where) {
  const position begin = file.position_of(where.begin);
  const position end = file.position_of(std::max(where.end, where.begin));
  j["file"] = util::report_path(file.name());
  j["line"] = begin.line;
  j["column"] = begin.column;
  j["end_line"] = end.line;
  j["end_column"] = end.column;
}

}  // namespace

nlohmann::ordered_json to_json(const source_manager& sources, const diagnostic& d) {
  nlohmann::ordered_json j;
  j["rule"] = info(d.rule).id;
  j["rule_name"] = info(d.rule).name;
  j["severity"] = to_string(d.level);
  j["message"] = d.message;
  put_location(j, sources.file(d.source), d.where);
  if (!d.help.empty()) j["help"] = d.help;
  if (!d.notes.empty()) {
    auto& notes = j["notes"] = nlohmann::ordered_json::array();
    for (const note& n : d.notes) {
      nlohmann::ordered_json entry;
      entry["message"] = n.message;
      if (n.where) put_location(entry, sources.file(n.source), *n.where);
      notes.push_back(std::move(entry));
    }
  }
  return j;
}

nlohmann::ordered_json to_json(const source_manager& sources, const std::vector<diagnostic>& diagnostics) {
  auto out = nlohmann::ordered_json::array();
  for (const diagnostic& d : diagnostics) out.push_back(to_json(sources, d));
  return out;
}

}  // namespace rolec::diag
