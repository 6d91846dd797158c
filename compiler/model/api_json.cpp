#include "model/api_json.hpp"

#include "model/sort.hpp"
#include "util/json_text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace rolec::model {
namespace {

using json = nlohmann::ordered_json;

std::string member_path(const std::string& field, std::string_view key) {
  return field.empty() ? std::string(key) : fmt::format("{}.{}", field, key);
}

[[noreturn]] void wrong_type(const std::string& field, const char* expected, const json& found) {
  throw shape_error({shape_problem::kind::wrong_type, field, expected, json_type_name(found)});
}

// A member that is absent or null reads as nothing.
const json* present(const json& obj, std::string_view key) {
  const auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

std::optional<std::string> optional_text(const json& obj, std::string_view key, const std::string& field) {
  const json* v = present(obj, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) wrong_type(member_path(field, key), "a string", *v);
  return v->get<std::string>();
}

std::optional<bool> optional_flag(const json& obj, std::string_view key, const std::string& field) {
  const json* v = present(obj, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) wrong_type(member_path(field, key), "true or false", *v);
  return v->get<bool>();
}

std::string required_text(const json& obj, std::string_view key, const std::string& field) {
  auto text = optional_text(obj, key, field);
  if (!text) throw shape_error({shape_problem::kind::missing, member_path(field, key), "a string", "nothing"});
  return std::move(*text);
}

void expect_object(const json& v, const std::string& field) {
  if (!v.is_object()) wrong_type(field, "an object", v);
}

// What permissions and roles share: a name, a title and a description.
template<typename Item>
Item named_from_api(const json& j, const std::string& field) {
  expect_object(j, field);
  Item item;
  item.name = optional_text(j, "name", field).value_or("");
  item.title = optional_text(j, "title", field);
  item.description = optional_text(j, "description", field).value_or("");
  return item;
}

}  // namespace

shape_error::shape_error(shape_problem p) : std::runtime_error(p.field), problem(std::move(p)) {}

const char* json_type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::discarded: break;
    default: return "a number";
  }
  return "nothing";
}

param_value param_from_json(const json& v) {
  param_value out;
  if (v.is_string()) return param_value::of(v.get<std::string>());
  if (v.is_boolean()) return param_value::of(v.get<bool>());
  if (v.is_number_integer() && (v.is_number_unsigned() ? v.get<std::uint64_t>() <= INT64_MAX : true)) {
    out.type = param_value::kind::integer;
    out.integer = v.get<std::int64_t>();
  } else if (v.is_number_float()) {
    out.type = param_value::kind::number;
    out.number = v.get<double>();
  } else if (!v.is_null()) {
    out.type = param_value::kind::other;
    out.text = v.dump();
  }
  return out;
}

json to_json(const param_value& v) {
  switch (v.type) {
    case param_value::kind::null: return nullptr;
    case param_value::kind::boolean: return v.boolean;
    case param_value::kind::integer: return v.integer;
    case param_value::kind::number: return v.number;
    case param_value::kind::string: return v.text;
    case param_value::kind::other: return json::parse(v.text);
  }
  return nullptr;
}

json params_json(const grant& g) {
  json out = json::object();
  if (g.action.mode) out["mode"] = *g.action.mode;
  if (g.history) out["history"] = *g.history;
  // `dataset` takes its place among the others by name.
  bool dataset_written = !g.dataset;
  for (const param& p : g.others) {
    if (!dataset_written && p.name > "dataset") {
      out["dataset"] = *g.dataset;
      dataset_written = true;
    }
    out[p.name] = to_json(p.value);
  }
  if (!dataset_written) out["dataset"] = *g.dataset;
  return out;
}

json to_api(const grant& g) {
  json out;
  out["name"] = g.permission;
  out["action"] = g.action.name;
  if (g.has_params()) out["params"] = params_json(g);
  return out;
}

json to_api(const permission& p) {
  json out;
  out["name"] = p.name;
  out["title"] = p.title.value_or("");
  out["description"] = p.description;  // the API's default is "" as well
  out["type"] = p.type;
  out["config"] = json::object();
  if (p.filter) out["config"]["filter"] = *p.filter;
  return out;
}

json to_api(const role& r) {
  json out;
  out["name"] = r.name;
  out["title"] = r.title.value_or("");
  out["description"] = r.description;
  out["appliesToUsers"] = r.applies_to_users;
  out["appliesToRobots"] = r.applies_to_robots;
  json& grants = out["permissions"] = json::array();
  for (const grant& g : r.grants) grants.push_back(to_api(g));
  return out;
}

