#include "cli/explain.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/build.hpp"
#include "decide/explain.hpp"
#include "decide/project.hpp"
#include "util/file.hpp"
#include "util/json_read.hpp"
#include "util/json_text.hpp"
#include "util/spell.hpp"

namespace rolec::cli {
namespace {

using json = nlohmann::json;

// The first `permission` string in an error body, wherever the body nests it.
std::optional<std::string> find_permission(const json& j) {
  if (j.is_object()) {
    if (const auto it = j.find("permission"); it != j.end() && it->is_string()) return it->get<std::string>();
    for (const auto& [key, value] : j.items()) {
      if (auto found = find_permission(value)) return found;
    }
  } else if (j.is_array()) {
    for (const json& item : j) {
      if (auto found = find_permission(item)) return found;
    }
  }
  return std::nullopt;
}

// `permission "update" required` in a description, for bodies without the structured field.
std::optional<std::string> permission_in_text(const std::string& text) {
  const std::string marker = "permission \"";
  const std::size_t at = text.find(marker);
  if (at == std::string::npos) return std::nullopt;
  const std::size_t end = text.find('"', at + marker.size());
  if (end == std::string::npos) return std::nullopt;
  return text.substr(at + marker.size(), end - at - marker.size());
}

// The first string of `j` (depth first) that names a permission in words: the Boom shape of an
// error, `{"statusCode": 403, "message": "Insufficient permissions; permission \"update\" required"}`.
std::optional<std::string> permission_in_strings(const json& j) {
  if (j.is_string()) return permission_in_text(j.get<std::string>());
  if (j.is_object() || j.is_array()) {
    for (const auto& item : j) {
      if (auto found = permission_in_strings(item)) return found;
    }
  }
  return std::nullopt;
}

std::optional<json> read_json_file(const std::string& path, const char* what, std::string& error) {
  const auto text = util::read_file(path, error);
  if (!text) return std::nullopt;
  util::json_error why;
  auto parsed = util::parse_json<json>(*text, why);
  if (!parsed) error = fmt::format("{}:{}:{}: {} is not JSON: {}", path, why.at.line, why.at.column, what, why.reason);
  return parsed;
}

bool known_asked(const std::string& asked) {
  const std::vector<std::string> names = decide::askable_names();
  return std::find(names.begin(), names.end(), asked) != names.end();
}

// The forms of the document asked about: the files of --document, or a document with the id of
// --id only. Problems are printed; nothing returned then.
std::optional<decide::document_forms> read_forms(const explain_options& options) {
  std::vector<json> documents;
  for (const std::string& file : options.document_files) {
    std::string error;
    auto read = read_json_file(file, "the document", error);
    if (!read || !read->is_object()) {
      print_error(read ? fmt::format("{}: the document must be a JSON object", file) : error);
      return std::nullopt;
    }
    documents.push_back(std::move(*read));
  }
  if (!options.id.empty() && documents.size() > 1) {
    print_error("--id names one document: with several --document files, each file's `_id` says which form it is");
    return std::nullopt;
  }
  if (documents.empty()) documents.push_back(json::object());
  if (!options.id.empty()) documents[0]["_id"] = options.id;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const json& d = documents[i];
    const std::string which = options.document_files.size() > 1 ? fmt::format("{}: ", options.document_files[i]) : "";
    if (!d.contains("_id") || d["_id"] == "") {
      print_error(fmt::format("{}the document has no `_id`: give one with --id", which));
      return std::nullopt;
    }
    if (!d["_id"].is_string()) {
      print_error(fmt::format("{}the document's `_id` is not a string: give one with --id", which));
      return std::nullopt;
    }
  }
  std::string error;
  auto forms = decide::forms_of(documents, error);
  if (!forms) print_error(error);
  return forms;
}

// Why a request got a 403 for what the policy allows: the causes outside the policy, in the
// order the forum thread of ../shared/seeds/000 found them (docs/document-access.md).
void add_causes(std::vector<std::string>& hints, bool allowed, const std::vector<std::string>& roles,
                const std::optional<std::string>& project_id) {
  if (!allowed) {
    hints.emplace_back("the policy denies this too: the 403 is explained above");
    return;
  }
  const std::string who = roles.size() == 1 ? fmt::format("role `{}`", roles[0]) : std::string("these roles");
  hints.push_back(fmt::format("the policy allows this, so the request that got the 403 did not act with {}; the usual causes:", who));
  hints.emplace_back("CORS: a request from a browser needs the page's origin among the project's CORS origins, with "
                     "credentials allowed");
  hints.emplace_back("no token: the request must send `Authorization: Bearer <token>`, and a browser bundle sees only "
                     "the environment variables its framework makes public");
  hints.push_back(project_id ? fmt::format("another project: the token must belong to project `{}`", *project_id)
                             : std::string("another project: the token must belong to the project the request goes to"));
  hints.push_back(fmt::format("another role: the token must really have {} (the project's API settings list each token's role)",
                              who));
}

// Several questions (a mutation error with several items): one answer each, headed by its mutation.
std::string answers_human(const decide::model& m, const std::vector<refusal>& asked,
                          const std::vector<decide::explanation>& answers) {
  if (answers.size() == 1) return decide::render_human(m, answers[0]);
  std::string out;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    out += fmt::format("mutation {}: permission `{}`\n", asked[i].index, asked[i].permission);
    out += decide::render_human(m, answers[i], "  ");
  }
  return out;
}

