// rolec: policy-as-code compiler and linter for Sanity access control.
// This file only maps the command line onto the commands; each command lives in its own file.

#include <CLI/CLI.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cctype>
#include <cstdlib>
#include <map>

#include <nlohmann/json.hpp>

#include "cli/audit.hpp"
#include "cli/common.hpp"
#include "cli/groq_eval.hpp"
#include "cli/groq_parse.hpp"
#include "cli/build.hpp"
#include "cli/completion.hpp"
#include "cli/diff.hpp"
#include "cli/explain.hpp"
#include "cli/fmt.hpp"
#include "cli/import.hpp"
#include "cli/lint.hpp"
#include "cli/lsp.hpp"
#include "cli/remote.hpp"
#include "cli/test.hpp"
#include "groq/parse.hpp"
#include "util/version.hpp"
#include "util/spell.hpp"

namespace {

using namespace rolec;

// `--params '{"name": value}'`: only the names matter for parsing.
bool parameter_names(const std::string& text, std::vector<std::string>& names) {
  const auto value = nlohmann::json::parse(text, nullptr, false);
  if (value.is_discarded() || !value.is_object()) return false;
  for (const auto& item : value.items()) names.push_back(item.key());
  return true;
}

// `--threads N`: 0 is one per core; more than 256 would only cost memory (a parser and a buffer each).
const CLI::Range thread_range(0, 256);

// An option whose value is one of the names in `choices`; help shows the names, not the values.
template<typename Value>
CLI::Option* add_choice(CLI::App& cmd, const std::string& name, Value& target, const std::map<std::string, Value>& choices,
                        const std::string& description) {
  std::vector<std::string> names;
  for (const auto& [key, value] : choices) names.push_back(key);
  return cmd.add_option_function<std::string>(name, [&target, &choices](const std::string& v) { target = choices.at(v); }, description)
      ->check(CLI::IsMember(names));
}

CLI::App* add_groq_parse(CLI::App& groq, cli::groq_parse_options& options, std::string& params) {
  auto* cmd = groq.add_subcommand("parse", "Check GROQ expressions; print their canonical form or syntax tree");
  static const std::map<std::string, groq::mode> modes{{"query", groq::mode::query}, {"filter", groq::mode::filter}};
  static const std::map<std::string, cli::format> formats{{"human", cli::format::human}, {"json", cli::format::json}};
  static const std::map<std::string, bool> prints{{"canonical", false}, {"ast", true}};
  add_choice(*cmd, "--mode", options.mode, modes, "query: any GROQ query; filter: a permission filter");
  add_choice(*cmd, "--print", options.print_ast, prints, "What to print for a valid expression: canonical or ast");
  add_choice(*cmd, "--format", options.output, formats, "Output format: human or json");
  auto* batch = cmd->add_option("--batch", options.batch_file, "Check every expression of FILE.jsonl (one JSON string per line)")->type_name("FILE");
  cmd->add_option("--threads", options.threads, "With --batch: worker threads (default: one per core)")->needs(batch)->check(thread_range);
  cmd->add_option("--params", params, "Parameters as a JSON object; `$name` must then be one of them");
  cmd->add_option("expression", options.expression, "The expression, or - to read it from standard input");
  return cmd;
}

CLI::App* add_groq_eval(CLI::App& groq, cli::groq_eval_options& options) {
  auto* cmd = groq.add_subcommand("eval", "Evaluate a GROQ expression: alone, against a document, or over NDJSON documents");
  static const std::map<std::string, groq::mode> modes{{"query", groq::mode::query}, {"filter", groq::mode::filter}};
  add_choice(*cmd, "--mode", options.mode, modes, "query (default) or filter: apply the permission-filter rules first");
  cmd->add_option("--params", options.params, "Parameters as a JSON object");
  auto* document = cmd->add_option("--document", options.document, "A JSON document to evaluate against (`@`)")->type_name("FILE");
  auto* documents = cmd->add_option("--documents", options.documents,
                                    "NDJSON documents: print the _id of each one the expression is exactly true for")
                        ->type_name("FILE");
  document->excludes(documents);
  cmd->add_flag("--count", options.count, "With --documents: print `matched N of M` instead of ids")->needs(documents);
  cmd->add_option("--batch", options.batch_file, "Evaluate every {\"query\", \"params\"} line of FILE.jsonl")->type_name("FILE");
  cmd->add_option("--threads", options.threads, "With --documents: worker threads (default: one per core)")->needs(documents)->check(thread_range);
  cmd->add_option("--identity", options.identity, "The value of identity() (default: empty)");
  cmd->add_option("--now", options.now, "The value of now(), RFC 3339 (default: the current time)");
  cmd->add_option("expression", options.expression, "The expression, or - to read it from standard input");
  return cmd;
}

CLI::App* add_lint(CLI::App& app, cli::lint_options& options, std::string& fail_level) {
  auto* cmd = app.add_subcommand("lint", "Check policy files: every finding, at file:line:col");
  static const std::map<std::string, cli::lint_format> formats{{"human", cli::lint_format::human},
                                                               {"json", cli::lint_format::json},
                                                               {"sarif", cli::lint_format::sarif},
                                                               {"github", cli::lint_format::github},
                                                               {"gitlab", cli::lint_format::gitlab}};
  cmd->add_option("paths", options.paths, "Policy files or folders (default: the current folder)")->type_name("PATH");
  add_choice(*cmd, "--format", options.output, formats, "human, json, sarif, github or gitlab (Code Quality)");
  cmd->add_option("--fail-level", fail_level, "Exit 1 on findings at or above: error (default), warning or info")
      ->check(CLI::IsMember({"error", "warning", "info"}));
  cmd->add_option("-o,--output", options.output_file, "Write the report to FILE (replaced whole, or left as it was)")
      ->type_name("FILE");
  cmd->add_flag("-q,--quiet", options.quiet, "Human format: the findings only, without the summary line");
  for (const bool enable : {true, false}) {
    cmd->add_option_function<std::string>(
           enable ? "--enable-rule" : "--disable-rule",
           [&options, enable](const std::string& rule) { options.rule_switches.emplace_back(rule, enable); },
           enable ? "Turn a rule on at its default level, over [lint.rules] (id or name; repeatable)"
                  : "Turn a rule off, over [lint.rules] (id or name; repeatable)")
        ->type_name("RULE")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
        ->trigger_on_parse();
  }
  auto* config = cmd->add_option("--config", options.config,
                                 "Lint settings shared by policies (default: the nearest .rolec.toml up to the repository root)")
                     ->type_name("FILE");
  cmd->add_flag("--no-config", options.no_config, "Use no .rolec.toml")->excludes(config);
  cmd->add_option("--docs-url", options.docs_base, "SARIF: the address of the folder of rule pages (default: $ROLEC_DOCS_URL, else the installed pages)")
      ->type_name("URL");
  return cmd;
}

CLI::App* add_fmt(CLI::App& app, cli::fmt_options& options) {
  auto* cmd = app.add_subcommand("fmt", "Rewrite policy files in one layout, keeping every comment and value");
  cmd->add_option("paths", options.paths, "Policy files or folders (default: the current folder); - formats standard input")
      ->type_name("PATH");
  cmd->add_flag("--check", options.check, "Change nothing: list the files that would change, exit 1 if any would");
  return cmd;
}

CLI::App* add_lsp(CLI::App& app, cli::lsp_options& options) {
  auto* cmd = app.add_subcommand("lsp", "Serve the Language Server Protocol to an editor, over standard input and output");
  cmd->add_flag("--stdio", options.stdio, "Talk over standard input and output (the only transport; editors pass it)");
  cmd->add_option("--analysis", options.analysis,
                  "background (default): findings at once, the analysis's when it ends; inline: both together; off")
      ->check(CLI::IsMember({"background", "inline", "off"}));
  cmd->add_option("--docs-url", options.docs_base, "The address of the folder of rule pages linked from findings (default: $ROLEC_DOCS_URL, else the installed pages)")
      ->type_name("URL");
  return cmd;
}

CLI::App* add_audit(CLI::App& app, cli::audit_options& options) {
  auto* cmd = app.add_subcommand("audit", "Count the documents of a dataset export each role reaches, per action");
  static const std::map<std::string, cli::audit_format> formats{
      {"human", cli::audit_format::human}, {"json", cli::audit_format::json}, {"csv", cli::audit_format::csv}};
  cmd->add_option("paths", options.paths, "Policy files or folders (default: the current folder)")->type_name("PATH");
  cmd->add_option("--documents", options.documents, "The dataset export: NDJSON documents, or - for standard input")->required()->type_name("FILE");
  cmd->add_option("--role", options.roles, "A role to audit, custom or built-in; repeatable (default: every custom role)")
      ->allow_extra_args(false);
  cmd->add_option("--identity", options.identity, "The value of identity(): the user or robot id (default: empty)");
  cmd->add_option("--attributes", options.attributes, "The value of user::attributes(), a JSON object");
  cmd->add_flag("--robot", options.robot, "Audit for a robot token rather than a user");
  cmd->add_option("--dataset", options.dataset, "The dataset: grants limited to another dataset do not hold");
  cmd->add_option("--now", options.now, "The value of now(), RFC 3339 (default: the current time)");
  add_choice(*cmd, "--format", options.output, formats, "human, json or csv");
  cmd->add_option("--threads", options.threads, "Worker threads (default: one per core)")->check(thread_range);
  cmd->add_flag("--operations", options.operations,
                "Also count Studio's operations (publish, delete, ...) per document, its forms together");
  return cmd;
}

CLI::App* add_explain(CLI::App& app, cli::explain_options& options, std::string& dataset, std::string& now, std::string& env) {
  auto* cmd = app.add_subcommand("explain", "Whether roles may do an action on a document, and which grant or filter clause decides it");
  static const std::map<std::string, cli::format> formats{{"human", cli::format::human}, {"json", cli::format::json}};
  cmd->add_option("paths", options.paths, "Policy files or folders (default: the current folder)")->type_name("PATH");
  cmd->add_option("--role", options.roles, "A role, custom or built-in; repeatable (grants add up)")->allow_extra_args(false);
  // The choices in the type name are what completion offers; a project permission's
  // PERMISSION.ACTION is accepted too, and a misspelt action gets a suggestion from explain.
  cmd->add_option("--action", options.action,
                  "An action (read, create, update, manage, history, editHistory), an operation (delete, discardDraft, "
                  "discardVersion, publish, unpublish, duplicate), or a project permission's PERMISSION.ACTION")
      ->type_name("ACTION:{read,create,update,manage,history,editHistory,delete,discardDraft,discardVersion,publish,"
                  "unpublish,duplicate}");
  cmd->add_option("--document", options.document_files,
                  "The document, a JSON file; one per form that exists (published, draft, version)")
      ->type_name("FILE")
      ->allow_extra_args(false);
  cmd->add_option("--id", options.id, "The document's id (with one --document: instead of its _id)");
  cmd->add_flag("--live-edit", options.live_edit, "The document's type is live-edit: no drafts");
  cmd->add_option("--identity", options.identity, "The value of identity(): the user or robot id (default: empty)");
  cmd->add_option("--attributes", options.attributes, "The value of user::attributes(), a JSON object");
  cmd->add_flag("--robot", options.robot, "Ask for a robot token rather than a user");
  cmd->add_flag("--anonymous", options.anonymous, "Ask for a visitor without a token, who holds no role (needs --dataset)");
  cmd->add_option("--dataset", dataset, "The dataset: grants limited to another dataset do not hold");
  cmd->add_option("--now", now, "The value of now(), RFC 3339 (default: the current time)");
  cmd->add_option("--env", env, "A [targets.NAME] of the policy");
  cmd->add_option("--error", options.error_file, "A mutation error body (a 403): explain each permission it names")->type_name("FILE");
  add_choice(*cmd, "--format", options.output_format, formats, "human or json");
  return cmd;
}

CLI::App* add_diff(CLI::App& app, cli::diff_options& options, std::string& env) {
  auto* cmd = app.add_subcommand("diff", "What a change of policy does to access: who may now do what, with an example document");
  static const std::map<std::string, cli::diff_format> formats{{"human", cli::diff_format::human},
                                                               {"json", cli::diff_format::json},
                                                               {"sarif", cli::diff_format::sarif},
                                                               {"github", cli::diff_format::github}};
  static const std::map<std::string, cli::fail_on> fail{{"widening", cli::fail_on::widening},
                                                        {"narrowing", cli::fail_on::narrowing},
                                                        {"change", cli::fail_on::change}};
  cmd->add_option("old", options.before, "The policy before: a file or folder, or git:REV:PATH")->required()->type_name("OLD");
  cmd->add_option("new", options.after, "The policy after: a file or folder, or git:REV:PATH")->required()->type_name("NEW");
  cmd->add_option("--env", env, "A [targets.NAME] of the policies");
  cmd->add_option("--role", options.roles, "A role to compare; repeatable (default: every role of either policy)")
      ->allow_extra_args(false);
  cmd->add_option("--action", options.actions,
                  "An action to compare (read, create, update, manage, history, editHistory, publish, delete); repeatable")
      ->type_name("ACTION:{read,create,update,manage,history,editHistory,publish,delete}")
      ->allow_extra_args(false);
  add_choice(*cmd, "--format", options.output, formats, "human, json, sarif or github");
  add_choice(*cmd, "--fail-on", options.fail, fail,
             "Exit 1 when access widens, narrows, or changes at all (unknown counts as both)");
  return cmd;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"rolec: compile, lint and explain Sanity access policy written as code", "rolec"};
  const std::string version_text = fmt::format("rolec {} (revision {})", util::version(), util::revision());
  app.set_version_flag("-V,--version", version_text);
  app.require_subcommand(1);
  // Options every command takes, before or after its name (`rolec lint --no-color`).
  app.fallthrough();
  static const std::map<std::string, cli::color_mode> colors{
      {"auto", cli::color_mode::automatic}, {"always", cli::color_mode::always}, {"never", cli::color_mode::never}};
  static cli::color_mode color = cli::color_mode::automatic;
  add_choice(app, "--color", color, colors, "Colour the output: auto (a terminal, without NO_COLOR or TERM=dumb), always or never")
      ->each([](const std::string& v) { cli::set_color(colors.at(v)); })
      ->type_name("WHEN")
      ->trigger_on_parse();  // with --no-color, the one given last wins
  app.add_flag_callback("--no-color", [] { cli::set_color(cli::color_mode::never); }, "Do not colour the output (--color=never)")
      ->trigger_on_parse();
  int status = cli::exit_ok;

