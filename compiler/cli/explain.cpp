#include "cli/explain.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/build.hpp"
#include "decide/explain.hpp"
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
  return decide::action_named(asked).has_value() || decide::operation_named(asked).has_value();
}

std::vector<std::string> asked_names() {
  std::vector<std::string> names;
  for (const decide::action a : decide::all_actions) names.emplace_back(decide::name_of(a));
  names.emplace_back("publish");
  names.emplace_back("delete");
  return names;
}

}  // namespace

std::optional<std::string> action_of_error(const std::string& body, std::string& error) {
  // A body that is not JSON, or nested too deep to search, is searched as text.
  util::json_error why;
  const auto j = util::parse_json<json>(body, why);
  std::optional<std::string> found = j ? find_permission(*j) : permission_in_text(body);
  if (!found && j) found = permission_in_strings(*j);
  if (!found) error = "the error names no permission (expected `\"permission\": \"update\"` or `permission \"update\" required`)";
  return found;
}

int run_explain(const explain_options& options) {
  std::string action = options.action;
  if (!options.error_file.empty()) {
    std::string error;
    const auto body = util::read_file(options.error_file, error);
    if (!body) {
      print_error(error);
      return exit_failure;
    }
    const auto from_error = action_of_error(*body, error);
    if (!from_error) {
      print_error(fmt::format("{}: {}", options.error_file, error));
      return exit_failure;
    }
    if (!action.empty() && action != *from_error) {
      print_error(fmt::format("--action `{}` differs from the error's permission `{}`", action, *from_error));
      return exit_failure;
    }
    action = *from_error;
  }
  if (action.empty()) {
    print_error("name the action with --action, or give the 403 error body with --error");
    return exit_failure;
  }
  if (!known_asked(action)) {
    const std::vector<std::string> names = asked_names();
    const auto close = util::closest(action, names);
    print_error(fmt::format("`{}` is not an action; {}", action,
                            close ? fmt::format("did you mean `{}`?", *close) : fmt::format("use one of {}", fmt::join(names, ", "))));
    return exit_failure;
  }

  json document = json::object();
  if (!options.document_file.empty()) {
    std::string error;
    auto read = read_json_file(options.document_file, "the document", error);
    if (!read || !read->is_object()) {
      print_error(read ? fmt::format("{}: the document must be a JSON object", options.document_file) : error);
      return exit_failure;
    }
    document = std::move(*read);
    if (!options.id.empty()) document["_id"] = options.id;
  } else {
    document["_id"] = options.id;
  }
  if (!document.contains("_id") || document["_id"] == "") {
    print_error("the document has no `_id`: give one with --id");
    return exit_failure;
  }
  if (!document["_id"].is_string()) {
    print_error("the document's `_id` is not a string: give one with --id");
    return exit_failure;
  }

  decide::context ctx;
  ctx.identity = options.identity;
  ctx.robot = options.robot;
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
  const auto built = build_policy(options.paths, options.env, build::target::access_api, status);
  if (!built) return status;
  std::string error;
  const auto model = decide::model::make(built->resolved, built->compiled.project_id, ctx, error);
  if (model == nullptr) {
    print_error(fmt::format("--now: {}", error));
    return exit_failure;
  }
  for (const std::string& r : options.roles) {
    if (model->find_role(r) != nullptr) continue;
    std::vector<std::string> names;
    for (const decide::role& known : model->roles()) names.push_back(known.name);
    const auto close = util::closest(r, names);
    print_error(fmt::format("role `{}` is neither in the policy nor built in{}", r,
                            close ? fmt::format("; did you mean `{}`?", *close) : std::string()));
    return exit_failure;
  }

  decide::explanation e = decide::explain(*model, options.roles, action, document);
  if (!options.error_file.empty()) {
    // The 403 came from somewhere: if not from these roles, from how the request was made.
    const std::string hint =
        e.allowed ? fmt::format("the policy allows this, so a 403 for it means the request did not act with {}: check that "
                                "the token is sent at all (a browser bundle sees only the environment variables its "
                                "framework makes public), that it belongs to this project, which role it really has, "
                                "and, for a request from a browser, that the project's CORS origins list the page's "
                                "origin with credentials allowed",
                                options.roles.size() == 1 ? fmt::format("role `{}`", options.roles[0]) : std::string("these roles"))
                  : std::string("the policy denies this too: the 403 is explained above");
    e.checks.back().hints.push_back(hint);
  }
  const std::string shown = options.output_format == format::json ? util::json_text(decide::to_json(*model, e), 2) + "\n"
                                                                   : decide::render_human(*model, e);
  std::fwrite(shown.data(), 1, shown.size(), stdout);
  return e.allowed ? exit_ok : exit_findings;
}

}  // namespace rolec::cli
