// fuzz_policy_load: what `rolec lint`, `rolec build` and `rolec test` do with policy files: load
// (toml++, compiled into rolec and so instrumented), check, configure, render every format, then,
// for a policy without errors, compile and emit every target and decide the policy's tests.

#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "build/target.hpp"
#include "decide/decide.hpp"
#include "decide/explain.hpp"
#include "decide/model.hpp"
#include "decide/operations.hpp"
#include "diag/render_human.hpp"
#include "diag/render_json.hpp"
#include "diag/render_machine.hpp"
#include "eval/json.hpp"
#include "targets/common.hpp"
#include "lint/configure.hpp"
#include "lint/lint.hpp"
#include "schemas/catalog.hpp"
#include "util/json_text.hpp"

namespace rolec::fuzz {
namespace {

// Every target of the compiled policy, with the target findings configured as `rolec build` does.
void emit_all(const build::compiled& compiled, const policy::policy& p, const diag::source_manager& sources) {
  for (const build::target which : {build::target::access_api, build::target::roles_api, build::target::groups}) {
    build::output out = build::emit(which, compiled);
    out.diagnostics = lint::configure(std::move(out.diagnostics), p, sources, false);
    static_cast<void>(diag::render_human(sources, out.diagnostics));
    static_cast<void>(util::json_text(out.bundle, 2));
    for (const auto& [path, content] : out.files) static_cast<void>(util::json_text(content, 2));
  }
}

// A test's inline documents: `documents`, or `document`.
std::vector<const policy::json_value*> forms_of_test(const policy::test_case& t) {
  std::vector<const policy::json_value*> out;
  for (const policy::json_value& form : t.documents) out.push_back(&form);
  if (t.document.present) out.push_back(&t.document);
  return out;
}

// The policy's `[[tests]]` with inline documents, decided as `rolec test` decides them.
void run_tests(const resolve::resolved_policy& resolved, const build::compiled& compiled, const policy::policy& p) {
  for (const policy::test_case& t : p.tests) {
    // `document_file` is read by the command, not here.
    std::vector<nlohmann::json> documents;
    for (const policy::json_value* form : forms_of_test(t)) {
      eval::json_document document;
      std::string error;
      check(document.parse(form->json, error),
            fmt::format("the loader turned a test's document into text that is not JSON: {}: {}", error, form->json));
      documents.push_back(nlohmann::json::parse(form->json));
    }
    if (documents.empty()) continue;
    const bool ids = std::all_of(documents.begin(), documents.end(), [](const nlohmann::json& d) {
      return d.is_object() && d.contains("_id") && d["_id"].is_string();
    });
    if (!ids) continue;
    std::string error;
    const auto forms = decide::forms_of(documents, error);
    if (!forms) continue;  // `rolec test` stops with the error
    decide::context ctx;
    ctx.identity = t.identity.value;
    if (t.attributes.present) {
      ctx.attributes = nlohmann::json::parse(t.attributes.json, nullptr, false);
      check(!ctx.attributes.is_discarded(), "the loader turned a test's attributes into text that is not JSON: " + t.attributes.json);
    }
    ctx.robot = t.robot.value;
    ctx.anonymous = t.anonymous.value;
    if (t.dataset.present) ctx.dataset = t.dataset.value;
    ctx.now = "2026-01-01T00:00:00Z";
    const auto m = decide::model::make(resolved, compiled.project_id, ctx, error);
    check(m != nullptr, "no decision model: " + error);
    std::vector<std::string> roles;
    bool known = true;
    for (const policy::text& r : t.roles) {
      roles.push_back(r.value);
      known = known && m->find_role(r.value) != nullptr;
    }
    if (!known) continue;  // `rolec test` stops with "unknown role"
    util::arena arena;
    for (const auto* list : {&t.allow, &t.deny}) {
      for (const policy::text& action : *list) {
        const auto names = decide::askable_names();
        if (std::find(names.begin(), names.end(), action.value) == names.end()) continue;
        static_cast<void>(decide::allowed(*m, roles, decide::checks_of(action.value, *forms, t.live_edit.value), arena));
        const decide::explanation why = decide::explain(*m, roles, action.value, *forms, t.live_edit.value);
        static_cast<void>(decide::render_human(*m, why));
        static_cast<void>(util::json_text(decide::to_json(*m, why)));
      }
    }
  }
}

}  // namespace

int fuzz_policy_load(const std::uint8_t* data, std::size_t size) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const std::string_view part : split(text_of(data, size), "#@file\n", 8)) {
    files.emplace_back(fmt::format("{}.toml", files.size()), std::string(part));
  }
  const std::string folder = write_folder("policy", files);

  diag::source_manager sources;
  lint::lint_result linted = lint::lint({folder}, sources);
  check(linted.errors.empty(), "the scratch policy cannot be read: " + (linted.errors.empty() ? "" : linted.errors.front()));
  // What the user sees, in every format.
  static_cast<void>(diag::render_human(sources, linted.findings, {true}));
  static_cast<void>(util::json_text(diag::to_json(sources, linted.findings), 2));
  // SARIF writes the whole rule catalogue each time, which costs more than everything else here:
  // one input in 16 is enough for the part that depends on the findings.
  if (size % 16 == 0) static_cast<void>(diag::render_sarif(sources, linted.findings, "0.0.0", "https://example.com/rules/", "https://example.com/"));
  static_cast<void>(diag::render_github(sources, linted.findings));
  if (diag::has_errors(linted.findings)) {
    // `rolec test` and `rolec explain` answer a policy with errors as it stands.
    std::string error;
    if (const auto compiled = build::compile(linted.merged, linted.resolved, std::nullopt, error)) {
      run_tests(linted.resolved, *compiled, linted.merged);
    }
    return 0;
  }

  // `rolec build`: a policy without errors compiles (for the default project and every target
  // environment), and every target can be emitted.
  std::vector<std::optional<std::string>> environments{std::nullopt};
  for (const policy::target& t : linted.merged.targets) environments.emplace_back(t.name.value);
  for (const auto& env : environments) {
    std::string error;
    const auto compiled = build::compile(linted.merged, linted.resolved, env, error);
    check(compiled.has_value(), fmt::format("a policy that lints without errors does not compile for `{}`: {}",
                                            env.value_or("(default)"), error));
    emit_all(*compiled, linted.merged, sources);
    if (!env) run_tests(linted.resolved, *compiled, linted.merged);
  }
  return 0;
}

}  // namespace rolec::fuzz