  auto* groq = app.add_subcommand("groq", "Work with GROQ expressions directly");
  groq->require_subcommand(1);
  cli::groq_parse_options parse_options;
  std::string parse_params;
  CLI::App* cli_parse = add_groq_parse(*groq, parse_options, parse_params);
  cli_parse->callback([&] {
    const bool has_expression = cli_parse->count("expression") > 0;
    if (parse_options.batch_file.empty() != has_expression) {
      throw CLI::ValidationError("groq parse", "give either an expression or --batch FILE");
    }
    if (!parse_params.empty()) {
      std::vector<std::string> names;
      if (!parameter_names(parse_params, names)) throw CLI::ValidationError("--params", "expected a JSON object");
      parse_options.parameters = std::move(names);
    }
    status = cli::run_groq_parse(parse_options);
  });

  cli::groq_eval_options eval_options;
  CLI::App* cli_eval = add_groq_eval(*groq, eval_options);
  cli_eval->callback([&] {
    const bool has_expression = cli_eval->count("expression") > 0;
    if (eval_options.batch_file.empty() != has_expression) {
      throw CLI::ValidationError("groq eval", "give either an expression or --batch FILE");
    }
    status = cli::run_groq_eval(eval_options);
  });

  cli::lint_options lint_options;
  std::string fail_level = "error";
  add_lint(app, lint_options, fail_level)->callback([&] {
    lint_options.fail_level = fail_level == "info"      ? diag::severity::info
                              : fail_level == "warning" ? diag::severity::warning
                                                        : diag::severity::error;
    status = cli::run_lint(lint_options);
  });

