#include "analyze/lint.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <span>
#include <string>

#include "analyze/identical.hpp"
#include "analyze/implies.hpp"
#include "analyze/properties.hpp"
#include "decide/model.hpp"
#include "policy/toml_string.hpp"
#include "util/parallel.hpp"

namespace rolec::analyze {
namespace {

// True when `d` is a finding of rule `r` inside the filter written at `literal`.
bool inside(const diag::diagnostic& d, diag::rule r, const policy::location& literal) {
  return d.rule == r && d.source == literal.source && d.where.begin >= literal.where.begin && d.where.end <= literal.where.end;
}

// Drops the findings of `r` in the filter at `literal`; true when there were any.
bool take_back(std::vector<diag::diagnostic>& found, diag::rule r, const policy::location& literal) {
  const auto before = found.size();
  found.erase(std::remove_if(found.begin(), found.end(), [&](const diag::diagnostic& d) { return inside(d, r, literal); }),
              found.end());
  return found.size() != before;
}

bool has(const std::vector<diag::diagnostic>& found, diag::rule r, const policy::location& literal) {
  return std::any_of(found.begin(), found.end(), [&](const diag::diagnostic& d) { return inside(d, r, literal); });
}

bool same_place(const diag::diagnostic& d, diag::rule r, const policy::location& at) {
  return d.rule == r && d.source == at.source && d.where.begin == at.where.begin;
}

diag::diagnostic finding_at(diag::rule r, const policy::location& at, std::string message, std::string help) {
  diag::diagnostic d = diag::make(r, at.where, std::move(message), std::move(help));
  d.source = at.source;
  return d;
}

std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    out += fmt::format("{}`{}`", i == 0 ? "" : i + 1 == names.size() ? " and " : ", ", names[i]);
  }
  return out;
}

// RC411: each own grant of `r` whose every (document, principal) the role's other grants allow
// too, for each action it gives: one other grant that covers it in form (implies.hpp), or else
// the search and the solver over all of them. Grants are taken last first, and one found implied
// no longer counts for the others: of two that imply each other, the later is reported, and
// removing every grant reported leaves the role's access as it was.
void implied_grants(prover& judge, const decide::model& m, const decide::role& r, const std::vector<std::string>& matching_none,
                    const std::vector<std::string>& matching_some, std::vector<diag::diagnostic>& out) {
  const auto rules = m.rules();
  std::vector<std::size_t> own;
  for (const std::size_t k : r.rules) {
    const decide::rule& g = rules[k];
    if (g.via.empty() && g.broken.empty() && m.filters()[g.filter].program != nullptr && g.from != nullptr &&
        std::find(matching_none.begin(), matching_none.end(), g.permission) == matching_none.end()) {
      own.push_back(k);
    }
  }
  const auto place = [&](std::size_t k) {
    const policy::location& at = rules[k].from->from.shown_at();
    return std::pair{at.source, at.where.begin};
  };
  std::sort(own.begin(), own.end(), [&](std::size_t a, std::size_t b) { return place(a) > place(b); });
  std::vector<const resolve::grant*> reported;
  const auto others_give = [&](std::size_t k, decide::action a) {
    return std::any_of(r.rules.begin(), r.rules.end(), [&](std::size_t j) {
      return j != k && rules[j].on(a) != 0 && rules[j].broken.empty() &&
             std::find(reported.begin(), reported.end(), rules[j].from) == reported.end();
    });
  };
  for (const std::size_t k : own) {
    const decide::rule& g = rules[k];
    // An action no other grant gives at all: not implied, and no question to ask.
    if (std::any_of(decide::all_actions.begin(), decide::all_actions.end(),
                    [&](decide::action a) { return g.on(a) != 0 && !others_give(k, a); })) {
      continue;
    }
    bool implied = true;
    std::vector<std::string> actions;
    std::vector<std::pair<const decide::rule*, std::string>> covering;  // a grant, and what it does for g
    for (const decide::action a : decide::all_actions) {
      if (g.on(a) == 0) continue;
      actions.emplace_back(decide::name_of(a));
      std::vector<const decide::rule*> others;
      const decide::rule* one = nullptr;
      for (const std::size_t j : r.rules) {
        const decide::rule& h = rules[j];
        if (j == k || h.on(a) == 0 || !h.broken.empty()) continue;
        if (std::find(reported.begin(), reported.end(), h.from) != reported.end()) continue;
        others.push_back(&h);
        if (one == nullptr && grant_covers(m, g, m, h, a)) one = &h;
      }
      if (one != nullptr) {
        covering.emplace_back(one, "allows every document it does");
        continue;
      }
      // A filter some document matches, beside filters that none of its documents match (by
      // their forms): not implied, without a question. (A grant whose documents are all ones
      // the Content Lake refuses it may be missed here: a finding missed, never a wrong one.)
      const groq::node* mine = m.filters()[g.filter].parsed->root;
      const bool matched = std::binary_search(matching_some.begin(), matching_some.end(), g.permission);
      if (matched && std::all_of(others.begin(), others.end(), [&](const decide::rule* h) {
            return m.filters()[h->filter].parsed != nullptr && filters_disjoint(mine, m.filters()[h->filter].parsed->root);
          })) {
        implied = false;
        break;
      }
      if (others.empty() ||
          judge.beyond_others(r.name, g.from, std::string(decide::name_of(a)), reported).result != outcome::proved) {
        implied = false;
        break;
      }
      for (const decide::rule* h : others) {
        covering.emplace_back(h, others.size() == 1 ? std::string("allows every document it does")
                                                     : fmt::format("gives `{}` too: together they allow it", decide::name_of(a)));
      }
    }
    if (!implied || actions.empty()) continue;
    reported.push_back(g.from);
    diag::diagnostic d = finding_at(
        diag::rule::implied_grant, g.from->from.shown_at(),
        fmt::format("this grant adds nothing to role `{}`: its other grants allow {} on every document it does", r.name,
                    listed(actions)),
        "remove it, or narrow the grants that cover it if they allow more than was meant");
    std::vector<const decide::rule*> noted;
    for (const auto& [h, what] : covering) {
      if (std::find(noted.begin(), noted.end(), h) != noted.end()) continue;
      noted.push_back(h);
      const policy::location& there = h->from->from.shown_at();
      d.notes.push_back({fmt::format("`{}` ({}) {}", h->permission, h->written, what), there.where, there.source});
    }
    out.push_back(std::move(d));
  }
}

