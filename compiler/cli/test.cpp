#include "cli/test.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/build.hpp"
#include "cli/test_properties.hpp"
#include "decide/decide.hpp"
#include "decide/explain.hpp"
#include "decide/project.hpp"
#include "eval/json.hpp"
#include "schemas/catalog.hpp"
#include "util/file.hpp"
#include "util/json_text.hpp"
#include "util/spell.hpp"

namespace rolec::cli {
namespace {

/// One `allow` or `deny` entry of a test, and what the policy decided.
struct outcome {
  const policy::text* action = nullptr;
  bool expected_allow = false;
  bool actual_allow = false;
  std::string document_id;
  std::string why;  ///< for failures only: what `rolec explain` says, one line each
  std::string not_run;  ///< why it could not be decided (an error of the policy in this test): a failure

  [[nodiscard]] bool passed() const { return not_run.empty() && expected_allow == actual_allow; }
};

/// A test with the document and context it runs with, read and checked before anything runs.
struct prepared {
  const policy::test_case* test = nullptr;
  std::string name;
  decide::document_forms forms;  ///< the forms of the document asked about
  decide::context context;
  std::string context_key;  ///< equal for tests that can share a model
  std::string not_run;      ///< why none of its expectations can be decided (the policy's errors say more)
  std::vector<outcome> outcomes;

  [[nodiscard]] bool passed() const {
    return std::all_of(outcomes.begin(), outcomes.end(), [](const outcome& o) { return o.passed(); });
  }
};

std::string_view verdict(bool allow) { return allow ? "allow" : "deny"; }

std::string file_of(const diag::source_manager& sources, const policy::location& at) {
  return sources.file(at.source).name();
}

diag::position position_of(const diag::source_manager& sources, const policy::location& at) {
  return sources.file(at.source).position_of(at.where.begin);
}

// The document of a test: inline, read from `document_file` now, or the forms of `documents`.
// Problems become `errors`.
void read_document(const diag::source_manager& sources, prepared& p, std::vector<std::string>& errors) {
  const policy::test_case& t = *p.test;
  std::vector<nlohmann::json> documents;
  for (const policy::json_value& form : t.documents) documents.push_back(nlohmann::json::parse(form.json));
  if (t.document.present) documents.push_back(nlohmann::json::parse(t.document.json));
  if (t.document_file.present) {
    std::string error;
    auto content = util::read_file(t.document_path, error);
    if (!content) {
      errors.push_back(fmt::format("{}: cannot read the document: {}", where(sources, t.document_file.at), error));
      return;
    }
    eval::json_document check;
    if (!check.parse(*content, error)) {
      errors.push_back(fmt::format("{}: `{}` is not JSON: {}", where(sources, t.document_file.at), t.document_path, error));
      return;
    }
    nlohmann::json document = nlohmann::json::parse(*content, nullptr, false);
    if (!document.is_object() || !document.contains("_id") || !document["_id"].is_string()) {
      errors.push_back(fmt::format("{}: `{}` is not a document: a JSON object with an `_id` string",
                                   where(sources, t.document_file.at), t.document_path));
      return;
    }
    documents.push_back(std::move(document));
  }
  // Inline documents without an `_id`: the loader reported them (the policy has errors).
  for (const nlohmann::json& d : documents) {
    if (!d.is_object() || !d.contains("_id") || !d["_id"].is_string()) {
      p.not_run = "a document of this test has no `_id`";
      return;
    }
  }
  // A test of project permissions only (`sanity-project-tokens.create`) needs no document.
  const auto about_documents = [](const std::vector<policy::text>& names) {
    return std::any_of(names.begin(), names.end(), [](const policy::text& n) { return !decide::names_project_permission(n.value); });
  };
  if (documents.empty()) {
    if (about_documents(t.allow) || about_documents(t.deny)) p.not_run = "this test has no document";
    return;
  }
  std::string error;
  auto forms = decide::forms_of(documents, error);
  if (!forms) {
    errors.push_back(fmt::format("{}: {}", where(sources, t.documents.empty() ? t.at : t.documents.front().at), error));
    return;
  }
  p.forms = std::move(*forms);
}

prepared prepare(const diag::source_manager& sources, const policy::test_case& t, std::vector<std::string>& errors) {
  prepared p;
  p.test = &t;
  const diag::position at = position_of(sources, t.at);
  p.name = t.name.present ? t.name.value : fmt::format("{}:{}", file_of(sources, t.at), at.line);
  read_document(sources, p, errors);
  p.context.identity = t.identity.value;
  if (t.attributes.present) p.context.attributes = nlohmann::json::parse(t.attributes.json);
  p.context.robot = t.robot.value;
  p.context.anonymous = t.anonymous.value;
  if (t.anonymous.value && !t.roles.empty()) p.not_run = "an anonymous visitor holds no role, and this test names some";
  if (!t.anonymous.value && t.roles.empty()) p.not_run = "this test names no role";
  if (t.dataset.present) p.context.dataset = t.dataset.value;
  p.context_key = fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}{}", t.identity.value, t.attributes.json, t.robot.value,
                              t.anonymous.value, t.dataset.present, t.dataset.value);
  return p;
}

