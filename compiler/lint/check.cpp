// The policy rules: names, titles, references, grants against the permission resource schemas,
// `extends`, filters, and the warnings and security findings about what a policy grants.

#include "lint/check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "groq/analyze.hpp"
#include "lint/filters.hpp"
#include "util/parallel.hpp"
#include "util/spell.hpp"
#include "util/text_case.hpp"
#include "util/utf8.hpp"

namespace rolec::lint {
namespace {

using diag::rule;
using policy::location;

/// One grant once `extends` is resolved: a permission, an action (`mode` for mode permissions) and
/// the mode, with where it came from.
struct effective_grant {
  std::string permission;
  std::string action;
  std::string mode;  ///< mode permissions: read, create or publish
  location at;       ///< the grant, or the `extends` entry it came through
  std::string via;   ///< the extended role it came through, if any
};

class checker {
 public:
  checker(const policy::policy& p, const schemas::catalog& catalog, const diag::source_manager& sources)
      : policy_(p), catalog_(catalog), sources_(sources) {}

  std::vector<diag::diagnostic> run() {
    custom_permissions_.reserve(policy_.permissions.size());
    custom_roles_.reserve(policy_.roles.size());
    granted_permissions_.reserve(policy_.permissions.size());
    for (const auto& perm : policy_.permissions) custom_permissions_.emplace(perm.name.value, &perm);
    for (const auto& r : policy_.roles) custom_roles_.emplace(r.name.value, &r);
    check_names();
    for (const auto& perm : policy_.permissions) check_permission(perm);
    for (const auto& perm : policy_.shadowed_permissions) check_permission(perm);
    check_filters();
    for (const auto& r : policy_.roles) check_role(r);
    for (const auto& r : policy_.shadowed_roles) check_role(r);
    check_extends_cycles();
    for (const auto& r : policy_.roles) check_effective(r);
    check_unused();
    check_lint_levels();
    return std::move(out_);
  }

 private:
  const policy::policy& policy_;
  const schemas::catalog& catalog_;
  const diag::source_manager& sources_;
  std::vector<diag::diagnostic> out_;
  std::unordered_map<std::string_view, const policy::permission*> custom_permissions_;  // views of policy_
  std::unordered_map<std::string_view, const policy::role*> custom_roles_;
  std::unordered_set<std::string_view> granted_permissions_;

  diag::diagnostic& report(rule r, location at, std::string message, std::string help = {}) {
    diag::diagnostic d = diag::make(r, at.where, std::move(message), std::move(help));
    d.source = at.source;
    out_.push_back(std::move(d));
    return out_.back();
  }

  // References across files cannot be judged while a file does not parse.
  [[nodiscard]] bool complete() const { return policy_.broken_files.empty(); }

  // --- names and titles ---------------------------------------------------------------------