// RC412: a role that updates documents and creates published ones, but can publish none: the
// two are granted on different documents.
void update_without_publish(prover& judge, const decide::model& m, const decide::role& r, const resolve::role& written,
                            std::vector<diag::diagnostic>& out) {
  const auto rules = m.rules();
  const auto published = static_cast<decide::kinds>(decide::id_kind::published);
  bool updates = false;
  std::vector<const decide::rule*> creating;
  for (const std::size_t k : r.rules) {
    const decide::rule& g = rules[k];
    if (!g.broken.empty() || m.filters()[g.filter].program == nullptr) continue;
    updates = updates || g.on(decide::action::update) != 0;
    if ((g.on(decide::action::create) & published) != 0) creating.push_back(&g);
  }
  if (!updates || creating.empty() || written.written == nullptr) return;
  // A grant whose filter keeps to drafts (`_id in path("drafts.**")`) creates no published
  // document, whatever its actions: the role must create one for some document and principal.
  if (judge.prove(claim{{r.name}, "publish", false, nullptr, std::nullopt}).result != outcome::proved) return;
  claim creates{{r.name}, "create", false, nullptr, std::nullopt};
  creates.id_kinds = published;
  if (judge.prove(creates).result != outcome::refuted) return;
  diag::diagnostic d = finding_at(
      diag::rule::update_without_publish, written.written->name.at,
      fmt::format("role `{}` updates documents and creates published ones, but can publish none of them", r.name),
      "publishing a draft takes `update` on it and `create` of its published id, on the same documents: grant both "
      "where the role should publish");
  for (const decide::rule* g : creating) {
    const policy::location& there = g->from->from.shown_at();
    d.notes.push_back({fmt::format("`{}` ({}) creates published documents", g->permission, g->written), there.where,
                       there.source});
  }
  out.push_back(std::move(d));
}

}  // namespace