  cli::fmt_options fmt_options;
  add_fmt(app, fmt_options)->callback([&] { status = cli::run_fmt(fmt_options); });

  cli::lsp_options lsp_options;
  add_lsp(app, lsp_options)->callback([&] { status = cli::run_lsp(lsp_options); });

  cli::build_options build_options;
  std::string build_env;
  auto* build = app.add_subcommand("build", "Compile a policy into request bodies for Sanity's APIs");
  static const std::map<std::string, build::target> targets{{"access-api", build::target::access_api},
                                                            {"roles-api", build::target::roles_api},
                                                            {"groups", build::target::groups},
                                                            {"blueprint", build::target::blueprint}};
  build->add_option("paths", build_options.paths, "Policy files or folders (default: the current folder)")->type_name("PATH");
  add_choice(*build, "--target", build_options.which, targets, "access-api (default), roles-api, groups or blueprint");
  build->add_option("--env", build_env, "A [targets.NAME] of the policy: its project and API version");
  build->add_option("-o,--output", build_options.output,
                    "Write the bundle to FILE, or one file per body into a folder (an existing folder, or a path ending in /)")
      ->type_name("PATH");
  build->callback([&] {
    if (!build_env.empty()) build_options.env = build_env;
    status = cli::run_build(build_options);
  });