  void check_name(const policy::text& name, std::string_view kind) {
    // `^[a-z0-9_-]+$`, without std::regex: this runs for every name of a large policy.
    const bool valid = !name.value.empty() && std::all_of(name.value.begin(), name.value.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
    if (!valid) {
      std::string suggestion;
      for (char c : name.value) {
        const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        suggestion += (std::isalnum(static_cast<unsigned char>(lower)) != 0 || lower == '-' || lower == '_') ? lower : '-';
      }
      report(rule::invalid_name, name.at,
             fmt::format("the {} name `{}` may only contain lowercase letters, digits, `-` and `_`", kind, name.value),
             fmt::format("Sanity rejects it; rename it, for example to `{}`", suggestion));
    }
  }

  void check_title(const policy::text& title, const policy::text& name, std::string_view kind) {
    if (!title.present) {
      if (title.invalid) return;
      report(rule::invalid_title, name.at, fmt::format("{} `{}` has no title", kind, name.value),
             "add title = \"...\" (1 to 100 characters); Sanity requires one");
      return;
    }
    const std::size_t length = util::utf8_length(title.value);
    if (length == 0) {
      report(rule::invalid_title, title.at, fmt::format("the title of {} `{}` is empty", kind, name.value),
             "a title has 1 to 100 characters");
    } else if (length > 100) {
      report(rule::invalid_title, title.at,
             fmt::format("the title of {} `{}` has {} characters, more than 100", kind, name.value, length),
             "shorten it; longer explanations belong in `description`");
    }
    for (const policy::text* t : {&title}) {
      if (const std::string what = confusable(t->value); !what.empty() && what.find("invisible") != std::string::npos) {
        report(rule::confusable_text, t->at, fmt::format("this title contains {}", what), "retype it with plain characters");
      }
    }
  }

  // Names that differ only in case, and titles (what the console shows) that are equal but for case.
  template<typename Entries>
  void check_case_collisions(const Entries& entries, std::string_view kind) {
    std::vector<std::string_view> names;
    names.reserve(entries.size());
    for (const auto& e : entries) names.push_back(e.name.value);
    for (const auto& [first, later] : util::case_duplicates(names)) {
      const policy::text& a = entries[first].name;
      const policy::text& b = entries[later].name;
      auto& d = report(rule::case_collision, b.at, fmt::format("the {} names `{}` and `{}` differ only in case", kind, a.value, b.value),
                       "give them names that differ in more than case; readers and tools confuse them");
      d.notes.push_back({"the other one", a.at.where, a.at.source});
    }
    std::vector<std::string_view> titles;
    std::vector<std::size_t> owner;  // entry of each title
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (!entries[i].title.present || entries[i].title.value.empty()) continue;
      titles.push_back(entries[i].title.value);
      owner.push_back(i);
    }
    for (const auto& [first, later] : util::case_duplicates(titles)) {
      const auto& a = entries[owner[first]];
      const auto& b = entries[owner[later]];
      const std::string message =
          a.title.value == b.title.value
              ? fmt::format("{}s `{}` and `{}` have the same title `{}`", kind, a.name.value, b.name.value, b.title.value)
              : fmt::format("the titles of {}s `{}` and `{}` differ only in case: `{}` and `{}`", kind, a.name.value,
                            b.name.value, a.title.value, b.title.value);
      auto& d = report(rule::case_collision, b.title.at, message,
                       fmt::format("give each {} a title that tells it apart in the Sanity console", kind));
      d.notes.push_back({"the other one", a.title.at.where, a.title.at.source});
    }
  }

  void check_names() {
    check_case_collisions(policy_.permissions, "permission");
    check_case_collisions(policy_.roles, "role");
    for (const auto& perm : policy_.permissions) check_permission_name(perm);
    for (const auto& perm : policy_.shadowed_permissions) check_permission_name(perm);
    for (const auto& r : policy_.roles) check_role_name(r);
    for (const auto& r : policy_.shadowed_roles) check_role_name(r);
  }

  void check_permission_name(const policy::permission& perm) {
    check_name(perm.name, "permission");
    check_title(perm.title, perm.name, "permission");
    if (catalog_.permission(perm.name.value) != nullptr) {
      report(rule::builtin_redefined, perm.name.at,
             fmt::format("`{}` is a predefined permission and cannot be redefined", perm.name.value),
             "grant the predefined permission directly, or give the custom one another name");
    }
  }

  void check_role_name(const policy::role& r) {
    check_name(r.name, "role");
    check_title(r.title, r.name, "role");
    if (catalog_.role(r.name.value) != nullptr) {
      report(rule::builtin_redefined, r.name.at, fmt::format("`{}` is a built-in role and cannot be redefined", r.name.value),
             fmt::format("name the custom role differently and use extends = [\"{}\"] to build on it", r.name.value));
    }
  }

  // --- permissions ----------------------------------------------------------------------------

  /// The type of a custom permission: written, or `sanity.document.filter` when a filter is given.
  const schemas::permission_type* type_of(const policy::permission& perm) const {
    if (perm.type.present) return catalog_.type(perm.type.value);
    if (perm.filter) return catalog_.type("sanity.document.filter");
    return nullptr;
  }

