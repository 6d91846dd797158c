// RC321 unknown-role, RC322 wrong-audience, RC323 invalid-member, RC414 repeated-role, and RC305
// and RC316 for robots: who is given which roles in `[members]` and `[robots.NAME]`, judged as
// the Access API judges a role given to a user (`PUT /users/{id}/roles/{role}`) or a robot
// (`POST /robots` memberships).

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "lint/rules/context.hpp"
#include "util/spell.hpp"
#include "validate/rules.hpp"

namespace rolec::lint {
namespace {

using diag::rule;

// Member ids as Sanity writes them: letters, digits, `-` and `_` (the access control docs).
bool valid_member_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
  });
}

// Who holds the roles being judged: a person or a robot, named for messages.
struct holder {
  bool robot = false;
  std::string_view name;
  [[nodiscard]] std::string describe() const {
    return robot ? fmt::format("robot `{}`", name) : fmt::format("member `{}`", name);
  }
};

void check_role_names(context& c, const holder& who, const std::vector<policy::text>& roles) {
  std::unordered_map<std::string_view, const policy::text*> seen;
  for (const policy::text& name : roles) {
    if (const auto [it, inserted] = seen.emplace(name.value, &name); !inserted) {
      auto& d = c.report(rule::repeated_role, name.at, fmt::format("{} is given `{}` twice", who.describe(), name.value),
                         "remove one of them");
      d.notes.push_back({"first given here", it->second->at.where, it->second->at.source});
      continue;
    }
    const resolve::role* role = c.resolved.find_role(name.value);
    if (role == nullptr) {
      if (!c.complete()) continue;  // the role may be defined in the file that does not parse
      std::vector<std::string> names;
      for (const resolve::role& r : c.resolved.roles) names.push_back(r.name());
      std::string help = "give a custom role of this policy or a built-in role (administrator, editor, viewer, ...)";
      if (auto guess = util::closest(name.value, names)) help = fmt::format("did you mean `{}`?", *guess);
      c.report(rule::unknown_role, name.at, fmt::format("`{}` is not a role", name.value), std::move(help));
      continue;
    }
    const bool applies = who.robot ? role->value.applies_to_robots : role->value.applies_to_users;
    if (applies) continue;
    const char* key = who.robot ? "applies_to_robots" : "applies_to_users";
    auto& d = c.report(rule::wrong_audience, name.at,
                       fmt::format("{} is given `{}`, a role with `{} = false`", who.describe(), name.value, key),
                       who.robot ? "give the robot a role meant for robots; Sanity refuses this one"
                                 : "give the member a role meant for people; Sanity refuses this one");
    if (role->written != nullptr && (who.robot ? role->written->applies_to_robots.present : role->written->applies_to_users.present)) {
      const policy::flag& f = who.robot ? role->written->applies_to_robots : role->written->applies_to_users;
      d.notes.push_back({fmt::format("`{}` is set here", key), f.at.where, f.at.source});
    }
  }
}

void check_members(context& c) {
  for (const policy::member& m : c.written.members.entries) {
    const holder who{false, m.id.value};
    if (!valid_member_id(m.id.value)) {
      c.report(rule::invalid_member, m.id.at,
               fmt::format("`{}` is not a Sanity user id: ids have only letters, digits, `-` and `_`", m.id.value),
               "write the member's `sanityUserId`, as `rolec pull` or the console's member list shows it");
    }
    if (m.roles.empty()) {
      c.report(rule::invalid_member, m.id.at, fmt::format("member `{}` holds no role", m.id.value),
               "a project member holds at least one role: name one, or remove the line");
    }
    check_role_names(c, who, m.roles);
  }
}

void check_robots(context& c) {
  std::unordered_map<std::string_view, const policy::robot*> labels;
  for (const policy::robot& r : c.written.robots) {
    const holder who{true, r.name.value};
    if (!validate::valid_name(r.name.value)) {
      c.report(rule::invalid_name, r.name.at,
               fmt::format("the robot name `{}` may only contain lowercase letters, digits, `-` and `_`", r.name.value),
               "rename it; the name is how plans and other tools refer to the robot");
    }
    // Robots are matched to live ones by label (the API gives robots ids, not names), so two
    // robots of one label could not be told apart.
    const policy::text& label = r.label.present ? r.label : r.name;
    if (const auto [it, inserted] = labels.emplace(label.value, &r); !inserted) {
      auto& d = c.report(rule::duplicate_name, label.at,
                         fmt::format("robots `{}` and `{}` have the same label `{}`", it->second->name.value, r.name.value,
                                     label.value),
                         "give each robot a label of its own: plans match robots to live ones by label");
      const policy::text& other = it->second->label.present ? it->second->label : it->second->name;
      d.notes.push_back({"the other one", other.at.where, other.at.source});
    }
    if (r.roles.empty() && r.roles_at.where.size() != 0) {
      c.report(rule::invalid_member, r.roles_at, fmt::format("robot `{}` holds no role", r.name.value),
               "name at least one role: a robot token is created with its roles");
    }
    check_role_names(c, who, r.roles);
  }
}

}  // namespace

void check_holders(context& c) {
  check_members(c);
  check_robots(c);
}

}  // namespace rolec::lint
