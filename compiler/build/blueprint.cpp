// The `blueprint` target: a Sanity Blueprint document (@sanity/blueprints 0.28.0, `defineRole`,
// `defineProjectRole`, `defineRobotToken`; checked by @sanity/blueprints-parser 0.5.0) with one
// `sanity.access.role` per custom role and one `sanity.access.robot` per `[robots.NAME]`. A
// blueprint names permissions but cannot define them, and cannot give roles to people: those
// stay with rolec, and each is reported rather than left out without a word.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

#include "build/blueprint_names.hpp"
#include "build/findings.hpp"
#include "build/target.hpp"
#include "model/api_json.hpp"

namespace rolec::build {
namespace {

// What `defineBlueprint` of @sanity/blueprints writes when given no version.
constexpr const char* blueprint_schema = "https://schemas.sanity.io/blueprints/v2024-10-01/blueprint.schema.json";
constexpr const char* blueprint_version = "2024-10-01";

std::string quoted_list(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  out.reserve(names.size());
  for (const std::string& n : names) out.push_back(fmt::format("`{}`", n));
  return fmt::format("{}", fmt::join(out, ", "));
}

class blueprint_writer {
 public:
  blueprint_writer(const compiled& c, output& out) : c_(c), out_(out) {}

  nlohmann::ordered_json document() {
    nlohmann::ordered_json doc;
    doc["$schema"] = blueprint_schema;
    doc["blueprintVersion"] = blueprint_version;
    auto& resources = doc["resources"] = nlohmann::ordered_json::array();
    name_roles();
    // Sorted by the names they have in the blueprint, so that importing it and building again
    // gives the same order.
    std::vector<const resolve::role*> roles = c_.roles;
    std::stable_sort(roles.begin(), roles.end(), [&](const auto* a, const auto* b) {
      return role_names_.at(a->name()) < role_names_.at(b->name());
    });
    for (const resolve::role* r : roles) {
      if (auto resource = role(*r)) resources.push_back(std::move(*resource));
    }
    std::vector<const resolve::robot*> robots = c_.robots;
    std::stable_sort(robots.begin(), robots.end(),
                     [](const auto* a, const auto* b) { return resource_name(a->name) < resource_name(b->name); });
    for (const resolve::robot* r : robots) {
      if (auto resource = robot(*r)) resources.push_back(std::move(*resource));
    }
    note_permissions();
    note_members();
    return doc;
  }

 private:
  const compiled& c_;
  output& out_;
  std::map<std::string, std::string, std::less<>> role_names_;  // policy name -> resource name
  std::map<std::string, std::string, std::less<>> taken_;        // resource name -> what took it
  std::map<std::string, std::vector<std::string>, std::less<>> named_by_;  // custom permission -> roles

  // Claims `resource` for `what`; a second claim is an error, since the parser refuses
  // duplicate names and either resource would be lost.
  bool claim(const std::string& resource, const std::string& what, const policy::location& at) {
    const auto [it, fresh] = taken_.emplace(resource, what);
    if (fresh) return true;
    out_.diagnostics.push_back(finding_at(
        diag::rule::target_unsupported, at,
        fmt::format("{} would be the blueprint resource `{}`, which {} already is", what, resource, it->second),
        "rename one of them: blueprint resource names are unique"));
    return false;
  }

  // Warns when `name` is not a resource name, and says which name it has instead.
  std::string mapped(const std::string& name, std::string_view kind, std::string_view consequence,
                     const policy::location& at) {
    std::string resource = resource_name(name);
    if (resource != name) {
      out_.diagnostics.push_back(finding_at(
          diag::rule::target_approximation, at,
          fmt::format("{} `{}` is `{}` in the blueprint: a blueprint resource name starts with a letter, holds only "
                      "letters, digits, `-` and `_`, and does not end in `-` or `_`",
                      kind, name, resource),
          fmt::format("rename the {} in the policy to `{}`, {}", kind, resource, consequence)));
    }
    return resource;
  }

  void name_roles() {
    for (const resolve::role* r : c_.roles) {
      role_names_.emplace(r->name(), mapped(r->name(), "role", "so that Sanity and rolec call it the same",
                                            r->written->name.at));
    }
  }

