#include "diag/render_machine.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <map>

#include "util/fingerprint.hpp"
#include "util/json_text.hpp"
#include "util/report_text.hpp"
#include "util/utf8.hpp"

namespace rolec::diag {
namespace {

using json = nlohmann::ordered_json;

std::string_view sarif_level(severity s) {
  switch (s) {
    case severity::error: return "error";
    case severity::warning: return "warning";
    default: return "note";
  }
}

json sarif_location(const source_file& file, span where) {
  const position begin = file.position_of(where.begin);
  const position end = file.position_of(std::max(where.end, where.begin));
  json region;
  region["startLine"] = begin.line;
  region["startColumn"] = code_point_column(file, begin);
  region["endLine"] = end.line;
  region["endColumn"] = code_point_column(file, end);
  json location;
  location["physicalLocation"]["artifactLocation"] = sarif_artifact(file.name());
  location["physicalLocation"]["region"] = std::move(region);
  return location;
}

}  // namespace

std::uint32_t code_point_column(const source_file& file, position p) {
  const std::string_view line = file.line_text(p.line);
  return static_cast<std::uint32_t>(util::utf8_length(line.substr(0, std::min<std::size_t>(p.column - 1, line.size())))) + 1;
}

json sarif_artifact(std::string_view file) {
  json out;
  if (file == "<stdin>") {
    out["description"]["text"] = "standard input";
    return out;
  }
  const std::string path = util::report_path(file);
  out["uri"] = path.starts_with('/') ? util::file_uri(path) : util::uri_reference(path);
  return out;
}

json sarif_log(const std::string& version, const std::string& home, json rules, json results) {
  json run;
  run["tool"]["driver"]["name"] = "rolec";
  run["tool"]["driver"]["version"] = version;
  run["tool"]["driver"]["informationUri"] = home;
  run["tool"]["driver"]["rules"] = std::move(rules);
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  json log;
  log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  log["version"] = "2.1.0";
  log["runs"] = json::array({std::move(run)});
  return log;
}

std::string render_sarif(const source_manager& sources, const std::vector<diagnostic>& diagnostics,
                         const std::string& version, const std::string& docs_base, const std::string& home) {
  json rules = json::array();
  for (const rule_info& r : all_rules()) {
    json entry;
    entry["id"] = r.id;
    entry["name"] = r.name;
    entry["shortDescription"]["text"] = r.summary;
    entry["helpUri"] = docs_base + std::string(r.id) + ".md";
    entry["defaultConfiguration"]["level"] = sarif_level(r.default_severity);
    entry["properties"]["category"] = to_string(r.category);
    rules.push_back(std::move(entry));
  }
  json results = json::array();
  for (const diagnostic& d : diagnostics) {
    const source_file& file = sources.file(d.source);
    json result;
    result["ruleId"] = info(d.rule).id;
    result["ruleIndex"] = static_cast<std::size_t>(d.rule);
    result["level"] = sarif_level(d.level);
    result["message"]["text"] = d.help.empty() ? d.message : d.message + "; help: " + d.help;
    result["locations"] = json::array({sarif_location(file, d.where)});
    if (!d.notes.empty()) {
      json related = json::array();
      int id = 0;
      for (const note& n : d.notes) {
        if (!n.where) continue;
        json location = sarif_location(sources.file(n.source), *n.where);
        location["id"] = id++;
        location["message"]["text"] = n.message;
        related.push_back(std::move(location));
      }
      if (!related.empty()) result["relatedLocations"] = std::move(related);
    }
    results.push_back(std::move(result));
  }
  return util::json_text(sarif_log(version, home, std::move(rules), std::move(results)), 2) + "\n";
}

std::string render_github(const source_manager& sources, const std::vector<diagnostic>& diagnostics) {
  std::string out;
  for (const diagnostic& d : diagnostics) {
    const source_file& file = sources.file(d.source);
    const position begin = file.position_of(d.where.begin);
    const position end = file.position_of(std::max(d.where.end, d.where.begin));
    const std::string_view command = d.level == severity::error ? "error" : d.level == severity::warning ? "warning" : "notice";
    const std::string title = fmt::format("{} {}", info(d.rule).id, info(d.rule).name);
    const std::string message = d.help.empty() ? d.message : d.message + "\n" + d.help;
    fmt::format_to(std::back_inserter(out), "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n", command,
                   util::workflow_property(util::report_path(file.name())), begin.line, begin.column, end.line, end.column, util::workflow_property(title),
                   util::workflow_data(message));
  }
  return out;
}

std::string render_gitlab(const source_manager& sources, const std::vector<diagnostic>& diagnostics) {
  json issues = json::array();
  std::map<std::string, int> seen;  // the same finding twice in a file gets a second identity
  for (const diagnostic& d : diagnostics) {
    const source_file& file = sources.file(d.source);
    const std::string_view text = file.text();
    const std::string_view flagged = text.substr(std::min<std::size_t>(d.where.begin, text.size()),
                                                 d.where.end > d.where.begin ? d.where.size() : 0);
    const std::string path = util::report_path(file.name());
    std::string identity = fmt::format("{}\n{}\n{}\n{}", info(d.rule).id, path, d.message, flagged);
    identity += fmt::format("\n{}", seen[identity]++);
    json issue;
    issue["type"] = "issue";
    issue["check_name"] = info(d.rule).id;
    issue["description"] = d.help.empty() ? d.message : d.message + "; help: " + d.help;
    issue["categories"] = json::array({info(d.rule).category == category::security ? "Security" : "Bug Risk"});
    issue["severity"] = d.level == severity::error ? "major" : d.level == severity::warning ? "minor" : "info";
    issue["fingerprint"] = util::fingerprint(identity);
    issue["location"]["path"] = path;
    issue["location"]["lines"]["begin"] = file.position_of(d.where.begin).line;
    issue["location"]["lines"]["end"] = file.position_of(std::max(d.where.end, d.where.begin)).line;
    issues.push_back(std::move(issue));
  }
  return util::json_text(issues, 2) + "\n";
}

}  // namespace rolec::diag
