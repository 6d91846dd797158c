#include "diag/render_machine.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <map>

#include "util/fingerprint.hpp"
#include "util/json_text.hpp"
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

// SARIF counts columns in code points here (the run says so with columnKind).
std::uint32_t code_point_column(const source_file& file, position p) {
  const std::string_view line = file.line_text(p.line);
  return static_cast<std::uint32_t>(util::utf8_length(line.substr(0, std::min<std::size_t>(p.column - 1, line.size())))) + 1;
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
  location["physicalLocation"]["artifactLocation"]["uri"] = file.name();
  location["physicalLocation"]["region"] = std::move(region);
  return location;
}

std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

}  // namespace

std::string render_sarif(const source_manager& sources, const std::vector<diagnostic>& diagnostics,
                         const std::string& version, const std::string& docs_base) {
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
  json log;
  log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  log["version"] = "2.1.0";
  json run;
  run["tool"]["driver"]["name"] = "rolec";
  run["tool"]["driver"]["version"] = version;
  run["tool"]["driver"]["rules"] = std::move(rules);
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  log["runs"] = json::array({std::move(run)});
  return util::json_text(log, 2) + "\n";
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
                   escape_property(file.name()), begin.line, begin.column, end.line, end.column, escape_property(title),
                   escape_data(message));
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
    std::string identity = fmt::format("{}\n{}\n{}\n{}", info(d.rule).id, file.name(), d.message, flagged);
    identity += fmt::format("\n{}", seen[identity]++);
    json issue;
    issue["type"] = "issue";
    issue["check_name"] = info(d.rule).id;
    issue["description"] = d.help.empty() ? d.message : d.message + "; help: " + d.help;
    issue["categories"] = json::array({info(d.rule).category == category::security ? "Security" : "Bug Risk"});
    issue["severity"] = d.level == severity::error ? "major" : d.level == severity::warning ? "minor" : "info";
    issue["fingerprint"] = util::fingerprint(identity);
    issue["location"]["path"] = file.name();
    issue["location"]["lines"]["begin"] = file.position_of(d.where.begin).line;
    issue["location"]["lines"]["end"] = file.position_of(std::max(d.where.end, d.where.begin)).line;
    issues.push_back(std::move(issue));
  }
  return util::json_text(issues, 2) + "\n";
}

}  // namespace rolec::diag