nlohmann::ordered_json answers_json(const decide::model& m, const std::vector<refusal>& asked,
                                    const std::vector<decide::explanation>& answers) {
  if (answers.size() == 1) return decide::to_json(m, answers[0]);
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  bool allowed = true;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    allowed = allowed && answers[i].allowed;
    nlohmann::ordered_json one = decide::to_json(m, answers[i]);
    one.erase("format_version");
    items.push_back({{"index", asked[i].index}, {"permission", asked[i].permission}, {"explanation", std::move(one)}});
  }
  return {{"format_version", "1"}, {"decision", allowed ? "allow" : "deny"}, {"items", std::move(items)}};
}

// True when every role of `names` is custom or built in; prints the first that is neither.
bool roles_known(const resolve::resolved_policy& policy, const std::vector<std::string>& names) {
  for (const std::string& r : names) {
    if (policy.find_role(r) != nullptr) continue;
    std::vector<std::string> known;
    for (const resolve::role& each : policy.roles) known.push_back(each.name());
    const auto close = util::closest(r, known);
    print_error(fmt::format("role `{}` is neither in the policy nor built in{}", r,
                            close ? fmt::format("; did you mean `{}`?", *close) : std::string()));
    return false;
  }
  return true;
}

// `rolec explain` of a project permission: no document, the roles' project grants.
int explain_project(const explain_options& options) {
  int status = exit_ok;
  std::size_t policy_errors = 0;
  const auto built = resolve_for_decisions(options.paths, options.env, status, policy_errors);
  if (!built) return status;
  std::string error;
  const auto question = decide::project_question_of(built->resolved, options.action, error);
  if (!question) {
    if (error.empty()) {
      const std::vector<std::string> names = decide::askable_names();
      const auto close = util::closest(options.action, names);
      error = fmt::format("`{}` is not an action; {}", options.action,
                          close ? fmt::format("did you mean `{}`?", *close)
                                : fmt::format("use one of {}, or PERMISSION.ACTION for a project permission "
                                              "(sanity-project-tokens.create)",
                                              fmt::join(names, ", ")));
    }
    print_error(error);
    return exit_failure;
  }
  if (options.anonymous) {
    print_error("an anonymous visitor holds no role, so no project permission: drop --anonymous and name a role");
    return exit_failure;
  }
  if (!options.document_files.empty() || !options.id.empty() || options.live_edit) {
    print_error(fmt::format("`{}` is an action of project permission `{}`, about no document: drop --document, --id "
                            "and --live-edit",
                            question->action, question->permission));
    return exit_failure;
  }
  if (!roles_known(built->resolved, options.roles)) return exit_failure;
  const decide::project_answer answer = decide::decide_project(built->resolved, options.roles, options.robot, *question);
  const std::string shown = options.output_format == format::json ? util::json_text(decide::to_json(answer), 2) + "\n"
                                                                   : decide::render_human(answer);
  std::fwrite(shown.data(), 1, shown.size(), stdout);
  return answer.allowed ? exit_ok : exit_findings;
}

}  // namespace

std::vector<refusal> refusals_of_error(const std::string& body, std::string& error) {
  std::vector<refusal> out;
  // A body that is not JSON, or nested too deep to search, is searched as text.
  util::json_error why;
  const auto j = util::parse_json<json>(body, why);
  // A mutation error lists one item per refused mutation, each with its own permission.
  const json* items = nullptr;
  if (j && j->is_object() && j->contains("error") && (*j)["error"].is_object()) {
    const json& e = (*j)["error"];
    if (const auto it = e.find("items"); it != e.end() && it->is_array()) items = &*it;
  }
  if (items != nullptr) {
    for (std::size_t i = 0; i < items->size(); ++i) {
      const json& item = (*items)[i];
      std::optional<std::string> found = find_permission(item);
      if (!found) found = permission_in_strings(item);
      if (!found) continue;
      const auto index = item.is_object() && item.contains("index") && item["index"].is_number_unsigned()
                             ? item["index"].get<std::size_t>()
                             : i;
      out.push_back({static_cast<long>(index), *found});
    }
  }
  if (out.empty()) {
    std::optional<std::string> found = j ? find_permission(*j) : permission_in_text(body);
    if (!found && j) found = permission_in_strings(*j);
    if (found) out.push_back({-1, *found});
  }
  if (out.empty()) error = "the error names no permission (expected `\"permission\": \"update\"` or `permission \"update\" required`)";
  return out;
}

