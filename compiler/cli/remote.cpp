#include "cli/remote.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>
#include <set>

#include "access/pull.hpp"
#include "adopt/import.hpp"
#include "adopt/live.hpp"
#include "apply/apply.hpp"
#include "build/compile.hpp"
#include "cli/build.hpp"
#include "cli/connection.hpp"
#include "cli/plan_access.hpp"
#include "cli/progress.hpp"
#include "plan/plan.hpp"
#include "schemas/catalog.hpp"
#include "util/atomic_file.hpp"
#include "util/file.hpp"
#include "util/json_read.hpp"
#include "util/json_text.hpp"

namespace rolec::cli {
namespace {

// Reads the live state of a project through `api` into the form plan and import read.
std::optional<adopt::live_state> fetch_live(access::client& api, const std::string& project_id,
                                            const std::string& api_version, nlohmann::ordered_json& document) {
  progress_line progress;
  const access::outcome pulled = access::pull(api, project_id, api_version, document, [&](std::string_view listing, std::size_t items) {
    progress.show(fmt::format("reading project `{}`: {} {}", project_id, items, listing));
  });
  progress.clear();
  if (!pulled.ok) {
    print_error(pulled.error);
    return std::nullopt;
  }
  adopt::live_state live;
  std::string error;
  if (!adopt::parse_live(util::json_text(document), fmt::format("project {}", project_id), live, error)) {
    print_error(error);
    return std::nullopt;
  }
  return live;
}

bool write_output(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return true;
  }
  std::string error;
  if (util::write_file_atomic(path, text, error)) return true;
  print_error(error);
  return false;
}

}  // namespace

int run_pull(const pull_options& options) {
  const std::string version = options.api_version.empty() ? build::default_api_version : options.api_version;
  auto api = connect(options.connection, options.project, version);
  if (!api) return exit_failure;
  nlohmann::ordered_json document;
  if (!fetch_live(*api->client, options.project, version, document)) return exit_failure;
  return write_output(options.output, util::json_text(document, 2) + "\n") ? exit_ok : exit_failure;
}

int run_plan(const plan_options& options) {
  int status = exit_ok;
  auto built = build_policy(options.paths, options.env, build::target::access_api, status);
  if (!built) return status;
  const std::string version = built->compiled.api_version;
  std::optional<adopt::live_state> live;
  std::string project = options.project;
  if (!options.live.empty()) {
    std::string error;
    live = adopt::read_live({options.live}, error);
    if (!live) {
      print_error(error);
      return exit_failure;
    }
    if (project.empty()) project = live->resource_id.value_or(built->compiled.project_id.value_or(""));
  } else {
    if (project.empty()) project = built->compiled.project_id.value_or("");
    if (project.empty()) {
      print_error("no project: give --project ID or --live FILE, or set [project] id (or a target's project with --env)");
      return exit_failure;
    }
    auto api = connect(options.connection, project, version);
    if (!api) return exit_failure;
    nlohmann::ordered_json document;
    live = fetch_live(*api->client, project, version, document);
    if (!live) return exit_failure;
  }
  // Memberships and robots are checked and built, but plan does not yet compare them with the
  // live project: say so rather than show a plan that looks complete.
  if (built->compiled.members_managed || !built->compiled.robots.empty()) {
    print_text("rolec: warning: this plan leaves members and robots as they are: `[members]` and `[robots]` are "
               "checked and built, but not yet planned or applied (docs/members.md)\n",
               stderr);
  }
  plan::settings choices;
  choices.exclusive = built->policy.exclusive.present && built->policy.exclusive.value;
  for (const auto& name : built->policy.protected_roles) choices.protected_roles.insert(name.value);
  for (const auto& role : built->policy.roles) {
    if (role.protect.present && role.protect.value) choices.protected_roles.insert(role.name.value);
  }
  plan::desired_state desired;
  for (const resolve::permission* perm : built->compiled.permissions) desired.permissions.push_back(perm->api_value());
  for (const resolve::role* role : built->compiled.roles) desired.roles.push_back(role->api_value());
  // The policy's filters were parsed by resolve; the live ones are parsed here, once each. The
  // plan first says which roles it deletes; the live roles it keeps are analysed as they stay.
  const plan::plan first = plan::make_plan(desired, *live, schemas::builtin(), choices, built->resolved.filters);
  std::set<std::string> kept;
  for (const model::role& r : live->roles) {
    const bool defined = std::any_of(desired.roles.begin(), desired.roles.end(), [&](const model::role& d) { return d.name == r.name; });
    const bool deleted = std::any_of(first.changes.begin(), first.changes.end(), [&](const plan::change& c) {
      return c.what == plan::action::remove && c.resource == access::kind::role && c.name == r.name;
    });
    if (!defined && !deleted && adopt::is_custom(r, schemas::builtin())) kept.insert(r.name);
  }
  // What the plan does to document access, proved: a failure to analyse leaves the plan's own
  // reading of each change's form, and says so.
  std::string analysis_error;
  const auto analysis = analyse_access(*live, *built, kept, analysis_error);
  if (!analysis) print_text(fmt::format("rolec: warning: access not analysed: {}\n", analysis_error), stderr);
  plan::plan p = plan::make_plan(desired, *live, schemas::builtin(), choices, built->resolved.filters,
                                 analysis ? &*analysis : nullptr);
  p.project_id = project;
  p.api_version = version;

  const std::string shown = options.output_format == format::json ? util::json_text(plan::to_json(p), 2) + "\n"
                                                                    : plan::render_human(p, use_color(stdout));
  std::fwrite(shown.data(), 1, shown.size(), stdout);
  if (!p.refused.empty()) {
    print_error(fmt::format("the plan refuses {} deletion{}{}", p.refused.size(), p.refused.size() == 1 ? "" : "s",
                            options.output.empty() ? "" : fmt::format("; {} was not written", options.output)));
    return exit_findings;
  }
  if (!options.output.empty()) {
    std::string error;
    if (!util::write_file_atomic(options.output, util::json_text(plan::to_json(p), 2) + "\n", error)) {
      print_error(error);
      return exit_failure;
    }
  }
  return options.detailed_exitcode && !p.changes.empty() ? exit_changes : exit_ok;
}

