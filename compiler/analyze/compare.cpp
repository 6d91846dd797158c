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
      constraints_.push_back(z_.negation(z_.prefix_of(z_.text("drafts."), x_)));
      constraints_.push_back(z_.negation(z_.prefix_of(z_.text("versions."), x_)));
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

  change compare_one(smt& z, const std::string& role, const asked& q) {
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

    int needed = 0;
    std::set<std::string> literals;
    for (const auto& [m, r] : {std::pair{&old_model, old_role}, std::pair{&new_model, new_role}}) {
      if (r == nullptr) continue;
      for (const std::size_t index : r->rules) {
        const decide::filter& f = m->filters()[m->rules()[index].filter];
        if (f.parsed == nullptr) continue;
        needed += memberships(f.parsed->root);
        collect_literals(f.parsed->root, literals);
      }
    }
    world w(z, std::clamp(needed, 1, max_slots));
    question qn(w, q);
    checker old_checker(before, role);
    checker new_checker(after, role);
    const search candidates(old_model, new_model, role, q);
    const Z3_ast was = qn.allows(old_model, old_role);
    const Z3_ast is = qn.allows(new_model, new_role);
    // Outside the fragment, the search may still show a difference; only the solver can show none.
    const std::string outside = w.unsupported();
    std::vector<Z3_ast> base = w.constraints();
    base.insert(base.end(), qn.constraints().begin(), qn.constraints().end());
    bool unknown = false;
    const auto ask = [&](Z3_ast yes, Z3_ast no, bool widening) -> std::optional<witness> {
      checker& yes_side = widening ? new_checker : old_checker;
      checker& no_side = widening ? old_checker : new_checker;
      const auto confirms = [&](witness& candidate) {
        auto because = yes_side.allowing(q, candidate.documents, candidate.who);
        if (!because || no_side.allowing(q, candidate.documents, candidate.who)) return false;
        candidate.because = std::move(*because);
        return true;
      };
      // Most witnesses are among the documents made of the filters' own values.
      const auto searching = std::chrono::steady_clock::now();
      auto found_here = candidates.find(yes_side, no_side, opts.search_budget);
      if (found_here) found_here = shrink(std::move(*found_here), confirms);
      spent.search_millis += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - searching).count();
      if (found_here) {
        ++spent.searched;
        return found_here;
      }
      if (!outside.empty()) {
        unknown = true;
        c.reason = fmt::format("{} is outside what the analysis decides", outside);
        return std::nullopt;
      }
      std::vector<Z3_ast> all = base;
      all.push_back(yes);
      all.push_back(z.negation(no));
      std::unique_ptr<solution> model;
      std::string why;
      const auto solving = std::chrono::steady_clock::now();
      answer a = z.check(all, opts.rlimit, false, model, why);
      if (a == answer::unknown) a = z.check(all, opts.retry_rlimit, true, model, why);
      ++spent.solver_checks;
      ++c.solver_checks;
      spent.solver_millis += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - solving).count();
      if (a == answer::unsat) {
        if (needed > max_slots) {
          unknown = true;
          c.reason = fmt::format("the filters test membership in arrays {} times; the analysis looks at arrays of up "
                                 "to {} elements",
                                 needed, max_slots);
        }
        return std::nullopt;
      }
      if (a == answer::unknown) {
        unknown = true;
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
      const bool confirmed = confirms(found);
      std::optional<witness> shown;
      if (confirmed) shown = make_readable(shrink(std::move(found), confirms), literals, confirms);
      spent.check_millis += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - checking).count();
      if (!confirmed) {
        unknown = true;
        c.reason = "the solver's example did not hold when evaluated (a difference between the analysis and the evaluator)";
        return std::nullopt;
      }
      return shown;
    };
    if (may_widen) c.widened = ask(is, was, true);
    if (may_narrow) c.narrowed = ask(was, is, false);
    c.millis = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
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
  std::unique_ptr<smt> z;
  comparer run{before, after, opts, *old_model, *new_model};
  for (const std::string& role : roles) {
    for (const std::string& name : actions) {
      const asked q = asked_named(name);
      // The solver starts only when a question needs it.
      if (z == nullptr) {
        const decide::role* o = old_model->find_role(role);
        const decide::role* n = new_model->find_role(role);
        if (signature(*old_model, o, q) == signature(*new_model, n, q) && applies_of(o) == applies_of(n)) {
          change same;
          same.role = role;
          same.action = name;
          out.changes.push_back(std::move(same));
          continue;
        }
        z = smt::open(error);
        if (z == nullptr) {
          out.error = error;
          return out;
        }
      }
      out.changes.push_back(run.compare_one(*z, role, q));
    }
  }
  const bool reads = std::find(actions.begin(), actions.end(), "read") != actions.end();
  out.spent = run.spent;
  if (opts.roles.empty() && reads) {
    if (change c = public_reads(before, after); c.result != verdict::unchanged) out.changes.push_back(std::move(c));
  }
  return out;
}

}  // namespace rolec::analyze