  cli::import_options import_options;
  auto* import = app.add_subcommand(
      "import", "Turn live roles and permissions, system.group documents, a legacy roles listing or a Sanity Blueprint into policy TOML");
  import->add_option("input", import_options.inputs,
                     "Live state (a `rolec pull` file, raw GET /roles and GET /permissions responses), system.group "
                     "documents (an NDJSON export or a JSON array), a legacy Roles API GET /roles listing, or one "
                     "Sanity Blueprint")
      ->required()
      ->type_name("FILE");
  import->add_option("-o,--output", import_options.output, "Write the TOML files into this folder (default: standard output)")->type_name("DIR");
  import->callback([&] { status = cli::run_import(import_options); });

  // The commands that read or change a live project share how they reach it.
  const auto add_connection = [](CLI::App& cmd, cli::connection_options& c) {
    cmd.add_option("--api-url", c.api_url, "The API's base URL (default: $SANITY_API_URL, else https://api.sanity.io)");
    cmd.add_option("--token-env", c.token_env, "The environment variable that holds the token (default: SANITY_AUTH_TOKEN)");
  };

  cli::pull_options pull_options;
  auto* pull = app.add_subcommand("pull", "Save a project's live roles, permissions and users to a file");
  pull->add_option("--project", pull_options.project, "The project id")->required();
  pull->add_option("--api-version", pull_options.api_version, "The Access API version (default: v2025-07-11)");
  pull->add_option("-o,--output", pull_options.output, "The file to write (default: standard output)")->type_name("FILE");
  add_connection(*pull, pull_options.connection);
  pull->callback([&] { status = cli::run_pull(pull_options); });