int run_explain(const explain_options& options) {
  if (options.anonymous && !options.roles.empty()) {
    print_error("--anonymous asks for a visitor without a token, who holds no role: drop --role");
    return exit_failure;
  }
  if (options.anonymous && options.robot) {
    print_error("--anonymous asks for a visitor without a token, --robot for a robot token: give one of them");
    return exit_failure;
  }
  if (options.anonymous && !options.dataset) {
    print_error("--anonymous needs --dataset: a visitor reads a dataset only when it is public");
    return exit_failure;
  }
  if (!options.anonymous && options.roles.empty()) {
    print_error("name the role with --role (or ask for a visitor without a token with --anonymous)");
    return exit_failure;
  }
  // The questions: the one of --action, or one per permission the 403 of --error names.
  std::vector<refusal> asked;
  if (!options.error_file.empty()) {
    std::string error;
    const auto body = util::read_file(options.error_file, error);
    if (!body) {
      print_error(error);
      return exit_failure;
    }
    asked = refusals_of_error(*body, error);
    if (asked.empty()) {
      print_error(fmt::format("{}: {}", options.error_file, error));
      return exit_failure;
    }
    if (!options.action.empty()) {
      std::vector<std::string> named;
      for (const refusal& r : asked) named.push_back(fmt::format("`{}`", r.permission));
      std::erase_if(asked, [&](const refusal& r) { return r.permission != options.action; });
      if (asked.empty()) {
        print_error(fmt::format("--action `{}` is not a permission the error names ({})", options.action, fmt::join(named, ", ")));
        return exit_failure;
      }
    }
    for (const refusal& r : asked) {
      if (known_asked(r.permission)) continue;
      print_error(fmt::format("{}: the error names permission `{}`, which is no document action", options.error_file,
                              r.permission));
      return exit_failure;
    }
  } else if (!options.action.empty()) {
    asked.push_back({-1, options.action});
  } else {
    print_error("name the action with --action, or give the 403 error body with --error");
    return exit_failure;
  }
  // A name that is no document action may be a project permission's (`deployStudio`,
  // `sanity-project-tokens.create`): the policy's catalogue says which.
  if (options.error_file.empty() && !known_asked(options.action)) return explain_project(options);

  const auto forms = read_forms(options);
  if (!forms) return exit_failure;

  decide::context ctx;
  ctx.identity = options.identity;
  ctx.robot = options.robot;
  ctx.anonymous = options.anonymous;
  ctx.dataset = options.dataset;
  ctx.now = options.now;
  if (!options.attributes.empty()) {
    ctx.attributes = json::parse(options.attributes, nullptr, false);
    if (ctx.attributes.is_discarded() || !ctx.attributes.is_object()) {
      print_error("--attributes must be a JSON object, such as '{\"team\": \"news\"}'");
      return exit_failure;
    }
  }

  int status = exit_ok;
  std::size_t policy_errors = 0;
  const auto built = resolve_for_decisions(options.paths, options.env, status, policy_errors);
  if (!built) return status;
  ctx.public_dataset = ctx.dataset && built->compiled.is_public(*ctx.dataset);
  std::string error;
  const auto model = decide::model::make(built->resolved, built->compiled.project_id, ctx, error);
  if (model == nullptr) {
    print_error(fmt::format("--now: {}", error));
    return exit_failure;
  }
  if (!roles_known(built->resolved, options.roles)) return exit_failure;

  std::vector<decide::explanation> answers;
  bool allowed = true;
  for (const refusal& r : asked) {
    decide::explanation e = decide::explain(*model, options.roles, r.permission, *forms, options.live_edit);
    if (!options.error_file.empty() && !e.checks.empty()) {
      add_causes(e.checks.back().hints, e.allowed, options.roles, built->compiled.project_id);
    }
    allowed = allowed && e.allowed;
    answers.push_back(std::move(e));
  }
  const std::string shown = options.output_format == format::json ? util::json_text(answers_json(*model, asked, answers), 2) + "\n"
                                                                   : answers_human(*model, asked, answers);
  std::fwrite(shown.data(), 1, shown.size(), stdout);
  return allowed ? exit_ok : exit_findings;
}

}  // namespace rolec::cli
