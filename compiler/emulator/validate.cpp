#include "emulator/validate.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>

#include "emulator/views.hpp"
#include "groq/analyze.hpp"
#include "model/api_json.hpp"
#include "validate/rules.hpp"

namespace rolec::emulator {
namespace {

[[noreturn]] void bad_request(std::string message) { throw api_error{400, std::move(message)}; }

const json* find(const json& obj, std::string_view key) {
  const auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

bool present(const json& obj, std::string_view key) {
  const json* v = find(obj, key);
  return v != nullptr && !v->is_null();
}

// Reads a body with the model's codec, its shape problems said as the API says them.
template<typename Read>
auto decoded(const json& body, Read read) {
  try {
    return read(body, std::string());
  } catch (const model::shape_error& e) {
    const model::shape_problem& p = e.problem;
    const std::string field = p.field.empty() ? "the body" : fmt::format("`{}`", p.field);
    if (p.what == model::shape_problem::kind::missing) bad_request(fmt::format("{} is required", field));
    bad_request(fmt::format("{} must be {}", field, p.expected == "an object" ? "a JSON object" : p.expected));
  }
}

void require(const json& body, std::string_view key) {
  if (!present(body, key)) bad_request(fmt::format("`{}` is required", key));
}

// The name in the body; on PUT it may be left out, and may not differ from the one in the path.
std::string read_name(const json& body, const std::string& name, std::string_view path_name) {
  if (!path_name.empty() && find(body, "name") == nullptr) return std::string(path_name);
  require(body, "name");
  if (!validate::valid_name(name)) bad_request(fmt::format("`name` must match ^[a-z0-9_-]+$, and `{}` does not", name));
  if (!path_name.empty() && name != path_name) {
    bad_request(fmt::format("`name` is `{}` but the path names `{}`; names cannot be changed", name, path_name));
  }
  return name;
}

void check_title(const std::optional<std::string>& title) {
  std::vector<validate::finding> findings;
  validate::check_name_and_title("x", title, findings);
  for (const validate::finding& f : findings) {
    if (f.problem == validate::problem::missing_title) bad_request("`title` is required");
    if (f.problem == validate::problem::invalid_title) {
      bad_request(fmt::format("`title` must have 1 to {} characters, not {}", validate::max_title_length, f.count));
    }
  }
}

// Server-owned fields: a client may send back what it read, but not set them.
void check_read_only(const json& body, const json& served, std::initializer_list<std::string_view> keys) {
  for (const std::string_view key : keys) {
    const json* sent = find(body, key);
    if (sent != nullptr && *sent != served[std::string(key)]) bad_request(fmt::format("`{}` is read-only", key));
  }
}

std::string expected(const schemas::param_spec& spec) {
  if (!spec.values.empty()) return fmt::format("one of {}", fmt::join(spec.values, ", "));
  return spec.type == "integer" ? "an integer" : fmt::format("a {}", spec.type);
}

}  // namespace

bool valid_project_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
  });
}

permission read_permission_body(const project& in, const json& body, std::string_view path_name) {
  permission p;
  static_cast<model::permission&>(p) = decoded(body, model::permission_from_api);
  p.name = read_name(body, p.name, path_name);
  check_title(p.title);
  require(body, "type");
  if (validate::check_type(p.type, model::scope::project, schemas::builtin())) {
    bad_request(fmt::format("`type` must be one of {} for a custom permission, not `{}`",
                            fmt::join(validate::custom_types(model::scope::project, schemas::builtin()), ", "), p.type));
  }
  p.kind = schemas::builtin().type(p.type);
  if (!present(body, "config")) bad_request("`config.filter` is required");
  for (const std::string& key : p.other_config) bad_request(fmt::format("`config.{}` is not a setting of this type", key));
  p.other_config.clear();
  std::optional<groq::parse_result> parsed;
  if (p.filter) parsed = groq::analyze(*p.filter, {groq::mode::filter, nullptr});
  if (const auto f = validate::check_filter(p.filter.has_value(), parsed ? &*parsed : nullptr)) {
    if (f->problem == validate::problem::missing_filter) bad_request("`config.filter` is required");
    bad_request(fmt::format("`config.filter` is not a valid permission filter: {}", f->detail));
  }
  check_read_only(body, permission_json(in, p), {"resourceType", "resourceId", "ownerOrganizationId", "actions"});
  return p;
}

role read_role_body(const project& in, const json& body, std::string_view path_name) {
  role r;
  static_cast<model::role&>(r) = decoded(body, model::role_from_api);
  r.name = read_name(body, r.name, path_name);
  check_title(r.title);
  require(body, "permissions");
  r.is_custom = true;
  check_read_only(body, role_json(in, r), {"isCustom", "resourceType", "resourceId"});
  return r;
}

int missing_permission(const project& in, const role& r) {
  for (std::size_t i = 0; i < r.grants.size(); ++i) {
    if (in.find_permission(r.grants[i].permission) == nullptr) return static_cast<int>(i);
  }
  return -1;
}

void check_grants(const project& in, const role& r) {
  const validate::custom_lookup custom = [&](std::string_view name) -> std::optional<validate::target> {
    const auto it = in.permissions.find(name);
    if (it == in.permissions.end()) return std::nullopt;
    return validate::target{it->second.kind, model::scope::project, true};
  };
  const std::vector<validate::finding> findings = validate::check_grants(r, model::scope::project, custom, schemas::builtin());
  if (findings.empty()) return;
  const validate::finding& f = findings.front();
  const model::grant& g = r.grants[f.grant];
  const std::string where = fmt::format("permissions[{}]", f.grant);
  const permission* target = in.find_permission(g.permission);
  switch (f.problem) {
    case validate::problem::unknown_permission:
    case validate::problem::wrong_scope:
      bad_request(fmt::format("`{}.name`: permission `{}` does not exist in project `{}`", where, g.permission, in.id));
    case validate::problem::unknown_action:
      bad_request(fmt::format("`{}.action`: permission `{}` has no action `{}` (its actions: {})", where, g.permission,
                              g.action.name, fmt::join(target->kind->actions, ", ")));
    case validate::problem::unknown_param:
      bad_request(fmt::format("`{}.params.{}` is not a parameter of type {}", where, f.param, target->kind->type));
    case validate::problem::invalid_param:
      bad_request(fmt::format("`{}.params.{}` must be {}", where, f.param, expected(*target->kind->param(f.param))));
    case validate::problem::missing_param:
      bad_request(fmt::format("`{}.params.{}` is required ({}) by type {}", where, f.param,
                              expected(*target->kind->param(f.param)), target->kind->type));
    default: break;
  }
}

}  // namespace rolec::emulator
