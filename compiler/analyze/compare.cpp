#include "analyze/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "analyze/check.hpp"
#include "analyze/implies.hpp"
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

// More membership tests than this in one question make a "no" answer unknown: the arrays of a
// witness would need more elements than the formulas give them.
constexpr int max_slots = 4;

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

// The formulas of one question, over one world.
class question {
 public:
  question(world& w, const asked& q) : w_(w), z_(w.z()), q_(q) {
    if (q.plain) {
      single_ = document{"d0", z_.string_var("id")};
      constraints_.push_back(well_formed(single_.id));
    } else {
      x_ = z_.string_var("x");
      draft_exists_ = z_.boolean_var("draft_exists");
      published_exists_ = z_.boolean_var("published_exists");
      draft_ = document{"d0", z_.concat(z_.text("drafts."), x_)};
      draft_as_published_ = document{"d0", x_};
      published_ = document{"d1", x_};
      constraints_.push_back(z_.less(z_.integer(0), z_.length(x_)));
      // `x` is what Studio (decide::forms_of) takes as the published id: a draft `drafts.x` may
      // name one that is itself a draft or release version id (`drafts.versions.r.y`), which
      // then has no published form.
      const Z3_ast other_form = z_.either(z_.prefix_of(z_.text("drafts."), x_), z_.prefix_of(z_.text("versions."), x_));
      constraints_.push_back(z_.implies(other_form, z_.negation(published_exists_)));
      constraints_.push_back(z_.either(draft_exists_, published_exists_));
    }
  }

  // When the role `r` of `m` may do what is asked.
  Z3_ast allows(const decide::model& m, const decide::role* r) {
    if (r == nullptr) return z_.no();
    if (q_.plain) return may(m, *r, *q_.plain, single_);
    const Z3_ast update_draft = z_.implies(draft_exists_, may(m, *r, action::update, draft_));
    const Z3_ast update_published = z_.implies(published_exists_, may(m, *r, action::update, published_));
    if (*q_.op == operation::remove) return z_.both(update_draft, update_published);
    // publish: replace the published document, delete the draft, create the published one from it.
    const Z3_ast create = z_.implies(draft_exists_, may(m, *r, action::create, draft_as_published_));
    return z_.all({update_published, update_draft, create});
  }

  [[nodiscard]] const std::vector<Z3_ast>& constraints() const { return constraints_; }

  // The documents of a model: the one asked about, or the forms of an operation that exist.
  std::vector<nlohmann::json> documents(const solution& s) const {
    if (q_.plain) return {w_.document_json(s, "d0", s.text(single_.id))};
    const std::string x = s.text(x_);
    std::vector<nlohmann::json> out;
    if (s.boolean(draft_exists_)) out.push_back(w_.document_json(s, "d0", "drafts." + x));
    if (s.boolean(published_exists_)) out.push_back(w_.document_json(s, "d1", x));
    return out;
  }

 private:
  // A document id: not empty, and a draft names a document. (Release version ids are held to
  // their form only where a filter reads it: see world::version_parts.)
  Z3_ast well_formed(Z3_ast id) {
    const Z3_ast length = z_.length(id);
    return z_.both(z_.less(z_.integer(0), length),
                   z_.implies(z_.prefix_of(z_.text("drafts."), id), z_.less(z_.integer(7), length)));
  }

  Z3_ast kind_is(Z3_ast id, decide::kinds ks) {
    const Z3_ast draft = z_.prefix_of(z_.text("drafts."), id);
    const Z3_ast version = z_.prefix_of(z_.text("versions."), id);
    std::vector<Z3_ast> cases;
    if ((ks & static_cast<decide::kinds>(decide::id_kind::published)) != 0) {
      cases.push_back(z_.both(z_.negation(draft), z_.negation(version)));
    }
    if ((ks & static_cast<decide::kinds>(decide::id_kind::draft)) != 0) cases.push_back(draft);
    if ((ks & static_cast<decide::kinds>(decide::id_kind::version)) != 0) cases.push_back(version);
    return cases.size() == 3 ? z_.yes() : z_.any(cases);
  }

  Z3_ast may(const decide::model& m, const decide::role& r, action a, const document& d) {
    const Z3_ast applies = r.applies_to_users && r.applies_to_robots ? z_.yes()
                           : r.applies_to_robots                     ? w_.robot()
                           : r.applies_to_users                      ? z_.negation(w_.robot())
                                                                     : z_.no();
    const auto rules = m.rules();
    const auto filters = m.filters();
    std::vector<Z3_ast> grants;
    for (const std::size_t index : r.rules) {
      const decide::rule& g = rules[index];
      const decide::kinds ks = g.on(a);
      if (ks == 0 || !g.broken.empty() || filters[g.filter].program == nullptr) continue;
      std::vector<Z3_ast> parts{kind_is(d.id, ks)};
      if (g.dataset) {
        w_.use_dataset();
        parts.push_back(z_.equal(w_.dataset(), z_.text(*g.dataset)));
      }
      if (decide::writes(a) && !g.writes_groups) parts.push_back(z_.negation(z_.prefix_of(z_.text("_.groups."), d.id)));
      parts.push_back(w_.holds(*filters[g.filter].parsed, d));
      grants.push_back(z_.all(parts));
    }
    return z_.both(applies, z_.any(grants));
  }

  world& w_;
  smt& z_;
  asked q_;
  std::vector<Z3_ast> constraints_;
  document single_;
  Z3_ast x_ = nullptr, draft_exists_ = nullptr, published_exists_ = nullptr;
  document draft_, draft_as_published_, published_;
};

void collect_literals(const groq::node* n, std::set<std::string>& out) {
  if (n == nullptr) return;
  if (n->kind == groq::node_kind::string_literal) out.emplace(n->text);
  collect_literals(n->lhs, out);
  collect_literals(n->rhs, out);
  for (const groq::node* child : n->children()) collect_literals(child, out);
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
      witness found;
      found.documents = qn.documents(*model);
      found.who.identity = model->text(w.identity());
      found.who.robot = model->boolean(w.robot());
      found.who.attributes = w.attributes_json(*model);
      if (w.uses_dataset()) found.who.dataset = model->text(w.dataset());
      if (w.uses_now()) found.who.now = format_instant(model->integer(w.now()));
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
  comparer run{before, after, opts, *old_model, *new_model};
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