// Roles that neither the policy nor the catalogue has stop the tests: the test itself is wrong.
void check_roles(const diag::source_manager& sources, const decide::model& m, const policy::test_case& t,
                 std::vector<std::string>& errors) {
  for (const policy::text& r : t.roles) {
    if (m.find_role(r.value) != nullptr) continue;
    std::vector<std::string> names;
    for (const decide::role& known : m.roles()) names.push_back(known.name);
    const auto guess = util::closest(r.value, names);
    errors.push_back(fmt::format("{}: unknown role `{}`{}", where(sources, r.at), r.value,
                                 guess ? fmt::format(" (did you mean `{}`?)", *guess) : std::string()));
  }
}

// What a test expects must be a document action, an operation, or a project permission's action;
// the loader reports other names, and a policy with errors still runs its tests.
void check_expectations(const diag::source_manager& sources, const resolve::resolved_policy& policy,
                        const policy::test_case& t, std::vector<std::string>& errors) {
  for (const auto* list : {&t.allow, &t.deny}) {
    for (const policy::text& a : *list) {
      if (decide::names_project_permission(a.value)) {
        std::string error;
        if (!decide::project_question_of(policy, a.value, error)) errors.push_back(fmt::format("{}: {}", where(sources, a.at), error));
      }  // other unknown names: the loader reports them, and they are not run
    }
  }
}

std::vector<std::string> role_names(const policy::test_case& t) {
  std::vector<std::string> out;
  for (const policy::text& r : t.roles) out.push_back(r.value);
  return out;
}

outcome run_one(const decide::model& m, const resolve::resolved_policy& policy, const prepared& p,
                const policy::text& action, bool expected_allow, util::arena& arena) {
  outcome o;
  o.action = &action;
  o.expected_allow = expected_allow;
  const std::vector<std::string> names = decide::askable_names();
  if (!p.not_run.empty()) {
    o.not_run = p.not_run;
    return o;
  }
  if (!decide::names_project_permission(action.value) && std::find(names.begin(), names.end(), action.value) == names.end()) {
    o.not_run = fmt::format("there is no action `{}`", action.value);
    return o;
  }
  const std::vector<std::string> roles = role_names(*p.test);
  std::string error;
  if (const auto q = decide::names_project_permission(action.value) ? decide::project_question_of(policy, action.value, error) : std::nullopt) {
    o.document_id.clear();  // about the project, no document
    const decide::project_answer answer = decide::decide_project(policy, roles, p.context.robot, *q);
    o.actual_allow = answer.allowed && !p.context.anonymous;
    if (!o.passed()) o.why = decide::render_human(answer);
    return o;
  }
  const bool live_edit = p.test->live_edit.value;
  const std::vector<decide::check> checks = decide::checks_of(action.value, p.forms, live_edit);
  // The id the answer is about: the one form checked, or the document as a whole.
  o.document_id = checks.size() == 1 && checks[0].document ? checks[0].id : p.forms.id;
  o.actual_allow = decide::allowed(m, roles, checks, arena);
  // Only failures are explained: the grants that allowed it, or every grant that could have.
  if (!o.passed()) o.why = decide::render_human(m, decide::explain(m, roles, action.value, p.forms, live_edit));
  return o;
}

std::string headline(const outcome& o) {
  if (!o.not_run.empty()) {
    return fmt::format("`{}`: expected {}, not run: {} (see the policy's errors)", o.action->value, verdict(o.expected_allow),
                       o.not_run);
  }
  if (o.document_id.empty()) {
    return fmt::format("`{}`: expected {}, got {}", o.action->value, verdict(o.expected_allow), verdict(o.actual_allow));
  }
  return fmt::format("`{}` on `{}`: expected {}, got {}", o.action->value, o.document_id, verdict(o.expected_allow),
                     verdict(o.actual_allow));
}

