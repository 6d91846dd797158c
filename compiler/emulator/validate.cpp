#include "emulator/validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "emulator/views.hpp"
#include "groq/analyze.hpp"
#include "util/utf8.hpp"

namespace rolec::emulator {
namespace {

constexpr std::size_t max_title_length = 100;

[[noreturn]] void bad_request(std::string message) { throw api_error{400, std::move(message)}; }

void expect_object(const json& body, std::string_view where) {
  if (!body.is_object()) bad_request(fmt::format("{} must be a JSON object", where));
}

const json* find(const json& obj, std::string_view key) {
  const auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

std::string required_string(const json& obj, std::string_view key, std::string_view where = {}) {
  const json* v = find(obj, key);
  const std::string field = where.empty() ? std::string(key) : fmt::format("{}.{}", where, key);
  if (v == nullptr || v->is_null()) bad_request(fmt::format("`{}` is required", field));
  if (!v->is_string()) bad_request(fmt::format("`{}` must be a string", field));
  return v->get<std::string>();
}

// `description` may be absent or null, which both mean "".
std::string optional_string(const json& obj, std::string_view key) {
  const json* v = find(obj, key);
  if (v == nullptr || v->is_null()) return {};
  if (!v->is_string()) bad_request(fmt::format("`{}` must be a string", key));
  return v->get<std::string>();
}

bool optional_bool(const json& obj, std::string_view key) {
  const json* v = find(obj, key);
  if (v == nullptr || v->is_null()) return true;
  if (!v->is_boolean()) bad_request(fmt::format("`{}` must be true or false", key));
  return v->get<bool>();
}

// The name in the body; on PUT it may be left out, and may not differ from the one in the path.
std::string read_name(const json& body, std::string_view path_name) {
  if (!path_name.empty() && find(body, "name") == nullptr) return std::string(path_name);
  std::string name = required_string(body, "name");
  if (!valid_name(name)) bad_request(fmt::format("`name` must match ^[a-z0-9_-]+$, and `{}` does not", name));
  if (!path_name.empty() && name != path_name) {
    bad_request(fmt::format("`name` is `{}` but the path names `{}`; names cannot be changed", name, path_name));
  }
  return name;
}

std::string read_title(const json& body) {
  std::string title = required_string(body, "title");
  const std::size_t length = util::utf8_length(title);
  if (length == 0 || length > max_title_length) {
    bad_request(fmt::format("`title` must have 1 to {} characters, not {}", max_title_length, length));
  }
  return title;
}

// Server-owned fields: a client may send back what it read, but not set them.
void check_read_only(const json& body, const json& served, std::initializer_list<std::string_view> keys) {
  for (const std::string_view key : keys) {
    const json* sent = find(body, key);
    if (sent != nullptr && *sent != served[std::string(key)]) bad_request(fmt::format("`{}` is read-only", key));
  }
}

// The types a custom permission may have: those whose config is a GROQ filter.
std::vector<std::string> custom_types() {
  std::vector<std::string> out;
  for (const schemas::permission_type& t : schemas::builtin().types()) {
    if (t.takes_filter && t.scope == "project") out.push_back(t.type);
  }
  return out;
}

std::string read_filter(const json& body) {
  const json* config = find(body, "config");
  if (config == nullptr || config->is_null()) bad_request("`config.filter` is required");
  expect_object(*config, "`config`");
  for (const auto& item : config->items()) {
    if (item.key() != "filter") bad_request(fmt::format("`config.{}` is not a setting of this type", item.key()));
  }
  std::string filter = required_string(*config, "filter", "config");
  const groq::parse_result parsed = groq::analyze(filter, {groq::mode::filter, nullptr});
  if (!parsed.ok()) {
    const auto error = std::find_if(parsed.diagnostics.begin(), parsed.diagnostics.end(),
                                    [](const diag::diagnostic& d) { return d.level == diag::severity::error; });
    bad_request(fmt::format("`config.filter` is not a valid permission filter: {}",
                            error == parsed.diagnostics.end() ? "syntax error" : error->message));
  }
  return filter;
}

bool fits(const schemas::param_spec& spec, const json& value) {
  if (spec.type == "string") {
    if (!value.is_string()) return false;
    return spec.values.empty() || std::find(spec.values.begin(), spec.values.end(), value.get<std::string>()) != spec.values.end();
  }
  if (spec.type == "boolean") return value.is_boolean();
  if (spec.type == "integer") return value.is_number_integer();
  if (spec.type == "number") return value.is_number();
  return true;
}

std::string expected(const schemas::param_spec& spec) {
  if (!spec.values.empty()) return fmt::format("one of {}", fmt::join(spec.values, ", "));
  return spec.type == "integer" ? "an integer" : fmt::format("a {}", spec.type);
}

void check_params(const grant& g, const schemas::permission_type& type, std::string_view where) {
  for (const auto& item : g.params.items()) {
    const schemas::param_spec* spec = type.param(item.key());
    if (spec == nullptr) bad_request(fmt::format("`{}.params.{}` is not a parameter of type {}", where, item.key(), type.type));
    if (!fits(*spec, item.value())) bad_request(fmt::format("`{}.params.{}` must be {}", where, item.key(), expected(*spec)));
  }
  for (const schemas::param_spec& spec : type.params) {
    if (spec.required && !g.params.contains(spec.name)) {
      bad_request(fmt::format("`{}.params.{}` is required ({}) by type {}", where, spec.name, expected(spec), type.type));
    }
  }
}

grant read_grant(const json& entry, std::string_view where) {
  expect_object(entry, fmt::format("`{}`", where));
  grant g{required_string(entry, "name", where), required_string(entry, "action", where)};
  const json* params = find(entry, "params");
  if (params != nullptr && !params->is_null()) {
    expect_object(*params, fmt::format("`{}.params`", where));
    g.params = *params;
  }
  return g;
}

}  // namespace

bool valid_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

bool valid_project_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
  });
}