json to_api(const robot& r, scope resource_type, const std::optional<std::string>& resource_id) {
  json out;
  out["label"] = r.label;
  json membership;
  membership["resourceType"] = name_of(resource_type);
  membership["resourceId"] = resource_id ? json(*resource_id) : json(nullptr);
  membership["roleNames"] = r.roles;
  out["memberships"] = json::array({std::move(membership)});
  return out;
}

grant grant_from_api(const json& j, const std::string& field) {
  expect_object(j, field);
  grant g;
  g.permission = required_text(j, "name", field);
  g.action = action::named(required_text(j, "action", field));
  if (const json* params = present(j, "params")) {
    expect_object(*params, member_path(field, "params"));
    for (const auto& [name, value] : params->items()) g.set_param(name, param_from_json(value));
  }
  return g;
}

permission permission_from_api(const json& j, const std::string& field) {
  permission p = named_from_api<permission>(j, field);
  p.type = optional_text(j, "type", field).value_or("");
  if (const json* config = present(j, "config")) {
    expect_object(*config, member_path(field, "config"));
    p.filter = optional_text(*config, "filter", member_path(field, "config"));
    for (const auto& [key, value] : config->items()) {
      if (key != "filter") p.other_config.push_back(key);
    }
  }
  return p;
}

role role_from_api(const json& j, const std::string& field) {
  role r = named_from_api<role>(j, field);
  r.is_custom = optional_flag(j, "isCustom", field);
  r.applies_to_users = optional_flag(j, "appliesToUsers", field).value_or(true);
  r.applies_to_robots = optional_flag(j, "appliesToRobots", field).value_or(true);
  if (const json* list = present(j, "permissions")) {
    const std::string at = member_path(field, "permissions");
    if (!list->is_array()) wrong_type(at, "an array", *list);
    for (std::size_t i = 0; i < list->size(); ++i) r.grants.push_back(grant_from_api((*list)[i], fmt::format("{}[{}]", at, i)));
  }
  return r;
}

std::string order_key(const grant& g) {
  std::string key;
  key.reserve(g.permission.size() + g.action.name.size() + 48);
  key += g.permission;
  key += '\n';
  key += g.action.name;
  key += '\n';
  // The params as params_json(g).dump() writes them, without building the JSON value: keys are
  // made for every grant of every role, and most have no params or only typed ones.
  key += '{';
  bool first = true;
  const auto name = [&](std::string_view n) {
    if (!first) key += ',';
    first = false;
    util::append_json_string(key, n);
    key += ':';
  };
  if (g.action.mode) {
    name("mode");
    util::append_json_string(key, *g.action.mode);
  }
  if (g.history) {
    name("history");
    key += *g.history ? "true" : "false";
  }
  bool dataset_written = !g.dataset;
  for (const param& p : g.others) {
    if (!dataset_written && p.name > "dataset") {
      name("dataset");
      util::append_json_string(key, *g.dataset);
      dataset_written = true;
    }
    name(p.name);
    if (p.value.type == param_value::kind::string) {
      util::append_json_string(key, p.value.text);
    } else {
      key += to_json(p.value).dump();
    }
  }
  if (!dataset_written) {
    name("dataset");
    util::append_json_string(key, *g.dataset);
  }
  key += '}';
  return key;
}

namespace {

// The order of `a + '\n'` and `b + '\n'` as std::string::compare gives it, or 0 when the lines
// alone do not settle it: they are equal, or the longer goes on with a newline of its own (a
// name no policy may have, which the whole keys then order).
int line_order(std::string_view a, std::string_view b) {
  const std::size_t common = std::min(a.size(), b.size());
  if (const int c = a.substr(0, common).compare(b.substr(0, common)); c != 0) return c;
  if (a.size() == b.size()) return 0;
  const auto next = static_cast<unsigned char>(a.size() > b.size() ? a[common] : b[common]);
  if (next == '\n') return 0;
  const int shorter_first = next > '\n' ? -1 : 1;
  return a.size() < b.size() ? shorter_first : -shorter_first;
}

}  // namespace

int compare_grants(const grant& a, const grant& b) {
  // Most pairs differ in their permission or action, and the keys begin with those lines.
  if (const int c = line_order(a.permission, b.permission); c != 0) return c;
  if (a.permission == b.permission) {
    if (const int c = line_order(a.action.name, b.action.name); c != 0) return c;
  }
  return order_key(a).compare(order_key(b));
}

void sort_unique(std::vector<grant>& grants) { sort_grants(grants, order_key, true); }

}  // namespace rolec::model
