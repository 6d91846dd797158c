#include "analyze/properties.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <set>

#include "analyze/check.hpp"
#include "analyze/question.hpp"
#include "analyze/readable.hpp"
#include "analyze/search.hpp"
#include "analyze/symbolic.hpp"

namespace rolec::analyze {

std::string_view name_of(outcome o) {
  switch (o) {
    case outcome::proved: return "proved";
    case outcome::refuted: return "refuted";
    case outcome::unknown: break;
  }
  return "unknown";
}

struct prover::state {
  side policy;  // a copy: the prover may outlive the value it was given
  options opts;
  std::unique_ptr<decide::model> model;  // for the formulas: rules and parsed filters
  std::unique_ptr<smt> z;                // opened when a claim first needs it
  std::string solver_missing;
  model_cache models;                    // the checkers' models, shared across questions
  bool search_only = false;              // a question the search cannot answer is left unknown

  smt* solver() {
    if (z == nullptr && solver_missing.empty()) {
      z = smt::open(solver_missing);
      if (z == nullptr && solver_missing.empty()) solver_missing = "the Z3 solver could not start";
    }
    return z.get();
  }

  // The documents a claim fails on: what the property says of them (`yes`) holds and what the
  // roles do (`no`) does not.
  std::pair<subject, subject> sides_of(const claim& c) const {
    // A claim is about documents people have: an operation on a draft whose published id is
    // itself a draft or version id (`drafts.drafts.x`) is outside it. Group documents
    // (`_.groups.*`) are written through one permission only, whatever a filter says: an
    // allowance is not claimed of them.
    subject roles{.roles = c.roles};
    if (c.allow) {
      subject every{.where = c.where, .robot = c.robot, .anything = true, .group_documents = false, .nested_forms = false};
      every.id_kinds = c.id_kinds;
      return {every, roles};
    }
    roles.where = c.where;
    roles.robot = c.robot;
    roles.nested_forms = false;
    roles.id_kinds = c.id_kinds;
    return {roles, subject{}};
  }

  // A (document, principal) that `yes` allows and `no` does not, searched among the values of
  // `roles`' grants and `where`, then asked of the solver with `asserted` (made in the world of
  // the question): refuted with it, or proved that there is none.
  template<typename Asserted>
  finding decide_question(const asked& q, subject yes_subject, subject no_subject, const std::vector<std::string>& roles,
                          const groq::parse_result* where, bool shown, const Asserted& asserted) {
    finding out;
    checker yes(policy, std::move(yes_subject), &models);
    checker no(policy, std::move(no_subject), &models);
    const std::function<bool(witness&)> confirms = [&](witness& candidate) {
      auto because = yes.allowing(q, candidate.documents, candidate.who);
      if (!because || no.allowing(q, candidate.documents, candidate.who)) return false;
      candidate.because = std::move(*because);
      return true;
    };
    const search candidates(*model, roles, where == nullptr ? nullptr : where->root, q);
    if (auto found = candidates.find(yes, no, opts.search_budget)) {
      out.result = outcome::refuted;
      out.counterexample = shown ? shrink(std::move(*found), confirms) : std::move(*found);
      return out;
    }
    if (search_only) {
      out.reason = "the search found no example, and the solver was not asked";
      return out;
    }
    smt* zp = solver();
    if (zp == nullptr) {
      out.reason = fmt::format("the Z3 solver is needed and not available ({})", solver_missing);
      return out;
    }
    smt& z3 = *zp;
    std::vector<const decide::role*> held;
    for (const std::string& name : roles) {
      if (const decide::role* r = model->find_role(name)) held.push_back(r);
    }
    int needed = 0;
    std::set<std::string> literals, tests_seen;
    const auto read = [&](const groq::parse_result* f) {
      if (f == nullptr) return;
      needed += memberships(f->root, tests_seen);
      collect_literals(f->root, literals);
    };
    read(where);
    for (const decide::role* r : held) {
      for (const std::size_t index : r->rules) read(model->filters()[model->rules()[index].filter].parsed);
    }
    world w(z3, std::clamp(needed, 1, max_slots));
    question qn(w, q);
    // Every formula first: the world's constraints grow as they are made.
    const std::vector<Z3_ast> claimed = asserted(z3, w, qn, held);
    std::vector<Z3_ast> all = w.constraints();
    all.insert(all.end(), qn.constraints().begin(), qn.constraints().end());
    all.insert(all.end(), claimed.begin(), claimed.end());
    if (const std::string outside = w.unsupported(); !outside.empty()) {
      out.reason = fmt::format("{} is outside what the analysis decides", outside);
      return out;
    }
    std::unique_ptr<solution> model_found;
    std::string why;
    answer a = z3.check(all, opts.rlimit, false, model_found, why);
    if (a == answer::unknown) a = z3.check(all, opts.retry_rlimit, true, model_found, why);
    ++out.solver_checks;
    if (a == answer::unknown) {
      out.reason = fmt::format("the solver gave up ({})", why.empty() ? "no reason given" : why);
      return out;
    }
    if (a == answer::unsat) {
      if (needed > max_slots) {
        out.reason = fmt::format("the filters test membership in arrays {} times; the analysis looks at arrays of up to {} "
                                 "elements",
                                 needed, max_slots);
        return out;
      }
      out.result = outcome::proved;
      return out;
    }
    witness found = qn.witness_of(*model_found);
    if (!confirms(found)) {
      out.reason = "the solver's example did not hold when evaluated (a difference between the analysis and the evaluator)";
      return out;
    }
    out.result = outcome::refuted;
    out.counterexample = shown ? make_readable(shrink(std::move(found), confirms), literals, confirms) : std::move(found);
    return out;
  }