  std::optional<nlohmann::ordered_json> role(const resolve::role& r) {
    const policy::location& at = r.written->name.at;
    nlohmann::ordered_json sent = model::to_api(r.api_value());
    if (sent["permissions"].empty()) {
      out_.diagnostics.push_back(finding_at(
          diag::rule::target_approximation, at,
          fmt::format("the blueprint target leaves out role `{}`: a blueprint role needs at least one permission",
                      r.name()),
          "give the role a grant, or build it with the access-api target"));
      return std::nullopt;
    }
    const std::string& name = role_names_.at(r.name());
    if (!claim(name, fmt::format("role `{}`", r.name()), at)) return std::nullopt;
    for (const resolve::grant* g : sent_grants(r)) {
      if (g->target != nullptr && !g->target->predefined()) {
        auto& roles = named_by_[std::string(g->target->name())];
        if (roles.empty() || roles.back() != r.name()) roles.push_back(r.name());
      }
    }
    // The order of `defineProjectRole`: the role's own fields, then its scope.
    nlohmann::ordered_json j;
    j["name"] = name;
    j["type"] = "sanity.access.role";
    j["title"] = sent["title"];
    if (sent.contains("description") && sent["description"].is_string() && !sent["description"].get_ref<const std::string&>().empty()) {
      j["description"] = sent["description"];
    }
    j["appliesToUsers"] = sent["appliesToUsers"];
    j["appliesToRobots"] = sent["appliesToRobots"];
    j["permissions"] = std::move(sent["permissions"]);
    if (c_.project_id) {
      j["resourceType"] = "project";
      j["resourceId"] = *c_.project_id;
    }
    return j;
  }

  std::optional<nlohmann::ordered_json> robot(const resolve::robot& r) {
    const policy::location at = r.written != nullptr ? r.written->name.at : policy::location{};
    const std::string name = mapped(r.name, "robot", "to keep one name in both", at);
    if (r.value.roles.empty()) {
      out_.diagnostics.push_back(finding_at(
          diag::rule::target_approximation, at,
          fmt::format("the blueprint target leaves out robot `{}`: a blueprint robot needs at least one role", r.name),
          "give the robot a role in `roles`"));
      return std::nullopt;
    }
    if (!claim(name, fmt::format("robot `{}`", r.name), at)) return std::nullopt;
    nlohmann::ordered_json membership;
    if (c_.project_id) {
      membership["resourceType"] = "project";
      membership["resourceId"] = *c_.project_id;
    }
    auto& names = membership["roleNames"] = nlohmann::ordered_json::array();
    for (const std::string& role : r.value.roles) {
      const auto custom = role_names_.find(role);
      names.push_back(custom != role_names_.end() ? custom->second : role);
    }
    nlohmann::ordered_json j;
    j["name"] = name;
    j["type"] = "sanity.access.robot";
    j["label"] = r.value.label.empty() ? r.name : r.value.label;
    j["memberships"] = nlohmann::ordered_json::array({std::move(membership)});
    return j;
  }

  // Every custom permission stays with rolec; the roles that name it need it to exist first.
  void note_permissions() {
    for (const resolve::permission* p : c_.permissions) {
      const auto roles = named_by_.find(p->name());
      std::string message = fmt::format("permission `{}` stays with rolec: a blueprint cannot define permissions",
                                        p->name());
      if (roles != named_by_.end()) {
        message += fmt::format(", and the blueprint's role{} {} name{} it", roles->second.size() == 1 ? "" : "s",
                               quoted_list(roles->second), roles->second.size() == 1 ? "s" : "");
      }
      diag::diagnostic d = finding_at(diag::rule::target_approximation, p->written->name.at, std::move(message),
                                      "create it before the blueprint is deployed: `rolec build --target access-api`, "
                                      "or `rolec plan` and `rolec apply`");
      d.level = diag::severity::info;
      out_.diagnostics.push_back(std::move(d));
    }
  }

  void note_members() {
    if (!c_.members_managed || c_.members.empty()) return;
    const resolve::member& first = *c_.members.front();
    const policy::location at = first.written != nullptr ? first.written->id.at : policy::location{};
    out_.diagnostics.push_back(finding_at(
        diag::rule::target_approximation, at,
        fmt::format("the blueprint target leaves out `[members]` ({} member{}): a blueprint cannot give roles to people",
                    c_.members.size(), c_.members.size() == 1 ? "" : "s"),
        "members stay with rolec (docs/members.md); give them their roles in the manage console until `rolec apply` does"));
  }
};

}  // namespace

output emit_blueprint(const compiled& c) {
  output out;
  // The document is the bundle: the parser refuses any top-level key but its own.
  out.bundle = blueprint_writer(c, out).document();
  out.files.emplace_back("blueprint.json", out.bundle);
  sort_by_place(out.diagnostics);
  return out;
}

}  // namespace rolec::build
