#include "support/suite.hpp"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "groq/analyze.hpp"

namespace rolec::test {
namespace {

// The suite files are read with nlohmann-json: speed does not matter here, and it reads numbers
// outside the 64-bit integer range (which the suite's expected results contain) as doubles.
std::vector<nlohmann::json> read_lines(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path + " (set ROLEC_SHARED_DIR)");
  std::vector<nlohmann::json> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
  }
  return lines;
}

std::vector<nlohmann::json> suite_file(const std::string& name) { return read_lines(shared_dir() + "/groq-suite/" + name); }

}  // namespace

std::string shared_dir() {
#ifdef ROLEC_SHARED_DIR
  return ROLEC_SHARED_DIR;
#else
  return "../shared";
#endif
}

std::map<std::string, std::vector<std::string>> suite_parameters() {
  std::map<std::string, std::vector<std::string>> params;
  for (const char* file : {"expression-cases.ndjson", "filter-selection-cases.ndjson"}) {
    for (const auto& e : suite_file(file)) {
      auto& names = params[e.at("test").get<std::string>()];
      if (e.contains("params") && e["params"].is_object()) {
        for (const auto& item : e["params"].items()) names.push_back(item.key());
      }
    }
  }
  return params;
}

suite_report score_parse_cases() {
  suite_report report;
  report.file = "parse-cases.ndjson";
  const auto params = suite_parameters();
  for (const auto& e : suite_file("parse-cases.ndjson")) {
    ++report.total;
    const std::string test = e.at("test").get<std::string>();
    const std::string query = e.at("query").get<std::string>();
    const bool valid = e.at("valid").get<bool>();
    // A case is checked against the parameters its test supplies, where the suite records them
    // (spec ValidateParameter); without that record, parameters are not checked.
    groq::analyze_options options;
    const auto found = params.find(test);
    if (found != params.end()) options.parameters = &found->second;
    const auto result = groq::analyze(query, options);
    if (result.ok() == valid) {
      ++report.passed;
    } else {
      report.failed.push_back({test, query,
                               valid ? "rejected: " + (result.diagnostics.empty() ? std::string("?")
                                                                                   : result.diagnostics.front().message)
                                     : std::string("accepted")});
    }
  }
  return report;
}

std::vector<std::string> valid_queries() {
  std::vector<std::string> queries;
  for (const auto& e : suite_file("parse-cases.ndjson")) {
    if (e.at("valid").get<bool>()) queries.push_back(e.at("query").get<std::string>());
  }
  return queries;
}

std::vector<std::string> benchmark_filters() {
  std::vector<std::string> filters;
  for (const auto& e : read_lines(shared_dir() + "/bench/filters-10k.jsonl")) filters.push_back(e.get<std::string>());
  return filters;
}
std::string summarize(const suite_report& report, std::size_t max_listed) {
  std::string out = fmt::format("{}: {} of {} applicable cases pass ({:.2f} %), {} failed, {} skipped\n", report.file,
                                report.passed, report.applicable(), 100.0 * report.rate(), report.failed.size(),
                                report.skipped.size());
  std::size_t listed = 0;
  for (const auto& f : report.failed) {
    if (listed++ == max_listed) break;
    out += fmt::format("  failed {}: {}\n    {}\n", f.test, f.reason, f.query);
  }
  for (const auto& s : report.skipped) {
    if (listed++ == max_listed) break;
    out += fmt::format("  skipped {}: {}\n", s.test, s.reason);
  }
  return out;
}

}  // namespace rolec::test