  void check_permission(const policy::permission& perm) {
    if (perm.type.present && catalog_.type(perm.type.value) == nullptr) {
      std::vector<std::string> type_names;
      for (const auto& t : catalog_.types()) type_names.push_back(t.type);
      std::string help = "see the permission resource types in schemas/permission-types.json";
      if (auto guess = util::closest(perm.type.value, type_names)) help = fmt::format("did you mean `{}`?", *guess);
      report(rule::unknown_permission_type, perm.type.at, fmt::format("`{}` is not a permission resource type", perm.type.value),
             help);
      return;
    }
    if (!perm.type.present && !perm.filter) {
      report(rule::missing_key, perm.name.at, fmt::format("permission `{}` has neither a `filter` nor a `type`", perm.name.value),
             "add filter = '''...''' for a document permission");
      return;
    }
    const schemas::permission_type* type = type_of(perm);
    if (type == nullptr) return;
    if (type->takes_filter && !perm.filter) {
      report(rule::filter_mismatch, perm.type.at,
             fmt::format("permission `{}` is of type `{}`, which needs a `filter`", perm.name.value, type->type),
             "add filter = '''...''' with the documents it covers");
    } else if (!type->takes_filter && perm.filter) {
      report(rule::filter_mismatch, perm.filter->literal,
             fmt::format("permission `{}` is of type `{}`, which takes no filter", perm.name.value, type->type),
             "remove the filter, or use the type `sanity.document.filter`");
    }
  }

  void check_filters() {
    // Filters are independent: check them on every core.
    std::vector<const policy::permission*> permissions;
    permissions.reserve(policy_.permissions.size() + policy_.shadowed_permissions.size());
    for (const auto& perm : policy_.permissions) permissions.push_back(&perm);
    for (const auto& perm : policy_.shadowed_permissions) permissions.push_back(&perm);
    std::vector<std::vector<diag::diagnostic>> found(permissions.size());
    // Threads pay off only for many filters; a pre-commit run on a small policy starts none.
    const unsigned threads = permissions.size() < 512 ? 1 : 0;
    util::parallel_for(permissions.size(), threads, [&](std::size_t i) {
      const policy::permission& perm = *permissions[i];
      if (!perm.filter) return;
      groq::parse_result parsed = groq::analyze(perm.filter->text, {groq::mode::filter, nullptr});
      const bool clean = parsed.ok();
      check_filter_syntax(*perm.filter, parsed, found[i]);
      if (clean) check_filter_meaning(*perm.filter, parsed, found[i]);
    });
    for (auto& list : found) {
      for (auto& d : list) out_.push_back(std::move(d));
    }
  }

  // --- grants ---------------------------------------------------------------------------------

  /// Where a permission name points: the type and, for custom ones, the definition.
  struct resolved {
    const schemas::permission_type* type = nullptr;
    const policy::permission* custom = nullptr;
    const schemas::predefined_permission* predefined = nullptr;
  };

  resolved resolve(const std::string& name) const {
    resolved r;
    if (const auto it = custom_permissions_.find(name); it != custom_permissions_.end()) {
      r.custom = it->second;
      r.type = type_of(*it->second);
    } else if (const auto* p = catalog_.permission(name)) {
      r.predefined = p;
      r.type = catalog_.type_of(*p);
    }
    return r;
  }

  std::vector<std::string> permission_names() const {
    std::vector<std::string> names;
    for (const auto& perm : policy_.permissions) names.push_back(perm.name.value);  // file order: stable suggestions
    for (const auto& p : catalog_.permissions()) names.push_back(p.name);
    return names;
  }