std::string plural(std::size_t n, std::string_view word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

std::string human_report(const diag::source_manager& sources, const std::vector<prepared>& tests,
                         const std::vector<property_run>& properties, bool allow_unknown, bool color) {
  const auto paint = [color](std::string_view text, std::string_view code) {
    return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  };
  std::string out;
  std::size_t passed = 0;
  for (const prepared& t : tests) {
    const bool ok = t.passed();
    passed += ok;
    out += fmt::format("{} {}\n", ok ? paint("PASS", "1;32") : paint("FAIL", "1;31"), t.name);
    for (const outcome& o : t.outcomes) {
      if (o.passed()) continue;
      out += fmt::format("  {}: {}\n", where(sources, o.action->at), headline(o));
      out += indented(o.why, "    ");
    }
  }
  out += properties_human(sources, properties, allow_unknown, color);
  if (!tests.empty() || properties.empty()) {
    out += fmt::format("{}, {} passed, {} failed\n", plural(tests.size(), "test"), passed, tests.size() - passed);
  }
  return out;
}

std::string json_report(const diag::source_manager& sources, const std::vector<prepared>& tests,
                        const std::vector<property_run>& properties, bool allow_unknown) {
  nlohmann::ordered_json j;
  j["format_version"] = "1";
  auto& list = j["tests"] = nlohmann::ordered_json::array();
  std::size_t passed = 0;
  for (const prepared& t : tests) {
    passed += t.passed();
    const diag::position at = position_of(sources, t.test->at);
    nlohmann::ordered_json results = nlohmann::ordered_json::array();
    for (const outcome& o : t.outcomes) {
      nlohmann::ordered_json one{{"action", o.action->value},
                                 {"expected", verdict(o.expected_allow)},
                                 {"actual", o.not_run.empty() ? nlohmann::ordered_json(verdict(o.actual_allow)) : nullptr},
                                 {"passed", o.passed()}};
      if (!o.not_run.empty()) one["not_run"] = o.not_run;
      results.push_back(std::move(one));
    }
    list.push_back({{"name", t.name},
                    {"file", file_of(sources, t.test->at)},
                    {"line", at.line},
                    {"column", at.column},
                    {"passed", t.passed()},
                    {"results", std::move(results)}});
  }
  j["properties"] = properties_json(sources, properties, allow_unknown);
  const auto counted = [&](analyze::outcome o) {
    return std::count_if(properties.begin(), properties.end(), [&](const property_run& p) { return p.result() == o; });
  };
  j["summary"] = {{"tests", tests.size()},
                  {"passed", passed},
                  {"failed", tests.size() - passed},
                  {"properties", properties.size()},
                  {"proved", counted(analyze::outcome::proved)},
                  {"refuted", counted(analyze::outcome::refuted)},
                  {"unknown", counted(analyze::outcome::unknown)}};
  return util::json_text(j, 2) + "\n";
}

// Text for XML content (and, with `attribute`, attribute values in double quotes); characters
// XML 1.0 cannot hold become U+FFFD.
std::string xml(std::string_view text, bool attribute = true) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') {
          out += "\xEF\xBF\xBD";
        } else {
          out += c;
        }
    }
  }
  return out;
}

// One <testcase>: a test, or a property.
struct junit_case {
  std::string file;
  std::string name;
  std::uint32_t line = 0;
  std::string failure_message;  ///< empty: passed
  std::string failure_text;
  std::string skipped;          ///< a property left unknown, with `--allow-unknown`: why
};

junit_case junit_of(const diag::source_manager& sources, const prepared& t) {
  junit_case c{file_of(sources, t.test->at), t.name, position_of(sources, t.test->at).line, {}, {}, {}};
  std::vector<std::string> headlines;
  for (const outcome& o : t.outcomes) {
    if (o.passed()) continue;
    headlines.push_back(headline(o));
    c.failure_text += fmt::format("{}: {}\n", where(sources, o.action->at), headline(o));
    c.failure_text += indented(o.why, "  ");
  }
  c.failure_message = fmt::format("{}", fmt::join(headlines, "; "));
  return c;
}

junit_case junit_of(const diag::source_manager& sources, const property_run& p, bool allow_unknown) {
  junit_case c{file_of(sources, p.property->at), p.name, position_of(sources, p.property->at).line, {}, {}, {}};
  if (!p.passed(allow_unknown)) {
    c.failure_message = fmt::format("property {}", analyze::name_of(p.result()));
    c.failure_text = property_failure(sources, p, allow_unknown);
  } else if (p.result() == analyze::outcome::unknown) {
    c.skipped = property_failure(sources, p, false);
    while (!c.skipped.empty() && c.skipped.back() == '\n') c.skipped.pop_back();
  }
  return c;
}