  cli::plan_options plan_options;
  std::string plan_env;
  auto* plan = app.add_subcommand("plan", "Show what must change in a project for it to match the policy");
  static const std::map<std::string, cli::format> plan_formats{{"human", cli::format::human}, {"json", cli::format::json}};
  plan->add_option("paths", plan_options.paths, "Policy files or folders (default: the current folder)")->type_name("PATH");
  auto* live = plan->add_option("--live", plan_options.live, "A live-state file (from `rolec pull`) instead of reading the project")->type_name("FILE");
  plan->add_option("--project", plan_options.project, "The project to read (default: the policy's)")->excludes(live);
  plan->add_option("--env", plan_env, "A [targets.NAME] of the policy: its project and API version");
  plan->add_option("-o,--output", plan_options.output, "Save the plan to this file, for `rolec apply`")->type_name("FILE");
  add_choice(*plan, "--format", plan_options.output_format, plan_formats, "human or json");
  plan->add_flag("--detailed-exitcode", plan_options.detailed_exitcode, "Exit 2 when there are changes, 0 when there are none");
  add_connection(*plan, plan_options.connection);
  plan->callback([&] {
    if (!plan_env.empty()) plan_options.env = plan_env;
    status = cli::run_plan(plan_options);
  });

  cli::apply_options apply_options;
  auto* apply = app.add_subcommand("apply", "Carry out a saved plan, if the project has not changed since");
  apply->add_option("plan", apply_options.plan_file, "The plan file written by `rolec plan -o`")->required()->type_name("FILE");
  apply->add_option("--project", apply_options.project, "The project (default: the plan's)");
  apply->add_option("--parallelism", apply_options.connection.parallelism, "Changes at once within a phase (default: 8)")
      ->check(CLI::Range(1, 64));
  add_connection(*apply, apply_options.connection);
  apply->callback([&] { status = cli::run_apply(apply_options); });

