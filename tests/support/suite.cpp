#include "support/suite.hpp"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "eval/eval.hpp"
#include "eval/json.hpp"
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

namespace {

// Capabilities a case may need (the suite's `features`) that rolec does not have; such cases are
// skipped, counted and named.
std::optional<std::string> missing_feature(const nlohmann::json& c) {
  if (!c.contains("features")) return std::nullopt;
  for (const auto& f : c["features"]) {
    if (f == "internalDocuments") return "needs internal documents (the releases of a Content Lake)";
  }
  return std::nullopt;
}

std::vector<std::string> parameter_names(const nlohmann::json& params) {
  std::vector<std::string> names;
  if (params.is_object()) {
    for (const auto& item : params.items()) names.push_back(item.key());
  }
  return names;
}

eval::environment environment_for(const nlohmann::json& params, util::arena& arena) {
  eval::environment env;
  env.identity = "me";
  env.now = *eval::parse_datetime("2024-01-01T00:00:00Z");
  if (params.is_object()) {
    for (const auto& item : params.items()) env.parameters[item.key()] = eval::from_nlohmann(item.value(), arena);
  }
  return env;
}

}  // namespace

suite_report score_expression_cases() {
  suite_report report;
  report.file = "expression-cases.ndjson";
  for (const auto& c : suite_file("expression-cases.ndjson")) {
    ++report.total;
    const std::string test = c.at("test").get<std::string>();
    const std::string query = c.at("query").get<std::string>();
    const bool expect_valid = !c.contains("valid") || c["valid"].get<bool>();
    // Rejecting an invalid query needs no data, so only evaluations are ever skipped.
    if (auto why = missing_feature(c); why && expect_valid) {
      report.skipped.push_back({test, query, *why});
      continue;
    }
    const nlohmann::json params = c.contains("params") ? c["params"] : nlohmann::json();
    const auto names = parameter_names(params);
    groq::analyze_options options;
    options.parameters = &names;
    const auto parsed = groq::analyze(query, options);
    if (!expect_valid) {
      if (parsed.ok()) {
        report.failed.push_back({test, query, "accepted"});
      } else {
        ++report.passed;
      }
      continue;
    }
    if (!parsed.ok()) {
      report.failed.push_back({test, query, "rejected: " + parsed.diagnostics.front().message});
      continue;
    }
    util::arena arena;
    const eval::environment env = environment_for(params, arena);
    try {
      const eval::program program(parsed, env);
      const eval::value result = program.run({}, arena);
      const nlohmann::json actual = nlohmann::json::parse(eval::to_json(result, arena).dump());
      if (actual == c.at("result")) {
        ++report.passed;
      } else {
        report.failed.push_back({test, query, "result " + actual.dump() + ", expected " + c.at("result").dump()});
      }
    } catch (const eval::eval_error& e) {
      report.failed.push_back({test, query, "evaluation error: " + e.diagnostic.message});
    }
  }
  return report;
}

suite_report score_filter_selection_cases() {
  suite_report report;
  report.file = "filter-selection-cases.ndjson";
  std::map<std::string, nlohmann::json> datasets;
  for (const auto& d : suite_file("datasets.ndjson")) datasets[d.at("_id").get<std::string>()] = d.at("documents");
  for (const auto& c : suite_file("filter-selection-cases.ndjson")) {
    ++report.total;
    const std::string test = c.at("test").get<std::string>();
    std::string filters_text;
    for (const auto& f : c.at("filters")) filters_text += (filters_text.empty() ? "" : " ; ") + f.get<std::string>();
    if (auto why = missing_feature(c)) {
      report.skipped.push_back({test, filters_text, *why});
      continue;
    }
    const nlohmann::json params = c.contains("params") ? c["params"] : nlohmann::json();
    const auto names = parameter_names(params);
    util::arena arena;
    eval::environment env = environment_for(params, arena);
    // The reference runners sort datasets by `_id`; results that are not ordered assume it.
    std::vector<std::pair<std::string, eval::value>> documents;
    for (const auto& doc : datasets.at(c.at("dataset").get<std::string>())) {
      documents.emplace_back(doc.value("_id", ""), eval::from_nlohmann(doc, arena));
    }
    std::sort(documents.begin(), documents.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    env.dataset.emplace();
    for (const auto& [id, doc] : documents) env.dataset->push_back(doc);

    std::vector<groq::parse_result> parsed;
    std::vector<std::unique_ptr<eval::program>> programs;
    std::vector<std::string> filter_texts;
    for (const auto& f : c.at("filters")) filter_texts.push_back(f.get<std::string>());
    std::string problem;
    for (const std::string& f : filter_texts) {
      groq::analyze_options options;
      options.parameters = &names;
      parsed.push_back(groq::analyze(f, options));
      if (!parsed.back().ok()) problem = "rejected: " + parsed.back().diagnostics.front().message;
    }
    if (problem.empty()) {
      for (const auto& p : parsed) programs.push_back(std::make_unique<eval::program>(p, env));
    }
    std::vector<std::string> selected;
    try {
      for (const auto& [id, doc] : documents) {
        if (!problem.empty()) break;
        bool all = true;
        for (const auto& program : programs) all = all && program->matches(doc, arena);
        if (all) selected.push_back(id);
      }
    } catch (const eval::eval_error& e) {
      problem = "evaluation error: " + e.diagnostic.message;
    }
    auto expected = c.at("selected").get<std::vector<std::string>>();
    std::sort(expected.begin(), expected.end());
    std::sort(selected.begin(), selected.end());
    if (problem.empty() && selected == expected) {
      ++report.passed;
    } else {
      if (problem.empty()) {
        problem = "selected " + nlohmann::json(selected).dump() + ", expected " + nlohmann::json(expected).dump();
      }
      report.failed.push_back({test, filters_text, problem});
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
