// RC307 unknown-permission, RC319 wrong-scope, RC308 unknown-action, RC309 actions-or-mode,
// RC310 invalid-param and RC304 for a grant without actions. The Access API's rules
// (validate/rules.hpp) are applied to the grants resolve made of each written grant, exactly as
// build sends them, so that lint rejects what the API rejects; the policy's own forms (`actions`
// or `mode`, `history` beside `permission`) get their own findings first, which then stand for
// the API rule they break.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>
#include <span>

#include "lint/rules/context.hpp"
#include "util/spell.hpp"
#include "validate/rules.hpp"

namespace rolec::lint {
namespace {

using diag::rule;

/// What the policy's own-form findings about a grant already say, so that the API rule they
/// break is not reported a second time.
struct claimed {
  bool action = false;             ///< the grant's actions (or mode) are the wrong kind for its permission
  std::set<std::string> params;    ///< parameters already reported
};

std::vector<std::string> permission_names(const context& c) {
  std::vector<std::string> names;
  for (const auto& perm : c.written.permissions) names.push_back(perm.name.value);  // file order: stable suggestions
  for (const auto& p : c.catalog.permissions()) names.push_back(p.name);
  return names;
}

void report_unknown_permission(context& c, const policy::grant& g) {
  std::string help = "define it under [permissions.NAME], or grant a predefined permission";
  if (auto guess = util::closest(g.permission.value, permission_names(c))) help = fmt::format("did you mean `{}`?", *guess);
  c.report(rule::unknown_permission, g.permission.at, fmt::format("unknown permission `{}`", g.permission.value), help);
}

// The policy's forms: a mode permission takes `mode`, any other `actions`; `mode` and `history`
// are written beside `permission`, never in `params`.
claimed check_form(context& c, const policy::grant& g, const schemas::permission_type& type) {
  claimed out;
  if (type.is_mode()) {
    if (g.has_actions) {
      c.report(rule::actions_or_mode, g.actions_at,
               fmt::format("`{}` is a mode permission: it takes a `mode`, not `actions`", g.permission.value),
               "write mode = \"read\", \"create\" or \"publish\" instead");
      out.action = true;
      out.params.insert("mode");
    } else if (!g.mode.present) {
      c.report(rule::actions_or_mode, g.permission.at, fmt::format("the grant of `{}` has no `mode`", g.permission.value),
               "add mode = \"read\", \"create\" or \"publish\"");
    }
  } else {
    if (g.mode.present) {
      c.report(rule::actions_or_mode, g.mode.at,
               fmt::format("`{}` is not a mode permission: it takes `actions`, not a `mode`", g.permission.value),
               fmt::format("write actions = [...] with some of: {}", fmt::join(type.actions, ", ")));
      out.action = true;
      out.params.insert("mode");
    }
    if (g.history.present) {
      c.report(rule::invalid_param, g.history.at,
               fmt::format("`history` only applies to mode permissions, and `{}` is not one", g.permission.value),
               type.has_action("history") ? "add \"history\" to `actions` instead" : "remove it");
      out.params.insert("history");
    }
    if (!g.has_actions && !g.mode.present) {
      c.report(rule::missing_key, g.permission.at, fmt::format("the grant of `{}` has no `actions`", g.permission.value),
               fmt::format("add actions = [...] with some of: {}", fmt::join(type.actions, ", ")));
    }
  }
  for (const policy::param& p : g.params) {
    if (p.name != "mode" && p.name != "history") continue;
    c.report(rule::invalid_param, p.key, fmt::format("write `{}` beside `permission`, not in `params`", p.name),
             fmt::format("{{ permission = \"{}\", {} = ... }}", g.permission.value, p.name));
    out.params.insert(p.name);
  }
  return out;
}

void report_unknown_action(context& c, const policy::grant& g, const schemas::permission_type& type,
                           const std::string& action, const policy::location& at) {
  std::string help = fmt::format("`{}` allows {}", type.type, fmt::join(type.actions, ", "));
  if (auto guess = util::closest(action, type.actions)) help = fmt::format("did you mean `{}`?", *guess);
  // Publishing is not an action of a document filter: it is the widest mode of a mode permission.
  if (type.type == "sanity.document.filter" && util::closest(action, std::vector<std::string>{"publish"})) {
    help = "publishing is a mode: grant a permission of type `sanity.document.filter.mode` with mode = \"publish\"";
  }
  c.report(rule::unknown_action, at, fmt::format("`{}` has no action `{}`", g.permission.value, action), help);
}

// The parameter `name` as the grant wrote it: `mode` beside `permission`, or an entry of `params`.
struct written_param {
  const policy::param* entry = nullptr;  ///< in `params`
  const policy::text* mode = nullptr;    ///< the `mode` key
};

written_param find_written(const policy::grant& g, const std::string& name) {
  written_param out;
  if (name == "mode" && g.mode.present) {
    out.mode = &g.mode;
    return out;
  }
  for (const policy::param& p : g.params) {
    if (p.name == name) out.entry = &p;  // the last one, as in what is sent
  }
  return out;
}

void report_param(context& c, const policy::grant& g, const schemas::permission_type& type, const model::grant& sent,
                  const validate::finding& f) {
  const written_param w = find_written(g, f.param);
  if (f.problem == validate::problem::missing_param) return;  // only `mode`, reported as RC309
  if (f.problem == validate::problem::unknown_param) {
    if (w.entry == nullptr) return;
    std::vector<std::string> names;
    for (const auto& s : type.params) {
      if (s.name != "mode" && s.name != "history") names.push_back(s.name);
    }
    const auto guess = util::closest(f.param, names);
    for (std::string& n : names) n = fmt::format("`{}`", n);
    std::string help = names.empty() ? fmt::format("`{}` takes no parameters", type.type)
                                     : fmt::format("`{}` takes only {}", type.type, fmt::join(names, ", "));
    if (guess) help = fmt::format("did you mean `{}`?", *guess);
    c.report(rule::invalid_param, w.entry->key, fmt::format("`{}` takes no parameter `{}`", g.permission.value, f.param), help);
    return;
  }
  const schemas::param_spec& spec = *type.param(f.param);
  const model::param_value value = *sent.find_param(f.param);
  const bool right_type = validate::fits(schemas::param_spec{spec.name, spec.type, {}, false}, value);
  const policy::location* at = w.mode != nullptr ? &w.mode->at : w.entry != nullptr ? &w.entry->value : nullptr;
  if (at == nullptr) return;
  if (!right_type) {
    c.report(rule::invalid_param, *at, fmt::format("the parameter `{}` must be a {}", f.param, spec.type));
    return;
  }
  std::string help = fmt::format("`{}` is one of {}", f.param, fmt::join(spec.values, ", "));
  if (auto guess = util::closest(value.text, spec.values)) help = fmt::format("did you mean `{}`?", *guess);
  c.report(rule::invalid_param, *at, fmt::format("`{}` is not a {} of `{}`", value.text, f.param, g.permission.value), help);
}

}  // namespace

void check_grant(context& c, const resolve::role& r, const policy::grant& g) {
  if (!g.permission.present) return;  // reported by load
  c.granted.insert(g.permission.value);
  // The grants resolve made of this one, as they are sent (one per action, or the mode grant),
  // are next to each other among the role's own, and already bound to the permission.
  const auto own = std::find_if(r.effective.begin(), r.effective.end(),
                                [&](const resolve::grant& e) { return e.from.written == &g && !e.from.inherited(); });
  const auto own_end = std::find_if(own, r.effective.end(), [&](const resolve::grant& e) { return e.from.written != &g; });
  const resolve::permission* target =
      own != own_end ? own->target : c.resolved.find_permission(g.permission.value);
  std::optional<validate::target> found;
  if (target != nullptr) found = validate::target{target->type, target->scope, !target->predefined()};
  if (const auto f = validate::check_permission_of(found, r.scope)) {
    if (f->problem == validate::problem::unknown_permission) {
      if (c.complete()) report_unknown_permission(c, g);
    } else {
      c.report(rule::wrong_scope, g.permission.at,
               fmt::format("`{}` is {} permission, and a {} role cannot grant it", g.permission.value,
                           target->scope == model::scope::organization ? "an organization" : "a project",
                           model::name_of(r.scope)),
               fmt::format("{} roles grant {} permissions only; remove this grant", model::name_of(r.scope), model::name_of(r.scope)));
    }
    return;
  }
  if (target->type == nullptr) return;  // its own definition is reported
  const schemas::permission_type& type = *target->type;
  const claimed form = check_form(c, g, type);

  std::set<std::string> reported_params;
  for (const resolve::grant& sent : std::span(own, own_end)) {
    if (!form.action && !validate::action_allowed(type, sent.value.action)) {
      report_unknown_action(c, g, type, sent.value.action.name, sent.from.at);
    }
    std::vector<validate::finding> findings;
    validate::check_params(type, sent.value, findings);
    for (const validate::finding& f : findings) {
      if (form.params.count(f.param) > 0 || !reported_params.insert(f.param).second) continue;
      report_param(c, g, type, sent.value, f);
    }
  }
}

}  // namespace rolec::lint