  finding prove(const claim& c) {
    if (c.where != nullptr && !c.where->ok()) return finding{outcome::unknown, std::nullopt, "its `where` filter has errors", 0};
    auto [yes, no] = sides_of(c);
    return decide_question(asked_named(c.action), std::move(yes), std::move(no), c.roles, c.where, true,
                           [&](smt& z3, world& w, question& qn, const std::vector<const decide::role*>& held) {
                             std::vector<Z3_ast> allowed;
                             for (const decide::role* r : held) allowed.push_back(qn.allows(*model, r));
                             std::vector<Z3_ast> out{c.allow ? z3.negation(z3.any(allowed)) : z3.any(allowed)};
                             if (c.where != nullptr) out.push_back(qn.matches(*c.where));
                             if (c.robot) out.push_back(*c.robot ? w.robot() : z3.negation(w.robot()));
                             if (c.allow) out.push_back(qn.outside_groups());
                             out.push_back(qn.plain_forms());
                             out.push_back(qn.id_of(c.id_kinds));
                             return out;
                           });
  }

  finding beyond_others(const std::string& role, const resolve::grant* g, const std::string& action,
                        const std::vector<const resolve::grant*>& left_out) {
    std::vector<const resolve::grant*> excluded = left_out;
    excluded.push_back(g);
    subject only{.roles = {role}, .only_grant = g};
    subject others{.roles = {role}, .except_grants = excluded};
    return decide_question(asked_named(action), std::move(only), std::move(others), {role}, nullptr, false,
                           [&](smt& z3, world&, question& qn, const std::vector<const decide::role*>& held) {
                             const decide::role* r = held.empty() ? nullptr : held.front();
                             const auto is = [g](const decide::rule& x) { return x.from == g; };
                             const auto is_not = [&](const decide::rule& x) {
                               return std::find(excluded.begin(), excluded.end(), x.from) == excluded.end();
                             };
                             return std::vector<Z3_ast>{qn.allows(*model, r, is), z3.negation(qn.allows(*model, r, is_not))};
                           });
  }

  finding beyond_role(const std::string& a, const std::string& b, const std::string& action) {
    const subject yes{.roles = {a}};
    const subject no{.roles = {b}};
    return decide_question(asked_named(action), yes, no, {a, b}, nullptr, false,
                           [&](smt& z3, world&, question& qn, const std::vector<const decide::role*>&) {
                             return std::vector<Z3_ast>{qn.allows(*model, model->find_role(a)),
                                                        z3.negation(qn.allows(*model, model->find_role(b)))};
                           });
  }

  bool allows(const std::string& role, const std::string& action, const witness& w) {
    checker c(policy, subject{.roles = {role}}, &models);
    return c.allowing(asked_named(action), w.documents, w.who).has_value();
  }

  finding exists(const groq::parse_result& filter, bool truth) {
    if (!filter.ok()) return finding{outcome::unknown, std::nullopt, "the filter has errors", 0};
    const subject anything{.anything = true};
    subject matching = anything;
    matching.where = &filter;
    const subject nothing{};
    // Lint asks whether one exists, and shows none: it is not shrunk.
    finding f = decide_question(asked_named("read"), truth ? matching : anything, truth ? nothing : matching, {}, &filter, false,
                                [&](smt& z3, world&, question& qn, const std::vector<const decide::role*>&) {
                                  const Z3_ast holds = qn.matches(filter);
                                  return std::vector<Z3_ast>{truth ? holds : z3.negation(holds)};
                                });
    return f;
  }
};

prover::prover(const side& s, options opts, std::string& error, const std::vector<std::string>* only) {
  auto m = decide::model::make(*s.policy, s.project_id, {}, error, only);
  if (m == nullptr) return;
  state_ = std::make_unique<state>(state{s, std::move(opts), std::move(m), nullptr, {}, {}});
}

prover::~prover() = default;

finding prover::prove(const claim& c) {
  if (state_ == nullptr) return finding{outcome::unknown, std::nullopt, "the policy's decision model could not be made", 0};
  return state_->prove(c);
}

finding prover::beyond_others(const std::string& role, const resolve::grant* g, const std::string& action,
                              const std::vector<const resolve::grant*>& left_out) {
  if (state_ == nullptr) return finding{outcome::unknown, std::nullopt, "the policy's decision model could not be made", 0};
  return state_->beyond_others(role, g, action, left_out);
}

finding prover::beyond_role(const std::string& a, const std::string& b, const std::string& action, bool solve) {
  if (state_ == nullptr) return finding{outcome::unknown, std::nullopt, "the policy's decision model could not be made", 0};
  // Back to asking the solver however the question ends.
  struct only_search {
    bool& flag;
    ~only_search() { flag = false; }
  } guard{state_->search_only = !solve};
  return state_->beyond_role(a, b, action);
}

bool prover::allows(const std::string& role, const std::string& action, const witness& w) {
  return state_ != nullptr && state_->allows(role, action, w);
}

void prover::forget_models() {
  if (state_ != nullptr) state_->models.clear();
}

finding prover::exists(const groq::parse_result& filter, bool truth) {
  if (state_ == nullptr) return finding{outcome::unknown, std::nullopt, "the policy's decision model could not be made", 0};
  return state_->exists(filter, truth);
}

}  // namespace rolec::analyze