int run_apply(const apply_options& options) {
  std::string error;
  const auto text = util::read_file(options.plan_file, error);
  if (!text) {
    print_error(error);
    return exit_failure;
  }
  // Everything that can be wrong with the file is found here, before the network is touched.
  util::json_error why;
  const auto parsed = util::parse_json<nlohmann::json>(*text, why);
  if (!parsed) {
    print_error(fmt::format("{}:{}:{}: not a plan file: {}", options.plan_file, why.at.line, why.at.column, why.reason));
    return exit_failure;
  }
  auto p = plan::from_json(*parsed, error);
  if (!p) {
    print_error(fmt::format("{}: {}", options.plan_file, error));
    return exit_failure;
  }
  const std::string project = options.project.empty() ? p->project_id : options.project;
  auto api = connect(options.connection, project, p->api_version);
  if (!api) return exit_failure;
  // A plan is only as good as the live state it was made from: refuse it once that has changed.
  nlohmann::ordered_json document;
  const auto live = fetch_live(*api->client, project, p->api_version, document);
  if (!live) return exit_failure;
  resolve::filter_set filters;
  const nlohmann::json now = plan::snapshot(*live, schemas::builtin(), filters);
  if (plan::digest(now) != p->live_digest) {
    std::string what;
    for (const std::string& line : plan::differences(p->live, now)) what += fmt::format("\n  {}", line);
    print_error(fmt::format("the plan is stale: project `{}` changed since it was made; nothing was applied. "
                            "Make a new plan.{}",
                            project, what));
    return exit_findings;
  }
  std::mutex print_lock;
  progress_line progress;
  std::size_t finished = 0;
  const auto progress_text = [&] { return fmt::format("applying: {} of {} changes made or tried", finished, p->changes.size()); };
  progress.show(progress_text(), true);
  const auto done = [&](const apply::change_result& r) {
    const std::string kind = r.change->resource == access::kind::permission ? "permission" : "role";
    const char* verb = r.change->what == plan::action::create ? "created" : r.change->what == plan::action::update ? "updated" : "deleted";
    std::lock_guard guard(print_lock);
    progress.clear();
    if (r.ok) {
      std::printf("%s %s `%s`\n", verb, kind.c_str(), r.change->name.c_str());
    } else {
      std::printf("failed: %s %s `%s`: %s\n", r.change->what == plan::action::remove ? "delete" : r.change->what == plan::action::create ? "create" : "update",
                  kind.c_str(), r.change->name.c_str(), r.error.c_str());
    }
    std::fflush(stdout);
    ++finished;
    progress.show(progress_text(), true);
  };
  const apply::report report = apply::run(*p, *api->client, options.connection.parallelism, done);
  progress.clear();
  const std::size_t made = static_cast<std::size_t>(std::count_if(report.results.begin(), report.results.end(), [](const auto& r) { return r.ok; }));
  if (report.ok()) {
    std::printf("Apply complete: %zu change%s made.\n", made, made == 1 ? "" : "s");
    return exit_ok;
  }
  std::printf("Apply stopped: %zu of %zu changes made, %zu failed, %zu not started. Run `rolec plan` again: it plans what is left.\n",
              made, p->changes.size(), report.results.size() - made, report.not_started);
  return exit_findings;
}

}  // namespace rolec::cli
