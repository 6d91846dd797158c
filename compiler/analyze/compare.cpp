#include "analyze/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "analyze/check.hpp"
#include "analyze/implies.hpp"
#include "analyze/question.hpp"
#include "analyze/readable.hpp"
#include "analyze/search.hpp"
#include "analyze/symbolic.hpp"
#include "decide/decide.hpp"
#include "decide/operations.hpp"
#include "eval/json.hpp"

namespace rolec::analyze {
namespace {

using decide::action;
using decide::operation;

// The document actions a question needs from grants.
std::vector<action> actions_of(const asked& q) {
  if (q.plain) return {*q.plain};
  return {action::update, action::create};
}

// What the fast path compares: a role's grants as far as they matter for `q`.
std::multiset<std::string> signature(const decide::model& m, const decide::role* r, const asked& q) {
  std::multiset<std::string> out;
  if (r == nullptr) return out;
  const auto rules = m.rules();
  const auto filters = m.filters();
  for (const std::size_t index : r->rules) {
    const decide::rule& g = rules[index];
    std::string entry;
    bool any = false;
    for (const action a : actions_of(q)) {
      entry += fmt::format("{}/{}/", g.on(a), decide::writes(a) && g.writes_groups);
      any = any || g.on(a) != 0;
    }
    if (!any) continue;
    const bool broken = !g.broken.empty() || filters[g.filter].program == nullptr;
    entry += fmt::format("{}\x1f{}", g.dataset.value_or("\x1e"), broken ? "\x1d" : filters[g.filter].text);
    out.insert(std::move(entry));
  }
  return out;
}

std::string applies_of(const decide::role* r) {
  return r == nullptr ? "" : fmt::format("{}{}", r->applies_to_users, r->applies_to_robots);
}

struct comparer {
  const side& before;
  const side& after;
  const options& opts;
  const decide::model& old_model;
  const decide::model& new_model;
  costs spent;
  std::unique_ptr<smt> z;      // opened when a question first needs it
  std::string solver_missing;  // why it could not be

  smt* solver() {
    if (z == nullptr && solver_missing.empty()) {
      z = smt::open(solver_missing);
      if (z == nullptr && solver_missing.empty()) solver_missing = "the Z3 solver could not start";
    }
    return z.get();
  }

  // Marks the causes of `w` whose permission's filter is not the same on the other side: a change
  // is shown where it was made, the filter or the grant.
  void mark_filters(witness& w, bool widening) const {
    const resolve::resolved_policy& here = *(widening ? after : before).policy;
    const resolve::resolved_policy& there = *(widening ? before : after).policy;
    for (cause& c : w.because) {
      const resolve::permission* mine = here.find_permission(c.permission);
      const resolve::permission* theirs = there.find_permission(c.permission);
      if (mine == nullptr || mine->filter == nullptr) continue;
      c.filter_changed = theirs == nullptr || theirs->filter == nullptr || theirs->filter->canonical() != mine->filter->canonical();
    }
  }