void refine_findings(const resolve::resolved_policy& resolved, std::vector<diag::diagnostic>& found) {
  // What each custom permission's filter matches: decided first (on every core for a large
  // policy, each thread with its own prover and solver), then reported in the policy's order.
  enum class matches { unknown, none, some, every };
  std::vector<const resolve::permission*> judged;
  for (const resolve::permission& p : resolved.custom_permissions()) {
    if (p.filter != nullptr && p.filter->ok() && p.written != nullptr && p.written->filter) judged.push_back(&p);
  }
  std::vector<matches> answers(judged.size(), matches::unknown);
  const std::span<const resolve::role> roles = resolved.custom_roles();
  std::vector<std::vector<diag::diagnostic>> about_roles(roles.size());
  const std::size_t chunks = judged.size() + roles.size() < 512 ? 1 : util::thread_count(0);
  const side s{&resolved, std::nullopt, {}};
  util::parallel_for(chunks, static_cast<unsigned>(chunks), [&](std::size_t chunk) {
    std::string error;
    const std::vector<std::string> no_roles;  // filters alone: no role's model is needed
    prover judge(s, options{}, error, &no_roles);
    if (!error.empty()) return;  // lint's patterns stand
    for (std::size_t i = chunk; i < judged.size(); i += chunks) {
      const groq::parse_result& parsed = judged[i]->filter->parsed();
      const outcome some = judge.exists(parsed, true).result;
      if (some != outcome::refuted) {
        answers[i] = some == outcome::proved ? matches::none : matches::unknown;
        continue;
      }
      const outcome missed = judge.exists(parsed, false).result;
      answers[i] = missed == outcome::proved ? matches::every : missed == outcome::refuted ? matches::some : matches::unknown;
    }
  });
  // A grant of a permission whose filter matches no document is RC406's: RC411 leaves it out.
  std::vector<std::string> matching_none, matching_some;
  for (std::size_t i = 0; i < judged.size(); ++i) {
    if (answers[i] == matches::none) matching_none.emplace_back(judged[i]->name());
    if (answers[i] == matches::some || answers[i] == matches::every) matching_some.emplace_back(judged[i]->name());
  }
  std::sort(matching_some.begin(), matching_some.end());
  // Roles are judged in a policy without errors only: a grant with an error is not what the
  // policy means, and what it implies would be noise beside the error.
  const bool whole = !diag::has_errors(found);
  util::parallel_for(whole ? chunks : 0, static_cast<unsigned>(chunks), [&](std::size_t chunk) {
    std::string error;
    prover judge(s, options{}, error);
    if (!error.empty()) return;
    // The roles, each with a model of its own grants, the checkers' models kept for its questions.
    for (std::size_t i = chunk; i < roles.size(); i += chunks) {
      const std::vector<std::string> only{roles[i].name()};
      std::string unused;
      const auto m = decide::model::make(resolved, std::nullopt, {}, unused, &only);
      const decide::role* r = m == nullptr ? nullptr : m->find_role(roles[i].name());
      if (r == nullptr) continue;
      implied_grants(judge, *m, *r, matching_none, matching_some, about_roles[i]);
      update_without_publish(judge, *m, *r, roles[i], about_roles[i]);
      judge.forget_models();
    }
  });
  if (whole) identical_roles(resolved, matching_none, about_roles.emplace_back());
  for (std::size_t i = 0; i < judged.size(); ++i) {
    const policy::filter_source& written = *judged[i]->written->filter;
    const diag::span at = policy::file_span(written, judged[i]->filter->parsed().root->where);
    switch (answers[i]) {
      case matches::unknown: break;  // outside the fragment: the patterns' findings stay
      case matches::none:
        // No document and principal make it true. A pattern's finding says why, at the
        // contradiction; otherwise the whole filter is reported.
        take_back(found, diag::rule::filter_matches_all, written.literal);
        if (!has(found, diag::rule::filter_matches_none, written.literal)) {
          diag::diagnostic d = diag::make(diag::rule::filter_matches_none, at, "this filter matches no document",
                                          "remove the permission, or write the condition it was meant to have");
          d.source = written.literal.source;
          d.notes.push_back({"decided for every document and user: none makes the filter exactly `true`", std::nullopt, 0});
          found.push_back(std::move(d));
        }
        break;
      case matches::some:
        take_back(found, diag::rule::filter_matches_none, written.literal);
        take_back(found, diag::rule::filter_matches_all, written.literal);
        break;
      case matches::every:
        take_back(found, diag::rule::filter_matches_none, written.literal);
        if (!has(found, diag::rule::filter_matches_all, written.literal)) {
          diag::diagnostic d = diag::make(diag::rule::filter_matches_all, at, "this filter matches every document",
                                          "if the role should see everything, grant the predefined `sanity-all-documents` "
                                          "instead; otherwise narrow the filter");
          d.source = written.literal.source;
          d.notes.push_back({"decided for every document and user: the filter is `true` for each", std::nullopt, 0});
          found.push_back(std::move(d));
        }
        break;
    }
  }
  for (auto& list : about_roles) {
    for (diag::diagnostic& d : list) {
      // A grant RC404 already calls redundant (the same grant twice, a narrower mode) is not
      // reported again.
      const policy::location at{d.source, d.where};
      const bool told = d.rule == diag::rule::implied_grant &&
                        std::any_of(found.begin(), found.end(), [&](const diag::diagnostic& f) {
                          return same_place(f, diag::rule::redundant_grant, at);
                        });
      if (!told) found.push_back(std::move(d));
    }
  }
}

}  // namespace rolec::analyze