  cli::test_options test_options;
  std::string test_env;
  auto* test = app.add_subcommand("test", "Run the [[tests]] of a policy and prove its [[properties]]: which actions each role may do on documents");
  static const std::map<std::string, cli::test_format> test_formats{
      {"human", cli::test_format::human}, {"json", cli::test_format::json}, {"junit", cli::test_format::junit}};
  test->add_option("paths", test_options.paths, "Policy files or folders (default: the current folder)")->type_name("PATH");
  add_choice(*test, "--format", test_options.output, test_formats, "human, json or junit");
  test->add_option("--env", test_env, "A [targets.NAME] of the policy: its project");
  test->add_flag("--allow-unknown", test_options.allow_unknown,
                 "A property the analysis can neither prove nor refute does not fail the run");
  test->callback([&] {
    if (!test_env.empty()) test_options.env = test_env;
    status = cli::run_test(test_options);
  });

  cli::audit_options audit_options;
  add_audit(app, audit_options)->callback([&] { status = cli::run_audit(audit_options); });

  cli::explain_options explain_options;
  std::string explain_dataset, explain_now, explain_env;
  add_explain(app, explain_options, explain_dataset, explain_now, explain_env)->callback([&] {
    if (!explain_dataset.empty()) explain_options.dataset = explain_dataset;
    if (!explain_now.empty()) explain_options.now = explain_now;
    if (!explain_env.empty()) explain_options.env = explain_env;
    status = cli::run_explain(explain_options);
  });

  cli::diff_options diff_options;
  std::string diff_env;
  add_diff(app, diff_options, diff_env)->callback([&] {
    if (!diff_env.empty()) diff_options.env = diff_env;
    status = cli::run_diff(diff_options);
  });

  std::string shell;
  auto* completion = app.add_subcommand("completion", "Print a shell completion script: bash or zsh");
  completion->add_option("shell", shell, "bash or zsh")->required()->check(CLI::IsMember({"bash", "zsh"}));
  completion->callback([&] {
    const auto commands = cli::describe(app);
    const std::string script = shell == "bash" ? cli::bash_completion(commands) : cli::zsh_completion(commands);
    std::fwrite(script.data(), 1, script.size(), stdout);
  });

  app.add_subcommand("version", "Print rolec's version and revision (as --version does)")->callback([&] {
    cli::print_text(version_text + "\n", stdout);
  });

  bool rules_json = false;
  auto* rules = app.add_subcommand("rules", "List every rule rolec checks");
  rules->add_flag("--json", rules_json, "Print the catalogue as JSON");
  rules->callback([&] { status = cli::run_rules(rules_json); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 says "A subcommand is required" before it looks at what was given instead: name it.
    if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr && app.get_subcommands().empty() && argc > 1) {
      const std::string given = argv[1];
      std::vector<std::string> names;
      for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) names.push_back(sub->get_name());
      if (given.rfind('-', 0) == 0) {
        cli::print_error(fmt::format("unknown option `{}`; a command comes first: {}", given, fmt::join(names, ", ")));
      } else {
        const auto guess = util::closest(given, names);
        cli::print_error(fmt::format("unknown command `{}`; {}", given,
                                     guess ? fmt::format("did you mean `{}`?", *guess) : fmt::format("the commands are {}", fmt::join(names, ", "))));
      }
      return cli::exit_failure;
    }
    // --help and --version print what was asked; every other mistake goes through the one error path.
    if (e.get_exit_code() == 0) {
      app.exit(e);
      return cli::exit_ok;
    }
    std::string what = e.what();
    if (!what.empty()) what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
    std::string command = "rolec";
    for (const CLI::App* where = &app; !where->get_subcommands().empty();) {
      where = where->get_subcommands().front();
      command += " " + where->get_name();
    }
    cli::print_error(fmt::format("{}; `{} --help` lists the options", what, command));
    return cli::exit_failure;
  } catch (const std::runtime_error& e) {
    // The system lacks what a command needed (a shared library loaded on first use).
    cli::print_error(e.what());
    return cli::exit_failure;
  }
  // What the command cost, for debugging and for the tests that count parses (docs/architecture.md).
  if (const char* stats = std::getenv("ROLEC_STATS"); stats != nullptr && *stats != '\0') {
    cli::print_text(fmt::format("rolec: stats: {} GROQ parse{}\n", groq::parse_count(), groq::parse_count() == 1 ? "" : "s"),
                    stderr);
  }
  return status;
}