  change compare_one(const std::string& role, const asked& q) {
    change c;
    c.role = role;
    c.action = q.name;
    const decide::role* old_role = old_model.find_role(role);
    const decide::role* new_role = new_model.find_role(role);
    const auto old_sig = signature(old_model, old_role, q);
    const auto new_sig = signature(new_model, new_role, q);
    const bool same_audience = applies_of(old_role) == applies_of(new_role) || old_sig.empty() || new_sig.empty();
    if (old_sig == new_sig && (same_audience || old_sig.empty())) return c;  // the same grants: unchanged
    // One side's grants contain the other's: the access can only grow, or only shrink.
    const bool may_widen = !contained(new_model, new_role, old_model, old_role, q);
    const bool may_narrow = !contained(old_model, old_role, new_model, new_role, q);
    c.solved = true;
    if (!may_widen && !may_narrow) return c;  // each contains the other: the same access
    const auto started = std::chrono::steady_clock::now();

    checker old_checker(before, role);
    checker new_checker(after, role);
    const auto confirmer = [&](bool widening) {
      return [&, widening](witness& candidate) {
        checker& yes_side = widening ? new_checker : old_checker;
        checker& no_side = widening ? old_checker : new_checker;
        auto because = yes_side.allowing(q, candidate.documents, candidate.who);
        if (!because || no_side.allowing(q, candidate.documents, candidate.who)) return false;
        candidate.because = std::move(*because);
        return true;
      };
    };
    // Most witnesses are among the documents made of the filters' own values.
    const search candidates(old_model, new_model, role, q);
    bool pending_widen = false, pending_narrow = false;
    for (const bool widening : {true, false}) {
      if (!(widening ? may_widen : may_narrow)) continue;
      const auto searching = std::chrono::steady_clock::now();
      auto found = candidates.find(widening ? new_checker : old_checker, widening ? old_checker : new_checker,
                                   opts.search_budget);
      if (found) found = shrink(std::move(*found), confirmer(widening));
      spent.search_millis += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - searching).count();
      if (found) ++spent.searched;
      (widening ? c.widened : c.narrowed) = std::move(found);
      (widening ? pending_widen : pending_narrow) = !(widening ? c.widened : c.narrowed);
    }
    bool unknown = false;
    if (pending_widen || pending_narrow) unknown = !solve(c, role, q, old_role, new_role, pending_widen, pending_narrow, confirmer);
    c.millis = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    if (c.widened) mark_filters(*c.widened, true);
    if (c.narrowed) mark_filters(*c.narrowed, false);
    if (unknown) {
      c.result = verdict::unknown;
    } else if (c.widened && c.narrowed) {
      c.result = verdict::both;
    } else if (c.widened) {
      c.result = verdict::widens;
    } else if (c.narrowed) {
      c.result = verdict::narrows;
    }
    return c;
  }

  // The directions the search left open, put to the solver: a witness, or a proof there is none.
  // False (with `c.reason`) when one stays open.
  template<typename Confirmer>
  bool solve(change& c, const std::string& role, const asked& q, const decide::role* old_role, const decide::role* new_role,
             bool widen, bool narrow, const Confirmer& confirmer) {
    smt* zp = solver();
    if (zp == nullptr) {
      c.reason = fmt::format("the Z3 solver is needed and not available ({})", solver_missing);
      return false;
    }
    smt& z3 = *zp;
    int needed = 0;
    std::set<std::string> literals;
    std::set<std::string> tests_seen;
    for (const auto& [m, r] : {std::pair{&old_model, old_role}, std::pair{&new_model, new_role}}) {
      if (r == nullptr) continue;
      for (const std::size_t index : r->rules) {
        const decide::filter& f = m->filters()[m->rules()[index].filter];
        if (f.parsed == nullptr) continue;
        needed += memberships(f.parsed->root, tests_seen);
        collect_literals(f.parsed->root, literals);
      }
    }
    world w(z3, std::clamp(needed, 1, max_slots));
    question qn(w, q);
    const Z3_ast was = qn.allows(old_model, old_role);
    const Z3_ast is = qn.allows(new_model, new_role);
    const std::string outside = w.unsupported();
    if (!outside.empty()) {
      // Outside the fragment only the search can show a difference; none can be proved absent.
      c.reason = fmt::format("{} is outside what the analysis decides", outside);
      return false;
    }
    std::vector<Z3_ast> base = w.constraints();
    base.insert(base.end(), qn.constraints().begin(), qn.constraints().end());
    bool decided = true;
    const auto ask = [&](Z3_ast yes, Z3_ast no, bool widening) -> std::optional<witness> {
      std::vector<Z3_ast> all = base;
      all.push_back(yes);
      all.push_back(z3.negation(no));
      std::unique_ptr<solution> model;
      std::string why;
      const auto solving = std::chrono::steady_clock::now();
      answer a = z3.check(all, opts.rlimit, false, model, why);
      if (a == answer::unknown) a = z3.check(all, opts.retry_rlimit, true, model, why);
      ++spent.solver_checks;
      ++c.solver_checks;
      spent.solver_millis += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - solving).count();
      if (a == answer::unsat) {
        if (needed > max_slots) {
          decided = false;
          c.reason = fmt::format("the filters test membership in arrays {} times; the analysis looks at arrays of up "
                                 "to {} elements",
                                 needed, max_slots);
        }
        return std::nullopt;
      }
      if (a == answer::unknown) {
        decided = false;
        c.reason = fmt::format("the solver gave up ({})", why.empty() ? "no reason given" : why);
        return std::nullopt;
      }
      witness found = qn.witness_of(*model);
      const auto checking = std::chrono::steady_clock::now();
      const auto confirms = confirmer(widening);
      const bool confirmed = confirms(found);
      std::optional<witness> shown;
      if (confirmed) shown = make_readable(shrink(std::move(found), confirms), literals, confirms);
      spent.check_millis += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - checking).count();
      if (!confirmed) {
        decided = false;
        c.reason = "the solver's example did not hold when evaluated (a difference between the analysis and the evaluator)";
        return std::nullopt;
      }
      return shown;
    };
    if (widen) c.widened = ask(is, was, true);
    if (narrow) c.narrowed = ask(was, is, false);
    (void)role;
    return decided;
  }
};

