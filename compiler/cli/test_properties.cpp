#include "cli/test_properties.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "analyze/render.hpp"
#include "util/spell.hpp"

namespace rolec::cli {
namespace {

std::string roles_text(const policy::property& p) {
  std::string out;
  for (const policy::text& r : p.roles) out += fmt::format("{}`{}`", out.empty() ? "" : ", ", r.value);
  return out;
}

// The statement as the property makes it: `deny \`publish\` where _type == "settings"`.
std::string stated(const property_run& run, const statement& s) {
  std::string out = fmt::format("{} `{}`", s.allow ? "allow" : "deny", s.action->value);
  if (run.property->where) out += fmt::format(" where `{}`", run.property->where->text);
  return out;
}

// What a statement's result says, on lines after its headline.
std::string detail(const diag::source_manager& sources, const property_run& run, const statement& s) {
  const analyze::finding& f = s.found;
  if (f.result == analyze::outcome::unknown) return fmt::format("unknown: {}\n", f.reason);
  if (f.result == analyze::outcome::proved) return "proved\n";
  const analyze::witness& w = *f.counterexample;
  std::string out = fmt::format("refuted: {} may {}`{}` {}\n  asked by {}\n", roles_text(*run.property), s.allow ? "not " : "",
                                s.action->value, analyze::documents_text(w), analyze::who_text(w.who));
  if (!s.allow) out += fmt::format("  allowed by:{}\n", analyze::causes_text(w, &sources));
  return out;
}

bool statement_passed(const statement& s, bool allow_unknown) {
  return s.found.result == analyze::outcome::proved || (allow_unknown && s.found.result == analyze::outcome::unknown);
}

// Roles a property names that neither the policy nor the catalogue has stop the properties.
void check_roles(const diag::source_manager& sources, const resolve::resolved_policy& policy, const policy::property& p,
                 std::vector<std::string>& errors) {
  for (const policy::text& r : p.roles) {
    if (policy.find_role(r.value) != nullptr) continue;
    std::vector<std::string> names;
    for (const resolve::role& known : policy.roles) names.push_back(known.name());
    const auto guess = util::closest(r.value, names);
    errors.push_back(fmt::format("{}: unknown role `{}`{}", where(sources, r.at), r.value,
                                 guess ? fmt::format(" (did you mean `{}`?)", *guess) : std::string()));
  }
}

}  // namespace

std::string where(const diag::source_manager& sources, const policy::location& at) {
  const diag::position p = sources.file(at.source).position_of(at.where.begin);
  return fmt::format("{}:{}:{}", sources.file(at.source).name(), p.line, p.column);
}

std::string indented(std::string_view lines, std::string_view indent) {
  std::string out;
  for (std::size_t begin = 0; begin < lines.size();) {
    const std::size_t end = std::min(lines.find('\n', begin), lines.size());
    out += fmt::format("{}{}\n", indent, lines.substr(begin, end - begin));
    begin = end + 1;
  }
  return out;
}

analyze::outcome property_run::result() const {
  const auto any = [&](analyze::outcome o) {
    return std::any_of(statements.begin(), statements.end(), [&](const statement& s) { return s.found.result == o; });
  };
  if (any(analyze::outcome::refuted)) return analyze::outcome::refuted;
  if (any(analyze::outcome::unknown)) return analyze::outcome::unknown;
  return analyze::outcome::proved;
}

bool property_run::passed(bool allow_unknown) const {
  return std::all_of(statements.begin(), statements.end(), [&](const statement& s) { return statement_passed(s, allow_unknown); });
}

std::vector<property_run> run_properties(const built_policy& built, std::vector<std::string>& errors) {
  std::vector<property_run> runs;
  const std::vector<policy::property>& properties = built.policy.properties;
  if (properties.empty()) return runs;
  for (const policy::property& p : properties) check_roles(built.sources, built.resolved, p, errors);
  if (!errors.empty()) return runs;
  const analyze::side side{&built.resolved, built.compiled.project_id, {}};
  std::string error;
  analyze::prover prover(side, analyze::options{}, error);
  for (std::size_t i = 0; i < properties.size(); ++i) {
    const policy::property& p = properties[i];
    property_run run;
    run.property = &p;
    const diag::position at = built.sources.file(p.at.source).position_of(p.at.where.begin);
    run.name = p.name.present ? p.name.value : fmt::format("{}:{}", built.sources.file(p.at.source).name(), at.line);
    analyze::claim c;
    for (const policy::text& r : p.roles) c.roles.push_back(r.value);
    const resolve::filter* where = built.resolved.property_filters[i];
    c.where = where == nullptr ? nullptr : &where->parsed();
    if (p.robot.present) c.robot = p.robot.value;
    for (const auto& [list, allow] : {std::pair{&p.allow, true}, std::pair{&p.deny, false}}) {
      for (const policy::text& action : *list) {
        statement s{&action, allow, {}};
        if (p.roles.empty()) {
          s.found.reason = "the property names no role";
        } else if (p.where && where == nullptr) {
          s.found.reason = "its `where` filter has errors";
        } else {
          c.action = action.value;
          c.allow = allow;
          s.found = prover.prove(c);
        }
        run.statements.push_back(std::move(s));
      }
    }
    runs.push_back(std::move(run));
  }
  return runs;
}

std::string properties_human(const diag::source_manager& sources, const std::vector<property_run>& runs, bool allow_unknown,
                             bool color) {
  if (runs.empty()) return {};
  const auto paint = [color](std::string_view text, std::string_view code) {
    return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  };
  std::string out;
  int proved = 0, refuted = 0, unknown = 0;
  for (const property_run& run : runs) {
    const analyze::outcome o = run.result();
    (o == analyze::outcome::proved ? proved : o == analyze::outcome::refuted ? refuted : unknown) += 1;
    const std::string_view code = o == analyze::outcome::proved ? "1;32" : o == analyze::outcome::refuted ? "1;31" : "1;33";
    std::string label(analyze::name_of(o));
    std::transform(label.begin(), label.end(), label.begin(), [](unsigned char c) { return static_cast<char>(c - 32); });
    out += fmt::format("{} {}\n", paint(label, code), run.name);
    for (const statement& s : run.statements) {
      if (s.found.result == analyze::outcome::proved) continue;
      out += fmt::format("  {}: {}: {}", where(sources, s.action->at), stated(run, s),
                         indented(detail(sources, run, s), "  ").substr(2));
    }
  }
  out += fmt::format("{} propert{}, {} proved, {} refuted, {} unknown{}\n", runs.size(), runs.size() == 1 ? "y" : "ies",
                     proved, refuted, unknown, unknown > 0 && allow_unknown ? " (allowed)" : "");
  return out;
}

nlohmann::ordered_json properties_json(const diag::source_manager& sources, const std::vector<property_run>& runs,
                                       bool allow_unknown) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const property_run& run : runs) {
    const diag::position at = sources.file(run.property->at.source).position_of(run.property->at.where.begin);
    nlohmann::ordered_json one{{"name", run.name},
                               {"file", sources.file(run.property->at.source).name()},
                               {"line", at.line},
                               {"column", at.column},
                               {"result", analyze::name_of(run.result())},
                               {"passed", run.passed(allow_unknown)}};
    nlohmann::ordered_json results = nlohmann::ordered_json::array();
    for (const statement& s : run.statements) {
      nlohmann::ordered_json r{{"action", s.action->value},
                               {"expected", s.allow ? "allow" : "deny"},
                               {"result", analyze::name_of(s.found.result)}};
      if (s.found.counterexample) {
        r["witness"] = analyze::witness_json(*s.found.counterexample);
        nlohmann::ordered_json because = nlohmann::ordered_json::array();
        for (const analyze::cause& c : s.found.counterexample->because) {
          const analyze::site at_site = analyze::site_of(c, sources);
          because.push_back({{"permission", c.permission}, {"file", at_site.file}, {"line", at_site.line}, {"column", at_site.column}});
        }
        if (!s.allow) r["because"] = std::move(because);
        if (!one.contains("witness")) one["witness"] = r["witness"];
      }
      if (s.found.result == analyze::outcome::unknown) {
        r["reason"] = s.found.reason;
        if (!one.contains("reason")) one["reason"] = s.found.reason;
      }
      results.push_back(std::move(r));
    }
    one["results"] = std::move(results);
    list.push_back(std::move(one));
  }
  return list;
}

std::string property_failure(const diag::source_manager& sources, const property_run& run, bool allow_unknown) {
  std::string out;
  for (const statement& s : run.statements) {
    if (statement_passed(s, allow_unknown)) continue;
    out += fmt::format("{}: {}: {}", where(sources, s.action->at), stated(run, s), detail(sources, run, s));
  }
  return out;
}

}  // namespace rolec::cli
