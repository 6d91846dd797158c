// The plan file of `rolec plan -o`, which `rolec apply` reads.

#include <fmt/format.h>

#include <stdexcept>

#include "plan/plan.hpp"

namespace rolec::plan {
namespace {

const char* action_name(action a) { return a == action::create ? "create" : a == action::update ? "update" : "delete"; }

std::optional<action> action_of(const std::string& name) {
  if (name == "create") return action::create;
  if (name == "update") return action::update;
  if (name == "delete") return action::remove;
  return std::nullopt;
}

// The digest of everything in a plan file but `plan_digest` itself, key order aside: apply
// refuses a plan edited after `rolec plan` wrote it (a changed body, a changed `live_digest`).
template<typename Json>
std::string content_digest(const Json& j) {
  nlohmann::json content(j);
  content.erase("plan_digest");
  return digest(content);
}

// Raised for a plan file of the wrong shape, with the place (`changes[2].name`) in the message.
struct shape_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const char* kind_of(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::object: return "an object";
    default: return "a number";
  }
}

const nlohmann::json& member(const nlohmann::json& obj, const std::string& key, const std::string& where) {
  const auto it = obj.find(key);
  if (it == obj.end()) throw shape_error(fmt::format("`{}{}` is missing", where, key));
  return *it;
}

std::string text(const nlohmann::json& obj, const std::string& key, const std::string& where) {
  const nlohmann::json& v = member(obj, key, where);
  if (!v.is_string() || v.get_ref<const std::string&>().empty()) {
    throw shape_error(fmt::format("`{}{}` must be a non-empty string, not {}", where, key, v.is_string() ? "an empty one" : kind_of(v)));
  }
  return v.get<std::string>();
}

const nlohmann::json& typed(const nlohmann::json& obj, const std::string& key, const std::string& where, bool object) {
  const nlohmann::json& v = member(obj, key, where);
  if (object ? !v.is_object() : !v.is_array()) {
    throw shape_error(fmt::format("`{}{}` must be {}, not {}", where, key, object ? "an object" : "an array", kind_of(v)));
  }
  return v;
}

std::vector<std::string> strings(const nlohmann::json& obj, const std::string& key, const std::string& where) {
  std::vector<std::string> out;
  if (!obj.contains(key)) return out;
  const nlohmann::json& list = typed(obj, key, where, false);
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string()) throw shape_error(fmt::format("`{}{}[{}]` must be a string, not {}", where, key, i, kind_of(list[i])));
    out.push_back(list[i].get<std::string>());
  }
  return out;
}

change change_of(const nlohmann::json& item, const std::string& where) {
  if (!item.is_object()) throw shape_error(fmt::format("`{}` must be an object, not {}", where, kind_of(item)));
  const std::string at = where + ".";
  change c;
  const std::string what = text(item, "action", at);
  const auto known = action_of(what);
  if (!known) throw shape_error(fmt::format("`{}action` is `{}`; expected create, update or delete", at, what));
  c.what = *known;
  const std::string resource = text(item, "resource", at);
  if (resource != "permission" && resource != "role") {
    throw shape_error(fmt::format("`{}resource` is `{}`; expected permission or role", at, resource));
  }
  c.resource = resource == "permission" ? access::kind::permission : access::kind::role;
  c.name = text(item, "name", at);
  if (c.what != action::remove) {
    c.body = typed(item, "body", at, true);
  }
  c.widens = strings(item, "widens", at);
  c.narrows = strings(item, "narrows", at);
  return c;
}

}  // namespace

nlohmann::ordered_json to_json(const plan& p) {
  nlohmann::ordered_json j;
  j["format_version"] = "1";
  j["kind"] = "plan";
  j["resource"] = {{"type", "project"}, {"id", p.project_id}};
  j["api_version"] = p.api_version;
  j["live_digest"] = p.live_digest;
  auto& changes = j["changes"] = nlohmann::ordered_json::array();
  for (const change& c : p.changes) {
    nlohmann::ordered_json item;
    item["action"] = action_name(c.what);
    item["resource"] = c.resource == access::kind::permission ? "permission" : "role";
    item["name"] = c.name;
    if (!c.widens.empty()) item["widens"] = c.widens;
    if (!c.narrows.empty()) item["narrows"] = c.narrows;
    if (!c.fields.empty()) {
      auto& fields = item["fields"] = nlohmann::ordered_json::array();
      for (const field_change& f : c.fields) fields.push_back({{"field", f.field}, {"before", f.before}, {"after", f.after}});
    }
    if (c.what != action::remove) item["body"] = c.body;
    changes.push_back(std::move(item));
  }
  j["refused"] = p.refused;
  j["unmanaged"] = p.unmanaged;
  if (!p.access.is_null()) j["access"] = p.access;
  const summary s = summarize(p);
  j["summary"] = {{"create", s.create}, {"update", s.update}, {"delete", s.remove}, {"widening", s.widening}};
  j["live"] = p.live;
  j["plan_digest"] = content_digest(j);
  return j;
}

std::optional<plan> from_json(const nlohmann::json& j, std::string& error) {
  // Not j.value(key, ""), which throws when the member is there but is not a string.
  const auto is = [&](const char* key, const char* expected) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() && it->get_ref<const std::string&>() == expected;
  };
  if (!j.is_object() || !is("kind", "plan")) {
    error = "not a plan file (no \"kind\": \"plan\"); write one with `rolec plan -o FILE`";
    return std::nullopt;
  }
  if (!is("format_version", "1")) {
    error = fmt::format("unsupported plan `format_version` {}: this rolec reads \"1\"", j.value("format_version", nlohmann::json()).dump());
    return std::nullopt;
  }
  try {
    const std::string written = text(j, "plan_digest", "");
    if (written != content_digest(j)) {
      error = "the plan was changed after `rolec plan` wrote it (its content does not match its `plan_digest`), so "
              "nothing was applied: make a new plan with `rolec plan -o`";
      return std::nullopt;
    }
    plan p;
    p.project_id = text(typed(j, "resource", "", true), "id", "resource.");
    p.api_version = text(j, "api_version", "");
    p.live_digest = text(j, "live_digest", "");
    p.live = typed(j, "live", "", true);
    const nlohmann::json& changes = typed(j, "changes", "", false);
    for (std::size_t i = 0; i < changes.size(); ++i) p.changes.push_back(change_of(changes[i], fmt::format("changes[{}]", i)));
    p.refused = strings(j, "refused", "");
    if (j.contains("access")) p.access = typed(j, "access", "", false);
    return p;
  } catch (const shape_error& e) {
    error = fmt::format("not a valid plan file: {}", e.what());
    return std::nullopt;
  }
}

}  // namespace rolec::plan