  void check_role(const policy::role& r) {
    if (!r.has_grants && r.extends.empty()) {
      report(rule::empty_role, r.name.at, fmt::format("role `{}` grants nothing", r.name.value),
             "add grants, or extends = [\"...\"], or remove the role");
    }
    for (const policy::text& parent : r.extends) {
      if (custom_roles_.count(parent.value) == 0 && catalog_.role(parent.value) == nullptr && complete()) {
        std::vector<std::string> names;
        for (const auto& role : policy_.roles) names.push_back(role.name.value);
        for (const auto& b : catalog_.roles()) names.push_back(b.name);
        std::string help = "extend a custom role of this policy or a built-in role (administrator, editor, viewer, ...)";
        if (auto guess = util::closest(parent.value, names)) help = fmt::format("did you mean `{}`?", *guess);
        report(rule::unknown_extends, parent.at, fmt::format("`{}` is not a role", parent.value), help);
      }
    }
    for (const policy::grant& g : r.grants) check_grant(g);
  }

  void check_grant(const policy::grant& g) {
    if (!g.permission.present) return;  // reported by load
    granted_permissions_.insert(g.permission.value);
    const resolved target = resolve(g.permission.value);
    if (target.custom == nullptr && target.predefined == nullptr) {
      if (!complete()) return;
      std::string help = "define it under [permissions.NAME], or grant a predefined permission";
      if (auto guess = util::closest(g.permission.value, permission_names())) help = fmt::format("did you mean `{}`?", *guess);
      report(rule::unknown_permission, g.permission.at, fmt::format("unknown permission `{}`", g.permission.value), help);
      return;
    }
    const schemas::permission_type* type = target.type;
    if (type == nullptr) return;  // its own definition is reported
    if (type->is_mode()) {
      if (g.has_actions) {
        report(rule::actions_or_mode, g.actions_at,
               fmt::format("`{}` is a mode permission: it takes a `mode`, not `actions`", g.permission.value),
               "write mode = \"read\", \"create\" or \"publish\" instead");
      } else if (!g.mode.present) {
        report(rule::actions_or_mode, g.permission.at, fmt::format("the grant of `{}` has no `mode`", g.permission.value),
               "add mode = \"read\", \"create\" or \"publish\"");
      }
      if (g.mode.present) check_enum(*type, "mode", g.mode.value, g.mode.at, g.permission.value);
    } else {
      if (g.mode.present) {
        report(rule::actions_or_mode, g.mode.at,
               fmt::format("`{}` is not a mode permission: it takes `actions`, not a `mode`", g.permission.value),
               fmt::format("write actions = [...] with some of: {}", fmt::join(type->actions, ", ")));
      }
      if (g.history.present) {
        report(rule::invalid_param, g.history.at,
               fmt::format("`history` only applies to mode permissions, and `{}` is not one", g.permission.value),
               type->has_action("history") ? "add \"history\" to `actions` instead" : "remove it");
      }
      if (!g.has_actions && !g.mode.present) {
        report(rule::missing_key, g.permission.at, fmt::format("the grant of `{}` has no `actions`", g.permission.value),
               fmt::format("add actions = [...] with some of: {}", fmt::join(type->actions, ", ")));
      }
      // An action listed twice is reported with the other redundant grants (RC404).
      for (const policy::text& action : g.actions) {
        if (!type->has_action(action.value)) {
          std::string help = fmt::format("`{}` allows {}", type->type, fmt::join(type->actions, ", "));
          if (auto guess = util::closest(action.value, type->actions)) help = fmt::format("did you mean `{}`?", *guess);
          // Publishing is not an action of a document filter: it is the widest mode of a mode permission.
          if (type->type == "sanity.document.filter" && util::closest(action.value, std::vector<std::string>{"publish"})) {
            help = "publishing is a mode: grant a permission of type `sanity.document.filter.mode` with mode = \"publish\"";
          }
          report(rule::unknown_action, action.at,
                 fmt::format("`{}` has no action `{}`", g.permission.value, action.value), help);
        }
      }
    }
    for (const policy::param& p : g.params) check_param(*type, p, g.permission.value);
  }

  void check_enum(const schemas::permission_type& type, std::string_view name, const std::string& value,
                  const location& at, const std::string& permission) {
    const schemas::param_spec* spec = type.param(name);
    if (spec == nullptr || spec->values.empty()) return;
    if (std::find(spec->values.begin(), spec->values.end(), value) != spec->values.end()) return;
    std::string help = fmt::format("`{}` is one of {}", name, fmt::join(spec->values, ", "));
    if (auto guess = util::closest(value, spec->values)) help = fmt::format("did you mean `{}`?", *guess);
    report(rule::invalid_param, at, fmt::format("`{}` is not a {} of `{}`", value, name, permission), help);
  }

