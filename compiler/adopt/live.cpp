#include "adopt/live.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "adopt/input_json.hpp"
#include "model/api_json.hpp"
#include "util/file.hpp"

namespace rolec::adopt {
namespace {

using json = nlohmann::ordered_json;

std::string member(const std::string& where, std::string_view key) {
  return where.empty() ? std::string(key) : fmt::format("{}.{}", where, key);
}

std::string element(const std::string& where, std::size_t index) { return fmt::format("{}[{}]", where, index); }

// How a place is named in messages: `roles[2].name`, or "the document" for the whole file.
std::string shown(const std::string& where) { return where.empty() ? "the document" : fmt::format("`{}`", where); }

const char* kind_of(const json& v) { return model::json_type_name(v); }

void expect_object(const json& v, const std::string& where) {
  if (!v.is_object()) fail(fmt::format("{} must be an object, not {}", shown(where), kind_of(v)));
}

// A string member; nothing when it is absent or null and not `required`.
std::optional<std::string> text(const json& obj, std::string_view key, const std::string& where, bool required) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (required) fail(fmt::format("{} is missing", shown(member(where, key))));
    return std::nullopt;
  }
  if (!it->is_string()) fail(fmt::format("{} must be a string, not {}", shown(member(where, key)), kind_of(*it)));
  return it->get<std::string>();
}

std::string name_of(const json& obj, const std::string& where) {
  std::string name = *text(obj, "name", where, true);
  if (name.empty()) fail(fmt::format("{} is empty", shown(member(where, "name"))));
  return name;
}

// An object member that may be absent or null (then `{}`).
json object_or_empty(const json& obj, std::string_view key, const std::string& where) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return json::object();
  expect_object(*it, member(where, key));
  return *it;
}

const json& array_member(const json& obj, std::string_view key, const std::string& where) {
  const auto it = obj.find(key);
  if (it == obj.end()) fail(fmt::format("{} is missing", shown(member(where, key))));
  if (!it->is_array()) fail(fmt::format("{} must be an array, not {}", shown(member(where, key)), kind_of(*it)));
  return *it;
}

// An item read by the model's codec, its shape problems said as this reader says them.
template<typename Read>
auto decoded(const json& value, const std::string& where, Read read) {
  try {
    return read(value, where);
  } catch (const model::shape_error& e) {
    const model::shape_problem& p = e.problem;
    if (p.what == model::shape_problem::kind::missing) fail(fmt::format("{} is missing", shown(p.field)));
    fail(fmt::format("{} must be {}, not {}", shown(p.field), p.expected, p.found));
  }
}

bool is_role(const json& item) { return item.is_object() && item.contains("permissions"); }
bool is_permission(const json& item) { return item.is_object() && (item.contains("type") || item.contains("config")); }

class reader {
 public:
  reader(const std::string& file, live_state& into) : file_(file), into_(into) {
    for (std::size_t i = 0; i < into.roles.size(); ++i) roles_.emplace(into.roles[i].name, i);
    for (std::size_t i = 0; i < into.permissions.size(); ++i) permissions_.emplace(into.permissions[i].name, i);
  }

  void document(const json& doc) {
    if (doc.is_object() && doc.contains("format_version")) return pulled(doc);
    if (doc.is_object() && doc.contains("data")) return page(doc);
    if (doc.is_array()) return items(doc, "");
    if (is_role(doc) || is_permission(doc)) return item(doc, "");
    fail("not a live state: expected a `rolec pull` file, an Access API response `{\"data\": [...]}`, "
         "or an array of roles or permissions");
  }

 private:
  const std::string& file_;
  live_state& into_;
  std::map<std::string, std::size_t> roles_;        // name -> index in into_.roles
  std::map<std::string, std::size_t> permissions_;  // name -> index in into_.permissions

  // What `rolec pull` writes: the resource, the API version and both listings.
  void pulled(const json& doc) {
    const json& version = doc["format_version"];
    if (version != live_format_version) {
      fail(fmt::format("unsupported `format_version` {}: this rolec reads version \"{}\"", version.dump(),
                       live_format_version));
    }
    const json resource = object_or_empty(doc, "resource", "");
    note_resource(text(resource, "type", "resource", false), text(resource, "id", "resource", false), "resource");
    if (auto api = text(doc, "api_version", "", false)) {
      if (into_.api_version && *into_.api_version != *api) {
        fail(fmt::format("`api_version` is `{}`, but another file says `{}`", *api, *into_.api_version));
      }
      into_.api_version = std::move(api);
    }
    if (doc.contains("permissions")) {
      const json& list = array_member(doc, "permissions", "");
      for (std::size_t i = 0; i < list.size(); ++i) permission(list[i], element("permissions", i));
    }
    if (doc.contains("roles")) {
      const json& list = array_member(doc, "roles", "");
      for (std::size_t i = 0; i < list.size(); ++i) role(list[i], element("roles", i));
    }
    if (doc.contains("users")) {
      const json& list = array_member(doc, "users", "");
      for (std::size_t i = 0; i < list.size(); ++i) user(list[i], element("users", i));
    }
  }

