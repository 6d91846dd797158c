#include "decide/project.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

#include "decide/operations.hpp"
#include "util/spell.hpp"

namespace rolec::decide {
namespace {

// The predefined permissions a project question may name: project scope, not on documents.
std::vector<const resolve::permission*> project_permissions(const resolve::resolved_policy& policy) {
  std::vector<const resolve::permission*> out;
  for (const resolve::permission& p : policy.permissions) {
    if (p.predefined() && p.scope == rolec::model::scope::project && p.type != nullptr && !p.type->takes_filter &&
        !p.type->is_mode()) {
      out.push_back(&p);
    }
  }
  return out;
}

bool gives(const resolve::grant& g, const project_question& q) {
  return g.value.permission == q.permission && !g.value.action.is_mode() && g.value.action.name == q.action;
}

}  // namespace

std::optional<project_question> project_question_of(const resolve::resolved_policy& policy, std::string_view asked,
                                                    std::string& error) {
  const auto permissions = project_permissions(policy);
  if (names_project_permission(asked)) {
    const std::size_t dot = asked.rfind('.');
    const std::string_view name = asked.substr(0, dot);
    const std::string_view action = asked.substr(dot + 1);
    const auto it = std::find_if(permissions.begin(), permissions.end(), [&](const auto* p) { return p->name() == name; });
    if (it == permissions.end()) {
      std::vector<std::string> names;
      for (const auto* p : permissions) names.emplace_back(p->name());
      const auto close = util::closest(name, names);
      error = close ? fmt::format("`{}` is not a project permission; did you mean `{}`?", name, *close)
                    : fmt::format("`{}` is not a project permission; the project permissions are {}", name, fmt::join(names, ", "));
      return std::nullopt;
    }
    if (!(*it)->type->has_action(action)) {
      error = fmt::format("`{}` has no action `{}`; its actions are {}", name, action, fmt::join((*it)->type->actions, ", "));
      return std::nullopt;
    }
    return project_question{std::string(name), std::string(action)};
  }
  // An action alone, when exactly one project permission has it and it is no document action.
  const std::vector<std::string> document_names = askable_names();
  if (std::find(document_names.begin(), document_names.end(), asked) != document_names.end()) return std::nullopt;
  std::optional<project_question> found;
  for (const auto* p : permissions) {
    if (!p->type->has_action(asked)) continue;
    if (found) return std::nullopt;  // several have it: the question must name the permission
    found = project_question{std::string(p->name()), std::string(asked)};
  }
  return found;
}

project_answer decide_project(const resolve::resolved_policy& policy, const std::vector<std::string>& roles, bool robot,
                              const project_question& q) {
  project_answer out;
  out.asked = q;
  out.roles = roles;
  out.robot = robot;
  for (const std::string& name : roles) {
    const resolve::role* r = policy.find_role(name);
    if (r == nullptr) continue;
    const bool applies = robot ? r->value.applies_to_robots : r->value.applies_to_users;
    for (const std::size_t index : r->sent) {
      const resolve::grant& g = r->effective[index];
      if (!gives(g, q)) continue;
      out.grants.push_back({r->name(), std::string(g.from.via()), applies});
      out.allowed = out.allowed || applies;
    }
  }
  for (std::size_t i = policy.custom_role_count; i < policy.roles.size(); ++i) {
    const resolve::role& r = policy.roles[i];
    const bool has = std::any_of(r.sent.begin(), r.sent.end(), [&](std::size_t index) { return gives(r.effective[index], q); });
    if (has) out.builtin_givers.push_back(r.name());
  }
  return out;
}

std::string render_human(const project_answer& a) {
  const std::string who = a.roles.size() == 1 ? fmt::format("role `{}`", a.roles[0]) : fmt::format("roles {}", fmt::join(a.roles, ", "));
  std::string out = fmt::format("{}: `{}` of project permission `{}`, for {}{}\n", a.allowed ? "ALLOWED" : "DENIED",
                                a.asked.action, a.asked.permission, who, a.robot ? ", a robot token" : "");
  for (const project_grant& g : a.grants) {
    const std::string via = g.via.empty() ? std::string() : fmt::format(", through `extends = [\"{}\"]`", g.via);
    if (g.applies) {
      out += fmt::format("  allowed by `{}` of role `{}`{}\n", a.asked.permission, g.role, via);
    } else {
      out += fmt::format("  not by `{}` of role `{}`{}: the role does not apply to {}\n", a.asked.permission, g.role, via,
                         a.robot ? "robot tokens" : "users");
    }
  }
  if (!a.allowed && a.grants.empty()) {
    out += fmt::format("  no grant of the roles gives `{}` on `{}`\n", a.asked.action, a.asked.permission);
  }
  if (!a.allowed) {
    out += a.builtin_givers.empty()
               ? fmt::format("  hint: no built-in role gives it either\n")
               : fmt::format("  hint: built-in roles that give it: {}; a custom role may grant `{}` with actions = [\"{}\"]\n",
                             fmt::join(a.builtin_givers, ", "), a.asked.permission, a.asked.action);
  }
  return out;
}

nlohmann::ordered_json to_json(const project_answer& a) {
  nlohmann::ordered_json grants = nlohmann::ordered_json::array();
  for (const project_grant& g : a.grants) {
    nlohmann::ordered_json one{{"role", g.role}, {"permission", a.asked.permission}, {"allows", g.applies}};
    if (!g.via.empty()) one["via"] = g.via;
    grants.push_back(std::move(one));
  }
  return {{"format_version", "1"},
          {"decision", a.allowed ? "allow" : "deny"},
          {"roles", a.roles},
          {"permission", a.asked.permission},
          {"action", a.asked.action},
          {"robot", a.robot},
          {"grants", std::move(grants)},
          {"builtin_roles_that_give_it", a.builtin_givers}};
}

}  // namespace rolec::decide