  void check_param(const schemas::permission_type& type, const policy::param& p, const std::string& permission) {
    if (p.name == "mode" || p.name == "history") {
      report(rule::invalid_param, p.key, fmt::format("write `{}` beside `permission`, not in `params`", p.name),
             fmt::format("{{ permission = \"{}\", {} = ... }}", permission, p.name));
      return;
    }
    const schemas::param_spec* spec = type.param(p.name);
    if (spec == nullptr) {
      std::vector<std::string> names;
      for (const auto& s : type.params) {
        if (s.name != "mode" && s.name != "history") names.push_back(s.name);
      }
      const auto guess = util::closest(p.name, names);
      for (std::string& n : names) n = fmt::format("`{}`", n);
      std::string help = names.empty() ? fmt::format("`{}` takes no parameters", type.type)
                                       : fmt::format("`{}` takes only {}", type.type, fmt::join(names, ", "));
      if (guess) help = fmt::format("did you mean `{}`?", *guess);
      report(rule::invalid_param, p.key, fmt::format("`{}` takes no parameter `{}`", permission, p.name), help);
      return;
    }
    const bool ok = (spec->type == "string" && p.type == policy::param::kind::string) ||
                    (spec->type == "boolean" && p.type == policy::param::kind::boolean) ||
                    (spec->type == "integer" && p.type == policy::param::kind::integer) ||
                    (spec->type == "number" &&
                     (p.type == policy::param::kind::integer || p.type == policy::param::kind::floating));
    if (!ok) {
      report(rule::invalid_param, p.value, fmt::format("the parameter `{}` must be a {}", p.name, spec->type));
      return;
    }
    if (p.type == policy::param::kind::string) check_enum(type, p.name, p.string_value, p.value, permission);
  }

  // --- extends and what a role finally grants ---------------------------------------------------

  void check_extends_cycles() {
    std::set<std::string> reported;
    for (const auto& r : policy_.roles) {
      std::vector<std::string> path{r.name.value};
      find_cycle(r, path, reported);
    }
  }

  void find_cycle(const policy::role& r, std::vector<std::string>& path, std::set<std::string>& reported) {
    for (const policy::text& parent : r.extends) {
      const auto it = custom_roles_.find(parent.value);
      if (it == custom_roles_.end()) continue;
      if (parent.value == path.front()) {
        std::vector<std::string> members = path;
        std::sort(members.begin(), members.end());
        if (reported.insert(fmt::format("{}", fmt::join(members, ","))).second) {
          path.push_back(parent.value);
          report(rule::cyclic_extends, parent.at,
                 fmt::format("roles extend each other in a cycle: {}", fmt::join(path, " -> ")),
                 "remove one of the `extends` entries");
          path.pop_back();
        }
        continue;
      }
      if (std::find(path.begin(), path.end(), parent.value) != path.end() || path.size() > custom_roles_.size()) continue;
      path.push_back(parent.value);
      find_cycle(*it->second, path, reported);
      path.pop_back();
    }
  }

  std::string mode_of(const policy::grant& g) const { return g.mode.present ? g.mode.value : std::string(); }

  // Collects what `role_name` grants, following `extends`; `via` is the extended role names.
  void collect(const std::string& role_name, std::vector<effective_grant>& out, std::set<std::string>& visiting,
               const location& entry, const std::string& via) const {
    if (!visiting.insert(role_name).second) return;
    if (const auto it = custom_roles_.find(role_name); it != custom_roles_.end()) {
      for (const policy::grant& g : it->second->grants) {
        if (!g.permission.present) continue;
        if (g.actions.empty() && g.mode.present) out.push_back({g.permission.value, "mode", g.mode.value, via.empty() ? g.at : entry, via});
        for (const policy::text& a : g.actions) out.push_back({g.permission.value, a.value, "", via.empty() ? a.at : entry, via});
      }
      for (const policy::text& parent : it->second->extends) {
        collect(parent.value, out, visiting, via.empty() ? parent.at : entry, via.empty() ? parent.value : via);
      }
    } else if (const auto* b = catalog_.role(role_name)) {
      for (const auto& p : b->permissions) {
        std::string mode;
        for (const auto& param : p.params) {
          if (param.name == "mode") mode = param.text;
        }
        out.push_back({p.name, p.action, mode, entry, via});
      }
    }
  }