// JUnit XML as CI servers read it: one <testsuite> per policy file, one <testcase> per test and
// per property, and a <failure> holding every failed expectation or statement of one.
std::string junit_report(const std::vector<junit_case>& cases) {
  std::map<std::string, std::vector<const junit_case*>> by_file;
  std::vector<std::string> files;  // in the order the cases come
  for (const junit_case& c : cases) {
    if (by_file.count(c.file) == 0) files.push_back(c.file);
    by_file[c.file].push_back(&c);
  }
  const auto failures = [](const std::vector<const junit_case*>& list) {
    return std::count_if(list.begin(), list.end(), [](const junit_case* c) { return !c->failure_message.empty(); });
  };
  const auto skips = [](const std::vector<const junit_case*>& list) {
    return std::count_if(list.begin(), list.end(), [](const junit_case* c) { return !c->skipped.empty(); });
  };
  std::vector<const junit_case*> all;
  for (const junit_case& c : cases) all.push_back(&c);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"rolec test\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n", cases.size(),
                     failures(all));
  for (const std::string& file : files) {
    const auto& list = by_file[file];
    out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n", xml(file),
                       list.size(), failures(list), skips(list));
    for (const junit_case* c : list) {
      out += fmt::format("    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{}\"", xml(c->name), xml(file),
                         xml(file), c->line);
      if (!c->skipped.empty()) {
        out += fmt::format(">\n      <skipped message=\"{}\"/>\n    </testcase>\n", xml(c->skipped));
      } else if (c->failure_message.empty()) {
        out += "/>\n";
      } else {
        out += fmt::format(">\n      <failure message=\"{}\" type=\"expectation\">{}</failure>\n    </testcase>\n",
                           xml(c->failure_message), xml(c->failure_text, false));
      }
    }
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

}  // namespace

int run_test(const test_options& options) {
  int status = exit_ok;
  std::size_t policy_errors = 0;  // a policy with errors is tested as it stands, and fails
  const auto built = resolve_for_decisions(options.paths, options.env, status, policy_errors);
  if (!built) return status;
  const diag::source_manager& sources = built->sources;

  // Read every document and check every role first: a test that cannot run stops them all.
  std::vector<std::string> errors;
  std::vector<prepared> tests;
  for (const policy::test_case& t : built->policy.tests) tests.push_back(prepare(sources, t, errors));
  std::map<std::string, std::unique_ptr<decide::model>> models;  // one per context
  for (prepared& t : tests) {
    t.context.public_dataset = t.context.dataset && built->compiled.is_public(*t.context.dataset);
    auto& m = models[t.context_key];
    if (m == nullptr) {
      std::string error;
      m = decide::model::make(built->resolved, built->compiled.project_id, t.context, error);
      if (m == nullptr) {
        print_error(error);
        return exit_failure;
      }
    }
    check_roles(sources, *m, *t.test, errors);
    check_expectations(sources, built->resolved, *t.test, errors);
  }
  if (!errors.empty()) {
    for (const std::string& e : errors) print_error(e);
    return exit_failure;
  }

  std::vector<property_run> properties = run_properties(*built, errors);
  if (!errors.empty()) {
    for (const std::string& e : errors) print_error(e);
    return exit_failure;
  }

  bool failed = false;
  for (prepared& t : tests) {
    util::arena arena;
    const decide::model& m = *models[t.context_key];
    for (const policy::text& a : t.test->allow) t.outcomes.push_back(run_one(m, built->resolved, t, a, true, arena));
    for (const policy::text& a : t.test->deny) t.outcomes.push_back(run_one(m, built->resolved, t, a, false, arena));
    failed = failed || !t.passed();
  }
  for (const property_run& p : properties) failed = failed || !p.passed(options.allow_unknown);

  std::string out;
  switch (options.output) {
    case test_format::human:
      out = human_report(sources, tests, properties, options.allow_unknown, use_color(stdout));
      break;
    case test_format::json: out = json_report(sources, tests, properties, options.allow_unknown); break;
    case test_format::junit: {
      std::vector<junit_case> cases;
      for (const prepared& t : tests) cases.push_back(junit_of(sources, t));
      for (const property_run& p : properties) cases.push_back(junit_of(sources, p, options.allow_unknown));
      out = junit_report(cases);
      break;
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return failed || policy_errors > 0 ? exit_findings : exit_ok;
}

}  // namespace rolec::cli
