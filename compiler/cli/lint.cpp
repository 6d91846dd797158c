#include "cli/lint.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>

#include <optional>

#include "analyze/lint.hpp"
#include "diag/render_human.hpp"
#include "diag/render_json.hpp"
#include "diag/render_machine.hpp"
#include "lint/lint.hpp"
#include "policy/load.hpp"
#include "util/atomic_file.hpp"
#include "util/json_text.hpp"
#include "util/spell.hpp"
#include "util/version.hpp"

namespace rolec::cli {
namespace {

std::string plural(std::size_t n, std::string_view word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

// The rule levels of the shared settings file (`--config`, or the `.rolec.toml` found), or
// nothing, with the file's mistakes printed, when it cannot be used.
std::optional<std::vector<lint::level_override>> shared_levels(const lint_options& options) {
  const std::optional<std::string> path = options.no_config ? std::nullopt : options.config ? options.config : policy::find_settings(".");
  if (!path) return std::vector<lint::level_override>{};
  diag::source_manager sources;
  policy::load_result loaded = policy::load_settings(*path, sources);
  if (!loaded.errors.empty()) {
    for (const std::string& e : loaded.errors) print_error(e);
    return std::nullopt;
  }
  // Linted as a policy of `[lint]` alone: a key, a type, a rule or a level that is wrong is
  // reported at its place, as in a policy file.
  const lint::lint_result checked = lint::lint_loaded(std::move(loaded), sources);
  if (diag::has_errors(checked.findings)) {
    print_text(diag::render_human(sources, checked.findings, {use_color(stderr)}), stderr);
    print_error(fmt::format("the lint settings of {} cannot be used", *path));
    return std::nullopt;
  }
  return lint::levels_of(checked.merged);
}

}  // namespace

int run_lint(const lint_options& options) {
  lint::outside_levels outside;
  if (auto shared = shared_levels(options)) {
    outside.shared = std::move(*shared);
  } else {
    return exit_failure;
  }
  // `--enable-rule` and `--disable-rule`, by id or name, in order: the last for a rule wins.
  std::vector<lint::level_override>& overrides = outside.command_line;
  for (const auto& [name, enable] : options.rule_switches) {
    const auto r = diag::find_rule(name);
    if (!r) {
      std::vector<std::string> known;
      for (const diag::rule_info& info : diag::all_rules()) known.insert(known.end(), {std::string(info.id), std::string(info.name)});
      const auto guess = util::closest(name, known);
      print_error(fmt::format("`{}` is not a rule; {}", name,
                              guess ? fmt::format("did you mean `{}`?", *guess) : std::string("`rolec rules` lists them")));
      return exit_failure;
    }
    overrides.emplace_back(*r, enable ? diag::info(*r).default_severity : diag::severity::off);
  }
  diag::source_manager sources;
  lint::lint_result linted = lint::lint(options.paths, sources, analyze::refine_findings, outside);
  if (!linted.errors.empty()) {
    for (const std::string& e : linted.errors) print_error(e);
    return exit_failure;
  }
  const std::vector<diag::diagnostic>& findings = linted.findings;

  std::size_t errors = 0, warnings = 0, infos = 0;
  bool failed = false;
  for (const diag::diagnostic& d : findings) {
    errors += d.level == diag::severity::error;
    warnings += d.level == diag::severity::warning;
    infos += d.level == diag::severity::info;
    failed = failed || d.level >= options.fail_level;
  }
  std::string out;
  switch (options.output) {
    case lint_format::human: {
      out = diag::render_human(sources, findings, {!options.output_file && use_color(stdout)});
      if (options.quiet) break;
      const auto& p = linted.merged;
      // Only the severities that occur are counted, as compilers do: "2 errors, 1 warning".
      std::vector<std::string> counts;
      if (errors != 0) counts.push_back(plural(errors, "error"));
      if (warnings != 0) counts.push_back(plural(warnings, "warning"));
      if (infos != 0) counts.push_back(plural(infos, "info"));
      out += fmt::format("checked {} ({}, {}): {}\n", plural(p.files.size(), "file"), plural(p.roles.size(), "role"),
                         plural(p.permissions.size(), "permission"),
                         counts.empty() ? std::string("no findings") : fmt::format("{}", fmt::join(counts, ", ")));
      break;
    }
    case lint_format::json: {
      nlohmann::ordered_json j;
      j["format_version"] = "1";
      j["diagnostics"] = diag::to_json(sources, findings);
      j["summary"] = {{"errors", errors}, {"warnings", warnings}, {"infos", infos}};
      out = util::json_text(j, 2) + "\n";
      break;
    }
    case lint_format::sarif: {
      const std::string docs = rules_url(options.docs_base);
      out = diag::render_sarif(sources, findings, std::string(util::version()), docs, docs + "README.md");
      break;
    }
    case lint_format::github: out = diag::render_github(sources, findings); break;
    case lint_format::gitlab: out = diag::render_gitlab(sources, findings); break;
  }
  if (options.output_file) {
    std::string error;
    if (!util::write_file_atomic(*options.output_file, out, error)) {
      print_error(error);
      return exit_failure;
    }
  } else {
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  return failed ? exit_findings : exit_ok;
}

int run_rules(bool json) {
  if (json) {
    nlohmann::ordered_json j;
    j["format_version"] = "1";
    auto& rules = j["rules"] = nlohmann::ordered_json::array();
    for (const auto& r : diag::all_rules()) {
      rules.push_back({{"id", r.id},
                       {"name", r.name},
                       {"category", diag::to_string(r.category)},
                       {"severity", diag::to_string(r.default_severity)},
                       {"summary", r.summary},
                       {"docs", diag::docs_path(r.which)}});
    }
    std::puts(util::json_text(j, 2).c_str());
    return exit_ok;
  }
  std::string out = fmt::format("{:<6} {:<26} {:<9} {:<8} {}\n", "ID", "NAME", "CATEGORY", "SEVERITY", "SUMMARY");
  for (const auto& r : diag::all_rules()) {
    out += fmt::format("{:<6} {:<26} {:<9} {:<8} {}\n", r.id, r.name, diag::to_string(r.category),
                       diag::to_string(r.default_severity), r.summary);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return exit_ok;
}

}  // namespace rolec::cli