  void check_effective(const policy::role& r) {
    std::vector<effective_grant> grants;
    std::set<std::string> visiting;
    collect(r.name.value, grants, visiting, r.name.at, "");
    check_redundant(r, grants);
    check_escalation(r, grants);
    check_robot_publish(r, grants);
  }

  static int mode_rank(std::string_view mode) { return mode == "publish" ? 3 : mode == "create" ? 2 : mode == "read" ? 1 : 0; }

  // A grant is redundant when the same (permission, action) is already granted, or when a mode
  // grant is covered by a wider mode on the same permission (publish covers create covers read).
  void check_redundant(const policy::role& r, const std::vector<effective_grant>& grants) {
    for (std::size_t i = 0; i < grants.size(); ++i) {
      const effective_grant& g = grants[i];
      if (!g.via.empty()) continue;  // only the role's own grants are reported
      for (std::size_t j = 0; j < grants.size(); ++j) {
        if (i == j) continue;
        const effective_grant& other = grants[j];
        if (other.permission != g.permission || other.action != g.action) continue;
        const bool same = g.mode == other.mode;
        // An unknown mode is reported as such (RC310), not compared.
        const bool wider = g.action == "mode" && mode_rank(g.mode) > 0 && mode_rank(other.mode) > mode_rank(g.mode);
        if (!same && !wider) continue;
        if (same && other.via.empty() && j > i) continue;  // report the later of two own grants
        const std::string what = g.action == "mode" ? fmt::format("mode `{}` on `{}`", g.mode, g.permission)
                                                    : fmt::format("`{}` on `{}`", g.action, g.permission);
        std::string because = other.via.empty() ? (same ? "it is granted twice" : fmt::format("mode `{}` is granted too", other.mode))
                                                : fmt::format("role `{}` already grants {}", other.via,
                                                              same ? "it" : fmt::format("mode `{}`", other.mode));
        auto& d = report(rule::redundant_grant, g.at, fmt::format("{} is redundant: {}", what, because), "remove it");
        d.notes.push_back({other.via.empty() ? "also granted here" : "through this `extends`", other.at.where, other.at.source});
        break;
      }
    }
    (void)r;
  }