// What anyone may read without a role changes with the public datasets: a document under the
// root path of a dataset public on one side only.
change public_reads(const side& before, const side& after) {
  change c;
  c.role = std::string(anyone);
  c.action = "read";
  const auto reads = [](const side& s, const witness& w) {
    decide::context ctx;
    ctx.anonymous = true;
    ctx.dataset = w.who.dataset;
    ctx.public_dataset = std::find(s.public_datasets.begin(), s.public_datasets.end(), *w.who.dataset) != s.public_datasets.end();
    std::string error;
    const auto m = decide::model::make(*s.policy, s.project_id, ctx, error);
    util::arena arena;
    return m != nullptr && decide::decide(*m, {}, action::read, eval::from_nlohmann(w.documents.front(), arena), arena).allowed;
  };
  const auto only_in = [&](const side& yes, const side& no) -> std::optional<witness> {
    for (const std::string& d : yes.public_datasets) {
      witness w;
      w.documents.push_back(nlohmann::json{{"_id", "x"}});
      w.who.dataset = d;
      w.who.anonymous = true;
      if (reads(yes, w) && !reads(no, w)) return w;
    }
    return std::nullopt;
  };
  c.widened = only_in(after, before);
  c.narrowed = only_in(before, after);
  c.result = c.widened && c.narrowed ? verdict::both : c.widened ? verdict::widens : c.narrowed ? verdict::narrows
                                                                                                 : verdict::unchanged;
  return c;
}

}  // namespace

std::string_view name_of(verdict v) {
  switch (v) {
    case verdict::widens: return "widens";
    case verdict::narrows: return "narrows";
    case verdict::both: return "both";
    case verdict::unknown: return "unknown";
    case verdict::unchanged: break;
  }
  return "unchanged";
}

const std::vector<std::string>& compared_actions() {
  static const std::vector<std::string> names{"read", "create", "update", "manage", "history", "editHistory", "publish", "delete"};
  return names;
}

report compare(const side& before, const side& after, const options& opts) {
  report out;
  std::string error;
  const auto old_model = decide::model::make(*before.policy, before.project_id, {}, error);
  const auto new_model = decide::model::make(*after.policy, after.project_id, {}, error);
  if (old_model == nullptr || new_model == nullptr) {
    out.error = error;
    return out;
  }
  std::vector<std::string> roles = opts.roles;
  if (roles.empty()) {
    std::set<std::string> names;
    for (const auto* m : {old_model.get(), new_model.get()}) {
      for (const decide::role& r : m->roles()) names.insert(r.name);
    }
    roles.assign(names.begin(), names.end());
  }
  const std::vector<std::string>& actions = opts.actions.empty() ? compared_actions() : opts.actions;
  comparer run{before, after, opts, *old_model, *new_model, {}, nullptr, {}};
  for (const std::string& role : roles) {
    for (const std::string& name : actions) out.changes.push_back(run.compare_one(role, asked_named(name)));
  }
  out.spent = run.spent;
  const bool reads = std::find(actions.begin(), actions.end(), "read") != actions.end();
  if (opts.roles.empty() && reads) {
    if (change c = public_reads(before, after); c.result != verdict::unchanged) out.changes.push_back(std::move(c));
  }
  return out;
}

}  // namespace rolec::analyze