  // A `GET /users` item: the roles it holds in this project, from its memberships.
  void user(const json& value, const std::string& where) {
    expect_object(value, where);
    model::member u;
    u.id = *text(value, "sanityUserId", where, true);
    if (value.contains("memberships")) {
      const json& memberships = array_member(value, "memberships", where);
      for (std::size_t i = 0; i < memberships.size(); ++i) {
        const std::string at = element(member(where, "memberships"), i);
        expect_object(memberships[i], at);
        const auto type = text(memberships[i], "resourceType", at, false);
        const auto id = text(memberships[i], "resourceId", at, false);
        if ((type && *type != "project") || (id && into_.resource_id && *id != *into_.resource_id)) continue;
        if (!memberships[i].contains("roleNames")) continue;
        const json& names = array_member(memberships[i], "roleNames", at);
        for (std::size_t j = 0; j < names.size(); ++j) {
          if (!names[j].is_string()) fail(fmt::format("{} is not a string", shown(element(member(at, "roleNames"), j))));
          u.roles.push_back(names[j].get<std::string>());
        }
      }
    }
    into_.users.push_back(std::move(u));
  }

  // One page of a list endpoint: `{"data": [...], "nextCursor": ...}`.
  void page(const json& doc) {
    items(array_member(doc, "data", ""), "data");
    const auto cursor = doc.find("nextCursor");
    if (cursor != doc.end() && !cursor->is_null() && *cursor != "") {
      into_.warnings.push_back(fmt::format("{}: the response has a `nextCursor`, so more pages follow; give every page "
                                           "(or use `rolec pull`)",
                                           file_));
    }
  }

  void items(const json& list, const std::string& where) {
    for (std::size_t i = 0; i < list.size(); ++i) item(list[i], element(where, i));
  }

  // An item of a raw listing is a role or a permission by its fields.
  void item(const json& value, const std::string& where) {
    expect_object(value, where);
    if (is_role(value)) return role(value, where);
    if (is_permission(value)) return permission(value, where);
    fail(fmt::format("{} is neither a role (it has no `permissions`) nor a permission (it has no `type` or `config`)",
                     shown(where)));
  }

  void role(const json& value, const std::string& where) {
    expect_object(value, where);
    name_of(value, where);
    (void)array_member(value, "permissions", where);
    model::role r = decoded(value, where, model::role_from_api);
    for (std::size_t i = 0; i < r.grants.size(); ++i) {
      if (r.grants[i].permission.empty()) {
        fail(fmt::format("{} is empty", shown(member(element(member(where, "permissions"), i), "name"))));
      }
    }
    note_resource(text(value, "resourceType", where, false), text(value, "resourceId", where, false), where);
    add(into_.roles, roles_, std::move(r), "role");
  }

  void permission(const json& value, const std::string& where) {
    expect_object(value, where);
    name_of(value, where);
    model::permission p = decoded(value, where, model::permission_from_api);
    (void)text(value, "type", where, true);
    note_resource(text(value, "resourceType", where, false), text(value, "resourceId", where, false), where);
    add(into_.permissions, permissions_, std::move(p), "permission");
  }

  // Every file must describe the same project: mixing two would import a policy neither has.
  void note_resource(const std::optional<std::string>& type, const std::optional<std::string>& id, const std::string& where) {
    if (type) {
      if (*type != "project") {
        fail(fmt::format("{} belongs to a resource of type `{}`{}; rolec imports the roles and permissions of a project",
                         shown(where), *type, id ? fmt::format(" (`{}`)", *id) : std::string()));
      }
      into_.resource_type = *type;
    }
    if (!id) return;
    if (id->empty()) fail(fmt::format("{} names a project with an empty id", shown(where)));
    if (into_.resource_id && *into_.resource_id != *id) {
      fail(fmt::format("{} belongs to project `{}`, but {} is about project `{}`; import one project at a time", shown(where),
                       *id, into_.resource_origin == file_ ? "the rest of the file" : into_.resource_origin, *into_.resource_id));
    }
    if (!into_.resource_id) {
      into_.resource_id = *id;
      into_.resource_origin = file_;
    }
  }

  // A name listed again (the same page given twice, overlapping files) is kept once when it says
  // the same; two different definitions under one name cannot both be imported.
  template<typename Item>
  void add(std::vector<Item>& list, std::map<std::string, std::size_t>& index, Item item, const char* kind) {
    const auto [at, added] = index.emplace(item.name, list.size());
    const std::string key = fmt::format("{}:{}", kind, item.name);
    if (added) {
      into_.origins.emplace(key, file_);
      list.push_back(std::move(item));
      return;
    }
    if (!(list[at->second] == item)) {
      fail(fmt::format("{} `{}` is listed twice with different content (also in {})", kind, item.name, into_.origins[key]));
    }
  }
};

}  // namespace

bool parse_live(std::string_view text, const std::string& name, live_state& into, std::string& error) {
  return read_whole(text, name, "live state", into, error,
                    [&](const json& doc, live_state& merged) { reader(name, merged).document(doc); });
}

std::optional<live_state> read_live(const std::vector<std::string>& paths, std::string& error) {
  if (paths.empty()) {
    error = "no live state given";
    return std::nullopt;
  }
  live_state state;
  for (const std::string& path : paths) {
    const auto text = util::read_file(path, error);
    if (!text) return std::nullopt;
    if (!parse_live(*text, path == "-" ? "<stdin>" : path, state, error)) return std::nullopt;
  }
  return state;
}

}  // namespace rolec::adopt