namespace {

// The fields a permission and a role body have in common.
template <typename Item>
Item read_named_body(const json& body, std::string_view path_name) {
  expect_object(body, "the body");
  Item item;
  item.name = read_name(body, path_name);
  item.title = read_title(body);
  item.description = optional_string(body, "description");
  return item;
}

}  // namespace

permission read_permission_body(const project& in, const json& body, std::string_view path_name) {
  permission p = read_named_body<permission>(body, path_name);
  p.type = required_string(body, "type");
  const std::vector<std::string> allowed = custom_types();
  if (std::find(allowed.begin(), allowed.end(), p.type) == allowed.end()) {
    bad_request(fmt::format("`type` must be one of {} for a custom permission, not `{}`", fmt::join(allowed, ", "), p.type));
  }
  p.kind = schemas::builtin().type(p.type);
  p.config = json{{"filter", read_filter(body)}};
  check_read_only(body, permission_json(in, p), {"resourceType", "resourceId", "ownerOrganizationId", "actions"});
  return p;
}

role read_role_body(const project& in, const json& body, std::string_view path_name) {
  role r = read_named_body<role>(body, path_name);
  r.applies_to_users = optional_bool(body, "appliesToUsers");
  r.applies_to_robots = optional_bool(body, "appliesToRobots");
  const json* permissions = find(body, "permissions");
  if (permissions == nullptr || permissions->is_null()) bad_request("`permissions` is required");
  if (!permissions->is_array()) bad_request("`permissions` must be an array");
  for (std::size_t i = 0; i < permissions->size(); ++i) {
    r.permissions.push_back(read_grant((*permissions)[i], fmt::format("permissions[{}]", i)));
  }
  check_read_only(body, role_json(in, r), {"isCustom", "resourceType", "resourceId"});
  return r;
}

int missing_permission(const project& in, const role& r) {
  for (std::size_t i = 0; i < r.permissions.size(); ++i) {
    if (in.find_permission(r.permissions[i].name) == nullptr) return static_cast<int>(i);
  }
  return -1;
}

void check_grants(const project& in, const role& r) {
  for (std::size_t i = 0; i < r.permissions.size(); ++i) {
    const grant& g = r.permissions[i];
    const std::string where = fmt::format("permissions[{}]", i);
    const schemas::permission_type& type = *in.find_permission(g.name)->kind;
    if (!type.has_action(g.action)) {
      bad_request(fmt::format("`{}.action`: permission `{}` has no action `{}` (its actions: {})", where, g.name, g.action,
                              fmt::join(type.actions, ", ")));
    }
    check_params(g, type, where);
  }
}

}  // namespace rolec::emulator
