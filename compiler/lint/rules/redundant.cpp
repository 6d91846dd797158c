// RC404 redundant-grant: a grant of a role that another grant of the same role (its own, or one
// `extends` brings in) already gives, as model/documents.hpp says what each grant gives.

#include <fmt/format.h>

#include <algorithm>

#include "lint/rules/context.hpp"
#include "model/documents.hpp"
#include "policy/toml_edit.hpp"

namespace rolec::lint {
namespace {

using diag::rule;

// True when `wider` gives everything `g` gives: the same permission and action, on every dataset
// `g` holds in; a mode grant is covered by a wider mode (publish covers create covers read) with
// at least its history.
bool covers(const model::grant& wider, const model::grant& g) {
  if (wider.permission != g.permission || wider.action.name != g.action.name || wider.others != g.others) return false;
  if (wider.dataset && wider.dataset != g.dataset) return false;
  if (!g.action.is_mode()) return wider.history == g.history;
  const auto big = wider.action.level();
  const auto small = g.action.level();
  if (!big || !small) return wider.action.mode == g.action.mode && wider.history == g.history;
  return model::covers(*big, wider.history.value_or(false), *small, g.history.value_or(false));
}

std::string describe(const model::grant& g) {
  std::string out = g.action.is_mode() ? fmt::format("mode `{}` on `{}`", g.action.mode.value_or(""), g.permission)
                                       : fmt::format("`{}` on `{}`", g.action.name, g.permission);
  if (g.dataset) out += fmt::format(" in dataset `{}`", *g.dataset);
  return out;
}

// Why `g` adds nothing beside `other`.
std::string because(const resolve::grant& g, const resolve::grant& other, bool same) {
  const model::grant& a = g.value;
  const model::grant& b = other.value;
  const bool wider_mode = !same && a.action.is_mode() && a.action.mode != b.action.mode;
  const bool every_dataset = !same && a.dataset && !b.dataset;
  if (!other.from.inherited()) {
    if (wider_mode) return fmt::format("mode `{}` is granted too", b.action.mode.value_or(""));
    if (every_dataset) return "it is granted in every dataset too";
    return "it is granted twice";
  }
  std::string what = "it";
  if (wider_mode) what = fmt::format("mode `{}`", b.action.mode.value_or(""));
  if (every_dataset) what += " in every dataset";
  return fmt::format("role `{}` already grants {}", other.from.via(), what);
}

// The edit that removes own grant `g` as written: its action from the grant's `actions`, or, when
// it is the grant's only action (or a mode), the grant from the role's `grants`. Nothing when the
// place is not one those lists hold, or the text around it is not plain (lint never guesses).
std::optional<diag::fix> removal(const context& c, const policy::role& role, const resolve::grant& g) {
  const policy::grant* written = g.from.written;
  if (written == nullptr) return std::nullopt;
  const diag::source_file& file = c.sources.file(g.from.at.source);
  const auto spans = [](const auto& list, auto place) {
    std::vector<diag::span> out;
    for (const auto& x : list) out.push_back(place(x).where);
    return out;
  };
  const auto same = [&](const policy::location& a) { return a.source == g.from.at.source && a.where == g.from.at.where; };
  if (written->actions.size() > 1) {
    const auto it = std::find_if(written->actions.begin(), written->actions.end(), [&](const policy::text& t) { return same(t.at); });
    if (it == written->actions.end()) return std::nullopt;
    // The same action written twice in one grant is one resolved grant: keep the first.
    if (std::count_if(written->actions.begin(), written->actions.end(), [&](const policy::text& t) { return t.value == it->value; }) > 1 &&
        std::find_if(written->actions.begin(), written->actions.end(), [&](const policy::text& t) { return t.value == it->value; }) == it) {
      return std::nullopt;
    }
    return policy::remove_element(file.text(), spans(written->actions, [](const policy::text& t) { return t.at; }),
                                  static_cast<std::size_t>(it - written->actions.begin()));
  }
  const auto it = std::find_if(role.grants.begin(), role.grants.end(), [&](const policy::grant& x) { return &x == written; });
  if (it == role.grants.end() || it->at.source != g.from.at.source) return std::nullopt;
  return policy::remove_element(file.text(), spans(role.grants, [](const policy::grant& x) { return x.at; }),
                                static_cast<std::size_t>(it - role.grants.begin()));
}

}  // namespace

void check_redundant_grants(context& c, const resolve::role& r) {
  const std::vector<resolve::grant>& grants = r.effective;
  for (std::size_t i = 0; i < grants.size(); ++i) {
    const resolve::grant& g = grants[i];
    if (g.from.inherited()) continue;  // only the role's own grants are reported
    for (std::size_t j = 0; j < grants.size(); ++j) {
      if (i == j) continue;
      const resolve::grant& other = grants[j];
      const bool same = g.value == other.value;
      if (!same && !covers(other.value, g.value)) continue;
      if (same && !other.from.inherited() && j > i) continue;  // report the later of two own grants
      auto& d = c.report(rule::redundant_grant, g.from.shown_at(),
                         fmt::format("{} is redundant: {}", describe(g.value), because(g, other, same)), "remove it");
      const policy::location& there = other.from.shown_at();
      d.notes.push_back({other.from.inherited() ? "through this `extends`" : "also granted here", there.where, there.source});
      if (r.written != nullptr) d.fix = removal(c, *r.written, g);
      break;
    }
  }
}

}  // namespace rolec::lint
