// The plan file of `rolec plan -o`, which `rolec apply` reads.

#include <fmt/format.h>

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
    if (!c.fields.empty()) {
      auto& fields = item["fields"] = nlohmann::ordered_json::array();
      for (const field_change& f : c.fields) fields.push_back({{"field", f.field}, {"before", f.before}, {"after", f.after}});
    }
    if (c.what != action::remove) item["body"] = c.body;
    changes.push_back(std::move(item));
  }
  j["refused"] = p.refused;
  j["unmanaged"] = p.unmanaged;
  const summary s = summarize(p);
  j["summary"] = {{"create", s.create}, {"update", s.update}, {"delete", s.remove}, {"widening", s.widening}};
  j["live"] = p.live;
  return j;
}

std::optional<plan> from_json(const nlohmann::json& j, std::string& error) {
  try {
    if (!j.is_object() || j.value("kind", "") != "plan") {
      error = "not a plan file (no \"kind\": \"plan\"); write one with `rolec plan -o FILE`";
      return std::nullopt;
    }
    if (j.value("format_version", "") != "1") {
      error = fmt::format("unsupported plan `format_version` {}: this rolec reads \"1\"", j.value("format_version", nlohmann::json()).dump());
      return std::nullopt;
    }
    plan p;
    p.project_id = j.at("resource").at("id").get<std::string>();
    p.api_version = j.at("api_version").get<std::string>();
    p.live_digest = j.at("live_digest").get<std::string>();
    p.live = j.at("live");
    for (const auto& item : j.at("changes")) {
      change c;
      const auto what = action_of(item.at("action").get<std::string>());
      if (!what) throw std::runtime_error("unknown action " + item.at("action").dump());
      c.what = *what;
      c.resource = item.at("resource") == "permission" ? access::kind::permission : access::kind::role;
      c.name = item.at("name").get<std::string>();
      if (item.contains("body")) c.body = item["body"];
      if (c.what != action::remove && !c.body.is_object()) throw std::runtime_error("a change without a body");
      if (item.contains("widens")) c.widens = item["widens"].get<std::vector<std::string>>();
      p.changes.push_back(std::move(c));
    }
    if (j.contains("refused")) p.refused = j["refused"].get<std::vector<std::string>>();
    return p;
  } catch (const std::exception& e) {
    error = fmt::format("not a valid plan file: {}", e.what());
    return std::nullopt;
  }
}

}  // namespace rolec::plan