  // Rights that let a role hand itself (or a token) more than it has. Sanity keeps roles that carry
  // administrator permissions to administrators, but every other role, custom ones included, can be
  // handed out by whoever holds these.
  void check_escalation(const policy::role& r, const std::vector<effective_grant>& grants) {
    struct path {
      const char* permission;
      const char* action;
      const char* consequence;
    };
    static constexpr path paths[] = {
        {"sanity-project-roles", "create", "create roles with any permission"},
        {"sanity-project-roles", "update", "add any permission to roles, its own included"},
        {"sanity-project-members", "update", "change the roles of any member, itself included"},
        {"sanity-project-members", "invite", "invite members with other roles"},
        {"sanity-project-tokens", "create", "create API tokens with other roles"},
    };
    // One finding per place: a role that extends `administrator` gets one message listing every path.
    struct finding {
      const effective_grant* grant;
      std::vector<const path*> paths;
    };
    std::vector<finding> findings;
    std::set<std::string> reported;
    for (const effective_grant& g : grants) {
      for (const path& p : paths) {
        if (g.permission != p.permission || g.action != p.action) continue;
        if (!reported.insert(std::string(p.permission) + p.action).second) continue;
        const auto same_place = std::find_if(findings.begin(), findings.end(), [&](const finding& f) {
          return f.grant->at.source == g.at.source && f.grant->at.where == g.at.where;
        });
        if (same_place != findings.end()) {
          same_place->paths.push_back(&p);
        } else {
          findings.push_back({&g, {&p}});
        }
      }
    }
    for (const finding& f : findings) {
      const std::string source = f.grant->via.empty() ? "" : fmt::format(" (through `{}`)", f.grant->via);
      std::string message;
      if (f.paths.size() == 1) {
        const path& p = *f.paths.front();
        message = fmt::format("role `{}` can {}{} (`{}` `{}`): a path to more access than the role itself grants",
                              r.name.value, p.consequence, source, p.permission, p.action);
      } else {
        std::vector<std::string> ways;
        for (const path* p : f.paths) ways.push_back(fmt::format("{} (`{}` `{}`)", p->consequence, p->permission, p->action));
        message = fmt::format("role `{}` has {} paths to more access than it grants{}: it can {}", r.name.value,
                              f.paths.size(), source, fmt::join(ways, "; "));
      }
      report(rule::privilege_escalation, f.grant->at, message,
             "keep these rights to administrators; if it is intended, say so with a rolec-ignore comment and a reason");
    }
  }

  bool covers_everything(const std::string& permission) const {
    if (const auto it = custom_permissions_.find(permission); it != custom_permissions_.end()) {
      if (!it->second->filter) return false;
      const groq::parse_result parsed = groq::parse(it->second->filter->text);
      return parsed.root != nullptr && matches_everything(parsed.root);
    }
    const auto* p = catalog_.permission(permission);
    if (p == nullptr || !p->filter) return false;
    const groq::parse_result parsed = groq::parse(*p->filter);
    return parsed.root != nullptr && matches_everything(parsed.root);
  }

  void check_robot_publish(const policy::role& r, const std::vector<effective_grant>& grants) {
    const bool robots = !r.applies_to_robots.present || r.applies_to_robots.value;
    if (!robots) return;
    for (const effective_grant& g : grants) {
      if (g.action != "mode" || g.mode != "publish" || !covers_everything(g.permission)) continue;
      const std::string source = g.via.empty() ? "" : fmt::format(" (through `{}`)", g.via);
      report(rule::robot_publishes_all, g.at,
             fmt::format("robots can hold role `{}`, and it may publish every document{}", r.name.value, source),
             "a leaked token could then rewrite all content; set applies_to_robots = false, or narrow the filter");
      return;
    }
  }

  void check_lint_levels() {
    for (const auto& level : policy_.lint_levels) {
      if (!diag::find_rule(level.rule.value)) {
        std::vector<std::string> names;
        for (const auto& info : diag::all_rules()) {
          names.emplace_back(info.id);
          names.emplace_back(info.name);
        }
        std::string help = "run `rolec rules` for the list";
        if (auto guess = util::closest(level.rule.value, names)) help = fmt::format("did you mean `{}`?", *guess);
        report(rule::invalid_lint_config, level.rule.at, fmt::format("unknown rule `{}`", level.rule.value), help);
      }
      static const std::set<std::string> levels{"off", "info", "warning", "error"};
      if (levels.count(level.level.value) == 0) {
        report(rule::invalid_lint_config, level.level.at, fmt::format("`{}` is not a rule level", level.level.value),
               "write \"off\", \"info\", \"warning\" or \"error\"");
      }
    }
  }

  void check_unused() {
    if (!complete()) return;
    for (const auto& perm : policy_.permissions) {
      if (granted_permissions_.count(perm.name.value) > 0) continue;
      report(rule::unused_permission, perm.name.at, fmt::format("no role grants the permission `{}`", perm.name.value),
             "grant it to a role, or remove it");
    }
  }
};

}  // namespace

std::vector<diag::diagnostic> check(const policy::policy& p, const schemas::catalog& catalog,
                                    const diag::source_manager& sources) {
  return checker(p, catalog, sources).run();
}

}  // namespace rolec::lint
