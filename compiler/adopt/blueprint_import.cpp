// Reading a Sanity Blueprint document (the shapes of @sanity/blueprints 0.28.0: `defineRole`,
// `defineProjectRole`, `defineRobotToken`) back into roles and robots. Every error names the
// file, line and column of the value at fault, found again in the text by its path, since the
// JSON library keeps no positions.

#include "adopt/blueprint_import.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

#include "adopt/toml_writer.hpp"
#include "model/api_json.hpp"
#include "util/json_read.hpp"

namespace rolec::adopt {
namespace {

using json = nlohmann::ordered_json;

// Raised for input of the wrong shape, with the path of the value at fault (`resources[2].title`).
struct shape_error {
  std::string message;
  std::string path;
};

[[noreturn]] void fail(std::string path, std::string message) { throw shape_error{std::move(message), std::move(path)}; }

std::string member(const std::string& where, std::string_view key) {
  return where.empty() ? std::string(key) : fmt::format("{}.{}", where, key);
}
std::string element(const std::string& where, std::size_t i) { return fmt::format("{}[{}]", where, i); }

// --- Finding a value's place in the text by its path ------------------------------------------

// The text is valid JSON (it was parsed before), so the scanner below only skips and compares.
class locator {
 public:
  explicit locator(std::string_view text) : text_(text) {}

  // The offset of the value at `path` (`resources[2].title`), or of the deepest part found.
  std::size_t find(std::string_view path) {
    at_ = 0;
    space();
    std::size_t found = at_;
    while (!path.empty()) {
      if (path.front() == '.') path.remove_prefix(1);
      if (path.front() == '[') {
        const std::size_t close = path.find(']');
        const std::size_t index = std::stoul(std::string(path.substr(1, close - 1)));
        path.remove_prefix(close + 1);
        if (!element_at(index)) return found;
      } else {
        const std::size_t end = std::min(path.find('.'), path.find('['));
        const std::string_view key = path.substr(0, end);
        path.remove_prefix(end == std::string_view::npos ? path.size() : end);
        if (!member_at(key)) return found;
      }
      found = at_;
    }
    return found;
  }

 private:
  std::string_view text_;
  std::size_t at_ = 0;

