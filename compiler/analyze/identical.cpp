#include "analyze/identical.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>

#include "analyze/implies.hpp"
#include "analyze/properties.hpp"
#include "decide/model.hpp"
#include "groq/print.hpp"
#include "model/api_json.hpp"

namespace rolec::analyze {
namespace {

// A role and what its forms say of its access.
struct candidate {
  const resolve::role* role = nullptr;
  const decide::role* decided = nullptr;
  std::string group;  // the actions it gives, its other permissions, its audience: the same for roles alike
  std::string form;   // ... and its document grants in canonical form: the same, the same access
};

// The keys of a role, or nothing for a role that gives nothing (RC403's).
std::optional<candidate> describe(const resolve::role& r, const decide::model& m, const std::vector<std::string>& matching_none,
                                  std::vector<std::optional<std::string>>& printed) {
  const decide::role* d = m.find_role(r.name());
  if (d == nullptr) return std::nullopt;
  std::vector<std::string> others, documents;
  for (const resolve::grant& g : r.effective) {
    if (g.target == nullptr || !g.target->on_documents()) others.push_back(model::to_api(g.value).dump());
  }
  unsigned gives = 0;
  for (const std::size_t k : d->rules) {
    const decide::rule& g = m.rules()[k];
    const decide::filter& f = m.filters()[g.filter];
    if (!g.broken.empty() || f.program == nullptr) continue;
    if (std::find(matching_none.begin(), matching_none.end(), g.permission) != matching_none.end()) continue;
    std::optional<std::string>& text = printed[g.filter];
    if (!text) text = groq::print(f.parsed->root);
    std::string form = *text;
    for (std::size_t a = 0; a < g.scope.size(); ++a) {
      form += fmt::format("\x1f{}", static_cast<unsigned>(g.scope[a]));
      if (g.scope[a] != 0) gives |= 1U << a;
    }
    form += fmt::format("\x1f{}\x1f{}", g.dataset.value_or("\x1e"), g.writes_groups ? 1 : 0);
    documents.push_back(std::move(form));
  }
  if (others.empty() && documents.empty()) return std::nullopt;
  for (auto* list : {&others, &documents}) {
    std::sort(list->begin(), list->end());
    list->erase(std::unique(list->begin(), list->end()), list->end());
  }
  candidate c{&r, d, fmt::format("{}\x1d{}{}\x1d{}\x1d{}", model::name_of(r.scope), d->applies_to_users ? 1 : 0,
                                 d->applies_to_robots ? 1 : 0, gives, fmt::join(others, "\x1c")),
              {}};
  c.form = fmt::format("{}\x1d{}", c.group, fmt::join(documents, "\x1c"));
  return c;
}

// What telling two roles apart came to.
struct told {
  enum { same, apart, unknown } result = unknown;
  std::string action;        // with `apart`: the action of the witness
  std::optional<witness> w;  // ... a document and principal the first role allows, or the second
  bool first_allows = false;
};

// Whether roles `a` and `b` (of one group: the same actions) allow the same on every document,
// for every principal. Each action and direction is compared in form first; the rest are searched
// for a witness, all of them, before the solver is asked of any (two different roles are almost
// always told apart by a document made of their filters' values).
told tell_apart(prover& judge, const decide::model& m, const candidate& a, const candidate& b) {
  struct direction {
    std::string action;
    bool first;  // `a` allows what `b` may not
  };
  std::vector<direction> open;
  for (const decide::action act : decide::all_actions) {
    const bool gives = std::any_of(a.decided->rules.begin(), a.decided->rules.end(),
                                   [&](std::size_t k) { return m.rules()[k].on(act) != 0; });
    if (!gives) continue;
    const asked q = asked_named(std::string(decide::name_of(act)));
    if (!contained(m, a.decided, m, b.decided, q)) open.push_back({q.name, true});
    if (!contained(m, b.decided, m, a.decided, q)) open.push_back({q.name, false});
  }
  bool unsure = false;
  for (const bool solve : {false, true}) {
    for (const direction& d : open) {
      const candidate& yes = d.first ? a : b;
      const candidate& no = d.first ? b : a;
      finding f = judge.beyond_role(yes.role->name(), no.role->name(), d.action, solve);
      if (f.result == outcome::refuted && f.counterexample) return told{told::apart, d.action, std::move(f.counterexample), d.first};
      if (solve && f.result == outcome::unknown) unsure = true;
    }
  }
  return told{unsure ? told::unknown : told::same, {}, std::nullopt, false};
}

// Splits `roles` (one group, each of a different form) into roles of the same access: `same_as[i]`
// becomes the role `i` was proved the same as. Each role is compared with the first of those
// left; a witness that tells two apart sends every role that disagrees with the first on it to
// be compared among themselves.
void compare_group(prover& judge, const decide::model& m, const std::vector<candidate>& all, std::vector<std::size_t> roles,
                   std::vector<std::size_t>& same_as) {
  while (roles.size() >= 2) {
    const std::size_t first = roles.front();
    std::vector<std::size_t> queue(roles.begin() + 1, roles.end()), later;
    std::size_t i = 0;
    while (i < queue.size()) {
      const std::size_t other = queue[i];
      // Two predefined roles are not the policy's to change: not asked.
      told t = all[first].role->builtin() && all[other].role->builtin() ? told{}
                                                                       : tell_apart(judge, m, all[first], all[other]);
      if (t.result == told::same) {
        same_as[other] = first;
        ++i;
        continue;
      }
      if (t.result == told::unknown) {
        later.push_back(other);
        queue.erase(queue.begin() + static_cast<std::ptrdiff_t>(i));
        continue;
      }
      std::vector<std::size_t> kept(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(i));
      for (std::size_t j = i; j < queue.size(); ++j) {
        const std::size_t r = queue[j];
        const bool agrees = r != other && judge.allows(all[r].role->name(), t.action, *t.w) == t.first_allows;
        (agrees ? kept : later).push_back(r);
      }
      queue = std::move(kept);
    }
    judge.forget_models();
    roles = std::move(later);
  }
}

}  // namespace

void identical_roles(const resolve::resolved_policy& resolved, const std::vector<std::string>& matching_none,
                     std::vector<diag::diagnostic>& out) {
  std::string error;
  const auto m = decide::model::make(resolved, std::nullopt, {}, error);
  if (m == nullptr) return;
  std::vector<candidate> all;
  std::vector<std::optional<std::string>> printed(m->filters().size());
  for (const resolve::role& r : resolved.roles) {
    if (auto c = describe(r, *m, matching_none, printed)) all.push_back(std::move(*c));
  }
  // Built-in roles first, so that a custom role the same as one is told to use it; then custom
  // roles in the policy's order.
  std::stable_partition(all.begin(), all.end(), [](const candidate& c) { return c.role->builtin(); });
  std::vector<std::size_t> same_as(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) same_as[i] = i;
  std::map<std::string, std::vector<std::size_t>> groups;
  std::map<std::string, std::size_t> forms;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto [at, fresh] = forms.emplace(all[i].form, i);
    if (!fresh) {
      same_as[i] = at->second;  // the same grants in form
      continue;
    }
    groups[all[i].group].push_back(i);
  }
  std::unique_ptr<prover> judge;
  const side s{&resolved, std::nullopt, {}};
  for (auto& [key, members] : groups) {
    const bool custom = std::any_of(members.begin(), members.end(), [&](std::size_t i) { return !all[i].role->builtin(); });
    if (!custom || members.size() < 2 || members.size() > most_roles_compared) continue;
    if (judge == nullptr) {
      std::string unused;
      judge = std::make_unique<prover>(s, options{}, unused);
    }
    compare_group(*judge, *m, all, members, same_as);
  }
  // A role proved the same as another is the same as whatever that one is the same as.
  const auto root = [&](std::size_t i) {
    while (same_as[i] != i) i = same_as[i];
    return i;
  };
  for (std::size_t i = 0; i < all.size(); ++i) {
    const candidate& c = all[i];
    if (root(i) == i || c.role->builtin()) continue;
    const candidate& first = all[root(i)];
    const std::string& name = first.role->name();
    // `extends = ["editor"]` and nothing else: an alias, written as one.
    const policy::role& written = *c.role->written;
    if (written.grants.empty() && written.extends.size() == 1) {
      const std::string& parent = written.extends.front().value;
      const auto it = std::find_if(all.begin(), all.end(), [&](const candidate& x) { return x.role->name() == parent; });
      if (it != all.end() && root(static_cast<std::size_t>(it - all.begin())) == root(i)) continue;
    }
    const bool predefined = first.role->builtin();
    diag::diagnostic d = diag::make(
        diag::rule::identical_roles, written.name.at.where,
        fmt::format("role `{}` allows exactly what {} `{}` allows", c.role->name(), predefined ? "the predefined role" : "role", name),
        predefined ? fmt::format("give its members `{}` and remove it, or grant the difference that was meant", name)
                   : std::string("keep one of the two and give its members the other, or grant the difference that was meant"));
    d.source = written.name.at.source;
    const std::string how = c.form == first.form ? "with the same grants"
                                                 : "and no document, principal or action tells the two apart";
    if (predefined) {
      d.notes.push_back({fmt::format("`{}` is predefined, {}", name, how), std::nullopt, 0});
    } else {
      const policy::location& there = first.role->written->name.at;
      d.notes.push_back({fmt::format("`{}` is defined here, {}", name, how), there.where, there.source});
    }
    out.push_back(std::move(d));
  }
}

}  // namespace rolec::analyze
