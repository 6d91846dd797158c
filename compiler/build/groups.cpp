// The `groups` target: one `system.group` document (`_.groups.<role>`) per role, for the
// deprecated custom access control (reference §4b, from S1), as a mutations payload. Such a
// document holds grants `{filter, permissions}` whose permissions are read, create, update and
// manage (S1), and the legacy history and editHistory (S4's document filter type; production
// groups used them); everything else a policy can say is reported as a grant the target cannot
// express. With `[members]`, a group's members are the users holding its role.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <map>
#include <string_view>

#include "build/findings.hpp"
#include "build/target.hpp"
#include "model/group_filter.hpp"

namespace rolec::build {

namespace {

// The permissions a `system.group` grant may hold, in the order S1 lists them (and we write them),
// then the legacy history permissions.
constexpr std::array<std::string_view, 6> group_actions = {"read", "create", "update", "manage", "history", "editHistory"};

// The place of `action` in `group_actions`, or its size for any other action.
std::size_t rank(std::string_view action) {
  const auto* found = std::find(group_actions.begin(), group_actions.end(), action);
  return static_cast<std::size_t>(found - group_actions.begin());
}

// The built-in groups S1 says are immutable; a role of the same name would overwrite one.
constexpr std::array<std::string_view, 5> immutable_groups = {"administrator", "create-session", "public", "read",
                                                              "write"};

// What a permission is, as far as `system.group` documents are concerned.
struct permission_kind {
  std::optional<std::string> filter;  ///< set for document filters, the only kind groups can hold
  bool mode = false;
  model::scope scope = model::scope::project;
};

permission_kind kind_of(const resolve::permission* p) {
  permission_kind k;
  if (p == nullptr || p->type == nullptr) return k;
  k.scope = p->type->scope;
  k.mode = p->type->is_mode();
  // Groups name the current user `$identity`: S1's legacy filters did, `rolec import` turns it
  // into `identity()`, and writing it back is what makes import then build give the group it read.
  // Studio passes the user to both forms alike (reference §6), so the meaning is the same.
  if (p->type->takes_filter && !k.mode && p->filter != nullptr) k.filter = model::identity_to_param(p->filter->trimmed());
  return k;
}

// The ids of the members holding `role`, sorted (the policy lists users, a group lists members).
nlohmann::ordered_json members_of(const compiled& c, const std::string& role) {
  std::vector<std::string> ids;
  for (const resolve::member* m : c.members) {
    if (std::find(m->value.roles.begin(), m->value.roles.end(), role) != m->value.roles.end()) ids.push_back(m->value.id);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return nlohmann::ordered_json(ids);
}

// Members are written into the groups of custom roles only: a role that is not one (a built-in
// role) has no group this target writes, so the member keeps it nowhere; say so per role given.
void warn_roles_without_group(const compiled& c, std::vector<diag::diagnostic>& out) {
  if (!c.members_managed) return;
  for (const resolve::member* m : c.members) {
    if (m->written == nullptr) continue;
    for (const policy::text& name : m->written->roles) {
      const bool custom = std::any_of(c.roles.begin(), c.roles.end(), [&](const resolve::role* r) { return r->name() == name.value; });
      if (custom) continue;
      out.push_back(finding_at(
          diag::rule::target_approximation, name.at,
          fmt::format("the groups target leaves out `{}` of member `{}`: only custom roles become groups, and the built-in "
                      "groups cannot be changed",
                      name.value, m->value.id),
          "give the member this role in the manage console, or a custom role that the groups target writes"));
    }
  }
}

class group_writer {
 public:
  group_writer(const compiled& c, output& out) : compiled_(c), out_(out) {}

  /// The two mutations of role `r`: create the group if it is missing, then set its grants (and,
  /// when the policy manages members, its members); without `[members]` those of an existing
  /// group are kept.
  std::array<nlohmann::ordered_json, 2> mutations(const resolve::role& r) {
    check_name(r);
    // A group applies to whoever is among its members, people and robots alike.
    warn_dropped_audience(r, "groups", "a `system.group` document applies to whoever its members are",
                          "the group is created without members: add only those the role is meant for",
                          out_.diagnostics);
    const std::string id = "_.groups." + r.name();
    nlohmann::ordered_json create;
    create["_id"] = id;
    create["_type"] = "system.group";
    const nlohmann::ordered_json members =
        compiled_.members_managed ? members_of(compiled_, r.name()) : nlohmann::ordered_json::array();
    create["members"] = members;
    nlohmann::ordered_json patch;
    patch["id"] = id;
    patch["set"]["grants"] = grants(r);
    if (compiled_.members_managed) patch["set"]["members"] = members;
    std::array<nlohmann::ordered_json, 2> out;
    out[0]["createIfNotExists"] = std::move(create);
    out[1]["patch"] = std::move(patch);
    return out;
  }

 private:
  const compiled& compiled_;
  output& out_;

  void check_name(const resolve::role& r) {
    const std::string& name = r.name();
    const auto report = [&](std::string message) {
      out_.diagnostics.push_back(
          finding_at(diag::rule::target_unsupported, r.written->name.at, std::move(message), "give the role another name"));
    };
    if (std::find(immutable_groups.begin(), immutable_groups.end(), name) != immutable_groups.end()) {
      report(fmt::format("role `{0}` would be written to `_.groups.{0}`, a built-in group that cannot be changed", name));
    } else if (!name.empty() && name.front() == '-') {
      // Sanity ids are dot-separated segments, and no segment may start with `-` (IDS).
      report(fmt::format("role `{0}` would be written to `_.groups.{0}`, which is not a valid document id", name));
    }
  }

  void unsupported(const resolve::grant& e, std::string_view reason, std::string help) {
    std::string message = fmt::format("the groups target cannot express {}: {}", describe_grant(e), reason);
    out_.diagnostics.push_back(grant_finding(diag::rule::target_unsupported, e, std::move(message), std::move(help)));
  }

  // True if `e` fits a `system.group` grant; otherwise it is reported.
  bool expressible(const resolve::grant& e, const permission_kind& kind) {
    if (kind.mode) {
      unsupported(e, "`system.group` grants have actions, not modes",
                  "grant a `sanity.document.filter` permission with actions such as `read`, `create` and `update` "
                  "instead");
    } else if (!kind.filter) {
      unsupported(e,
                  fmt::format("`system.group` grants cover documents, and `{}` is a {} permission", e.value.permission,
                              model::name_of(kind.scope)),
                  "build this role with the access-api target, which grants project and organization permissions");
    } else if (rank(e.value.action.name) == group_actions.size()) {
      unsupported(e, "`system.group` grants allow only `read`, `create`, `update`, `manage`, `history` and `editHistory`",
                  fmt::format("leave `{}` out of this grant", e.value.action.name));
    } else if (e.value.has_params()) {
      std::vector<std::string> names;
      for (const std::string& name : e.value.param_names()) names.push_back(fmt::format("`{}`", name));
      unsupported(e, fmt::format("`system.group` grants take no params ({})", fmt::join(names, ", ")),
                  "a `system.group` document applies to the dataset it is written to: leave `dataset` out and "
                  "write the documents to that dataset only");
    } else {
      return true;
    }
    return false;
  }

  // One grant per document filter permission, in permission order (entries are sorted by
  // permission, so the actions of one permission are adjacent).
  nlohmann::ordered_json grants(const resolve::role& r) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    std::string last;
    for (const resolve::grant* e : sent_grants(r)) {
      const permission_kind kind = kind_of(e->target);
      if (!expressible(*e, kind)) continue;
      if (out.empty() || e->value.permission != last) {
        nlohmann::ordered_json g;
        g["filter"] = *kind.filter;
        g["permissions"] = nlohmann::ordered_json::array();
        out.push_back(std::move(g));
        last = e->value.permission;
      }
      out.back()["permissions"].push_back(e->value.action.name);
    }
    for (auto& g : out) {
      auto& actions = g["permissions"];
      std::sort(actions.begin(), actions.end(), [](const auto& a, const auto& b) {
        return rank(a.template get_ref<const std::string&>()) < rank(b.template get_ref<const std::string&>());
      });
    }
    return out;
  }
};

}  // namespace

output emit_groups(const compiled& c) {
  output out;
  out.bundle = bundle_header("groups", c, c.api_version);
  auto& mutations = out.bundle["mutations"] = nlohmann::ordered_json::array();
  group_writer writer(c, out);
  for (const resolve::role* r : c.roles) {
    auto [create, patch] = writer.mutations(*r);
    mutations.push_back(create);
    mutations.push_back(patch);
    nlohmann::ordered_json file;
    file["mutations"] = nlohmann::ordered_json::array({std::move(create), std::move(patch)});
    out.files.emplace_back(fmt::format("documents/{}.json", r->name()), std::move(file));
  }
  warn_left_out(c, "groups", {}, "a `system.group` member is a project user id, and a robot token has none until it is created",
                out.diagnostics);
  warn_roles_without_group(c, out.diagnostics);
  sort_by_place(out.diagnostics);
  return out;
}

}  // namespace rolec::build