  char peek() const { return at_ < text_.size() ? text_[at_] : '\0'; }
  void space() {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\n' || text_[at_] == '\r' || text_[at_] == '\t')) ++at_;
  }
  // Skips a string at `at_`, returning its raw content (escapes as written).
  std::string_view string() {
    const std::size_t begin = ++at_;
    while (at_ < text_.size() && text_[at_] != '"') at_ += text_[at_] == '\\' ? 2 : 1;
    return text_.substr(begin, (at_++) - begin);
  }
  void value() {
    if (peek() == '"') {
      string();
      return;
    }
    if (peek() != '{' && peek() != '[') {
      while (at_ < text_.size() && std::string_view(",}] \n\r\t").find(text_[at_]) == std::string_view::npos) ++at_;
      return;
    }
    int depth = 0;
    do {
      const char c = peek();
      if (c == '"') {
        string();
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') --depth;
      ++at_;
    } while (depth > 0 && at_ < text_.size());
  }
  bool member_at(std::string_view key) {
    if (peek() != '{') return false;
    ++at_;
    for (space(); peek() == '"'; space()) {
      const std::string_view name = string();
      space();
      ++at_;  // ':'
      space();
      if (name == key) return true;
      value();
      space();
      if (peek() == ',') ++at_;
    }
    return false;
  }
  bool element_at(std::size_t index) {
    if (peek() != '[') return false;
    ++at_;
    space();
    for (std::size_t i = 0; peek() != ']' && at_ < text_.size(); ++i) {
      if (i == index) return true;
      value();
      space();
      if (peek() == ',') ++at_;
      space();
    }
    return false;
  }
};

// --- Reading the document ---------------------------------------------------------------------

const json* find(const json& obj, std::string_view key) {
  const auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

const std::string& text(const json& obj, std::string_view key, const std::string& where) {
  const json* v = find(obj, key);
  if (v == nullptr) fail(where, fmt::format("`{}` is missing", member(where, key)));
  if (!v->is_string()) fail(member(where, key), fmt::format("`{}` must be a string, not {}", member(where, key), model::json_type_name(*v)));
  return v->get_ref<const std::string&>();
}

// A member that must be an array.
const json& array(const json& obj, std::string_view key, const std::string& where) {
  const json* v = find(obj, key);
  if (v == nullptr) fail(where, fmt::format("`{}` is missing", member(where, key)));
  if (!v->is_array()) {
    fail(member(where, key), fmt::format("`{}` must be an array, not {}", member(where, key), model::json_type_name(*v)));
  }
  return *v;
}

constexpr const char* role_type = "sanity.access.role";
constexpr const char* robot_type = "sanity.access.robot";
constexpr const char* resource_prefix = "$.resources.";

class reader {
 public:
  explicit reader(blueprint_state& into) : into_(into) {}

  void document(const json& doc) {
    if (!doc.is_object()) fail("", fmt::format("a blueprint must be an object, not {}", model::json_type_name(doc)));
    if (const json* v = find(doc, "blueprintVersion"); v != nullptr && !v->is_string()) {
      fail("blueprintVersion", fmt::format("`blueprintVersion` must be a string, not {}", model::json_type_name(*v)));
    }
    if (find(doc, "resources") == nullptr) return;
    const json& resources = array(doc, "resources", "");
    // Names first: a robot may name a role that comes after it.
    for (std::size_t i = 0; i < resources.size(); ++i) name_of(resources[i], element("resources", i));
    for (std::size_t i = 0; i < resources.size(); ++i) resource(resources[i], element("resources", i));
  }

 private:
  blueprint_state& into_;
  std::map<std::string, std::string, std::less<>> types_;  // resource name -> type

  void name_of(const json& r, const std::string& where) {
    if (!r.is_object()) fail(where, fmt::format("`{}` must be an object, not {}", where, model::json_type_name(r)));
    const std::string& name = text(r, "name", where);
    if (name.empty()) fail(member(where, "name"), fmt::format("`{}` is empty", member(where, "name")));
    const std::string& type = text(r, "type", where);
    if (!types_.emplace(name, type).second) {
      fail(member(where, "name"), fmt::format("resource `{}` is defined twice", name));
    }
  }

  // The project a resource is scoped to; every scoped resource must name the same one.
  void scope(const json& r, const std::string& where) {
    const json* type = find(r, "resourceType");
    if (type == nullptr && find(r, "resourceId") == nullptr) return;
    if (type == nullptr) fail(where, fmt::format("`{}` is missing", member(where, "resourceType")));
    if (!type->is_string() || *type != "project") {
      fail(member(where, "resourceType"),
           fmt::format("`{}` must be `project`: rolec imports project roles and memberships only", member(where, "resourceType")));
    }
    const std::string& id = text(r, "resourceId", where);
    if (id.empty()) fail(member(where, "resourceId"), fmt::format("`{}` is empty", member(where, "resourceId")));
    if (into_.roles.resource_id && *into_.roles.resource_id != id) {
      fail(member(where, "resourceId"),
           fmt::format("project `{}`, but the blueprint names project `{}` before: a policy describes one project", id,
                       *into_.roles.resource_id));
    }
    into_.roles.resource_type = "project";
    into_.roles.resource_id = id;
  }

  void warn_lifecycle(const json& r, const std::string& name) {
    if (find(r, "lifecycle") != nullptr) {
      into_.warnings.push_back(fmt::format("the `lifecycle` of resource `{}` is left out: rolec keeps no lifecycles", name));
    }
  }

  void resource(const json& r, const std::string& where) {
    const std::string& name = r["name"].get_ref<const std::string&>();
    const std::string& type = r["type"].get_ref<const std::string&>();
    if (type == role_type) return role(r, where, name);
    if (type == robot_type) return robot(r, where, name);
    into_.warnings.push_back(
        fmt::format("resource `{}` of type `{}` is left out: rolec imports roles and robots only", name, type));
  }

  void role(const json& r, const std::string& where, const std::string& name) {
    scope(r, where);
    warn_lifecycle(r, name);
    text(r, "title", where);
    array(r, "permissions", where);
    model::role role;
    try {
      role = model::role_from_api(r, where);
    } catch (const model::shape_error& e) {
      const model::shape_problem& p = e.problem;
      // A missing member is reported at the object that lacks it.
      const std::string at = p.what == model::shape_problem::kind::missing ? p.field.substr(0, p.field.rfind('.')) : p.field;
      if (p.what == model::shape_problem::kind::missing) fail(at, fmt::format("`{}` is missing", p.field));
      fail(at, fmt::format("`{}` must be {}, not {}", p.field, p.expected, p.found));
    }
    role.is_custom = true;  // a blueprint defines custom roles only
    into_.roles.roles.push_back(std::move(role));
  }

  void robot(const json& r, const std::string& where, const std::string& name) {
    scope(r, where);
    warn_lifecycle(r, name);
    blueprint_robot out;
    out.name = name;
    // As `defineRobotToken` does: no label, or an empty one, is the name.
    out.label = find(r, "label") != nullptr ? text(r, "label", where) : name;
    if (out.label.empty()) out.label = name;
    const json& memberships = array(r, "memberships", where);
    for (std::size_t i = 0; i < memberships.size(); ++i) {
      membership(memberships[i], element(member(where, "memberships"), i), out);
    }
    into_.robots.push_back(std::move(out));
  }

  void membership(const json& m, const std::string& where, blueprint_robot& robot) {
    if (!m.is_object()) fail(where, fmt::format("`{}` must be an object, not {}", where, model::json_type_name(m)));
    if (const json* type = find(m, "resourceType"); type != nullptr && *type == "organization") {
      into_.warnings.push_back(fmt::format("an organization membership of robot `{}` is left out: rolec imports project "
                                           "memberships only",
                                           robot.name));
      return;
    }
    scope(m, where);
    const json& names = array(m, "roleNames", where);
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::string at = element(member(where, "roleNames"), i);
      const json& v = names[i];
      if (!v.is_string()) fail(at, fmt::format("`{}` must be a string, not {}", at, model::json_type_name(v)));
      std::string role = v.get<std::string>();
      // `$.resources.NAME` refers to a role of this blueprint, which is called NAME.
      if (role.rfind(resource_prefix, 0) == 0) {
        role.erase(0, std::string_view(resource_prefix).size());
        const auto it = types_.find(role);
        if (it == types_.end() || it->second != role_type) {
          fail(at, fmt::format("`{}` refers to no role of this blueprint", v.get_ref<const std::string&>()));
        }
      }
      if (role.empty()) fail(at, fmt::format("`{}` is empty", at));
      if (std::find(robot.roles.begin(), robot.roles.end(), role) == robot.roles.end()) robot.roles.push_back(std::move(role));
    }
  }
};

// Comments carry names from the input; a line break would end the comment.
std::string comment_text(std::string_view text) {
  std::string out(text);
  std::replace_if(out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return out;
}

std::string robot_table(const blueprint_robot& r) {
  std::vector<std::string> roles;
  roles.reserve(r.roles.size());
  for (const std::string& role : r.roles) roles.push_back(toml::basic_string(role));
  return fmt::format("[robots.{}]\nlabel = {}\nroles = [{}]\n", toml::key(r.name), toml::basic_string(r.label),
                     fmt::join(roles, ", "));
}

// Names custom permissions the roles grant: the blueprint cannot define them, so the policy
// must get them elsewhere before it lints.
void warn_undefined_permissions(const blueprint_state& b, const schemas::catalog& catalog, std::vector<std::string>& out) {
  std::map<std::string, std::set<std::string>> missing;
  for (const model::role& r : b.roles.roles) {
    for (const model::grant& g : r.grants) {
      if (catalog.permission(g.permission) == nullptr) missing[g.permission].insert(r.name);
    }
  }
  for (const auto& [permission, roles] : missing) {
    std::vector<std::string> names;
    for (const std::string& r : roles) names.push_back(fmt::format("`{}`", r));
    out.push_back(fmt::format("permission `{}` (granted by {}) is not Sanity's, and a blueprint cannot define it: add "
                              "`[permissions.{}]` to the policy, or import it from the project (`rolec pull`, "
                              "`rolec import`)",
                              permission, fmt::join(names, ", "), permission));
  }
}

}  // namespace

bool looks_like_blueprint(std::string_view text) {
  util::json_error why;
  const auto doc = util::parse_json<json>(text, why, util::max_json_depth);
  if (!doc || !doc->is_object()) return false;
  return doc->contains("blueprintVersion") || (doc->contains("resources") && !doc->contains("format_version"));
}

std::optional<blueprint_state> parse_blueprint(std::string_view text, const std::string& name, std::string& error) {
  util::json_error why;
  // As for live states: nothing deeper than a blueprint goes is walked recursively.
  const auto doc = util::parse_json<json>(text, why, 128);
  if (!doc) {
    error = why.too_deep ? fmt::format("{}:{}:{}: {}, which no blueprint is", name, why.at.line, why.at.column, why.reason)
                         : fmt::format("{}:{}:{}: not valid JSON: {}", name, why.at.line, why.at.column, why.reason);
    return std::nullopt;
  }
  blueprint_state out;
  try {
    reader(out).document(*doc);
  } catch (const shape_error& e) {
    const util::text_position at = util::position_of(text, locator(text).find(e.path));
    error = fmt::format("{}:{}:{}: {}", name, at.line, at.column, e.message);
    return std::nullopt;
  }
  return out;
}

imported_policy import_blueprint(const blueprint_state& b, const schemas::catalog& catalog) {
  imported_policy out = import_policy(b.roles, catalog);
  const std::string from = b.roles.resource_id ? fmt::format(" for project `{}`", comment_text(*b.roles.resource_id)) : "";
  out.header = fmt::format("# Imported by `rolec import` from a Sanity Blueprint{}.\n"
                           "# Its roles and robots; permissions other than Sanity's are not here: a blueprint cannot define them.\n",
                           from);
  if (b.roles.resource_id) out.project = fmt::format("[project]\nid = {}\n", toml::basic_string(*b.roles.resource_id));
  std::vector<const blueprint_robot*> robots;
  for (const blueprint_robot& r : b.robots) robots.push_back(&r);
  std::sort(robots.begin(), robots.end(), [](const auto* x, const auto* y) { return x->name < y->name; });
  for (const blueprint_robot* r : robots) out.robots += (out.robots.empty() ? "" : "\n") + robot_table(*r);
  out.robot_count = robots.size();
  out.warnings.insert(out.warnings.begin(), b.warnings.begin(), b.warnings.end());
  warn_undefined_permissions(b, catalog, out.warnings);
  return out;
}

}  // namespace rolec::adopt
