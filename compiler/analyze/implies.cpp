#include "analyze/implies.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include "decide/operations.hpp"
#include "groq/print.hpp"

namespace rolec::analyze {
namespace {

using groq::node;
using groq::node_kind;

// Beyond this many disjuncts the normal form is not worth making: no proof.
constexpr std::size_t max_disjuncts = 64;

// A literal: an atom that is exactly true, or (negated) exactly false. An equality is never
// null, so its being false is the inequality's being true: both print as the same literal.
struct literal {
  const node* atom = nullptr;
  bool negated = false;
  bool flipped = false;  // an equality read as its inequality (or the other way round)
  std::string text;      // canonical
};

using conjunct = std::vector<literal>;
using normal_form = std::vector<conjunct>;

literal make_literal(const node* atom, bool negated) {
  // The key names the literal's meaning and nothing else: a sign, then the canonical texts of
  // the operands, each on its own (`!(x in L)` must not read as `(!x) in L`).
  literal l{atom, negated, false, {}};
  const bool equality = atom->kind == node_kind::equal || atom->kind == node_kind::not_equal;
  if (equality) {
    // `!(a == b)` is exactly `a != b`, and `!(a != b)` is `a == b`.
    const bool equal = (atom->kind == node_kind::equal) != negated;
    l.text = fmt::format("{}\x1f{}\x1f{}", equal ? "==" : "!=", groq::print(atom->lhs), groq::print(atom->rhs));
    l.flipped = negated;
    l.negated = false;
  } else {
    l.text = fmt::format("{}\x1f{}", negated ? "false" : "true", groq::print(atom));
  }
  return l;
}

// True for a test every document passes: `_id in path("**")` (an id has at least one character)
// and `defined(_id)`.
bool every_document(const node* n) {
  const auto is_id = [](const node* x) { return x->kind == node_kind::this_attribute && x->text == "_id"; };
  if (n->kind == node_kind::in && is_id(n->lhs)) {
    const node* p = n->rhs;
    return p->kind == node_kind::func_call && p->ns == "global" && p->text == "path" && p->count == 1 &&
           p->items[0]->kind == node_kind::string_literal && p->items[0]->text == "**";
  }
  return n->kind == node_kind::func_call && n->ns == "global" && n->text == "defined" && n->count == 1 && is_id(n->items[0]);
}

// The DNF of "`n` is exactly true" (`want` true) or "exactly false"; nothing when too large.
std::optional<normal_form> dnf(const node* n, bool want) {
  if (n->kind == node_kind::not_) return dnf(n->lhs, !want);
  const bool conjunction = (n->kind == node_kind::and_ && want) || (n->kind == node_kind::or_ && !want);
  const bool disjunction = (n->kind == node_kind::or_ && want) || (n->kind == node_kind::and_ && !want);
  if (disjunction) {
    normal_form out;
    for (const node* operand : n->children()) {
      auto part = dnf(operand, want);
      if (!part) return std::nullopt;
      out.insert(out.end(), part->begin(), part->end());
      if (out.size() > max_disjuncts) return std::nullopt;
    }
    return out;
  }
  if (conjunction) {
    normal_form out{conjunct{}};
    for (const node* operand : n->children()) {
      auto part = dnf(operand, want);
      if (!part) return std::nullopt;
      normal_form product;
      for (const conjunct& left : out) {
        for (const conjunct& right : *part) {
          conjunct both = left;
          both.insert(both.end(), right.begin(), right.end());
          product.push_back(std::move(both));
          if (product.size() > max_disjuncts) return std::nullopt;
        }
      }
      out = std::move(product);
    }
    return out;
  }
  if (n->kind == node_kind::boolean_literal || every_document(n)) {
    const bool value = n->kind != node_kind::boolean_literal || n->has(groq::flag::true_value);
    if (value == want) return normal_form{conjunct{}};  // always
    return normal_form{};                              // never
  }
  return normal_form{conjunct{make_literal(n, !want)}};
}

// The strings a literal test names: `x == "a"` (a string, never a list: `x == ["a"]` is false for
// every string) or `x in ["a", "b"]` (a list, never a string: `x in "a"` is null). Nothing for
// anything else.
std::optional<std::set<std::string>> tested_strings(const node* rhs, bool equality) {
  std::set<std::string> out;
  if (equality) {
    if (rhs->kind != node_kind::string_literal) return std::nullopt;
    out.emplace(rhs->text);
    return out;
  }
  if (rhs->kind != node_kind::array_literal) return std::nullopt;
  for (const node* item : rhs->children()) {
    if (item->kind != node_kind::string_literal) return std::nullopt;
    out.emplace(item->text);
  }
  return out;
}

// `x == "a"` or `x in ["a", ...]`: the tested expression and its values.
std::optional<std::pair<std::string, std::set<std::string>>> membership(const literal& l) {
  if (l.negated) return std::nullopt;
  const node* a = l.atom;
  const bool equality = (a->kind == node_kind::equal && !l.flipped) || (a->kind == node_kind::not_equal && l.flipped);
  if (equality || (a->kind == node_kind::in && !l.flipped)) {
    if (auto values = tested_strings(a->rhs, equality)) return std::make_pair(groq::print(a->lhs), std::move(*values));
  }
  return std::nullopt;
}

// `x > 5` implies `x > 2.5` (and the like for `>=`, `<`, `<=`): a number above the larger bound is
// above the smaller. Nothing when the two are not such comparisons of one expression.
std::optional<bool> threshold_implies(const literal& a, const literal& b) {
  if (a.negated || b.negated || a.flipped || b.flipped) return std::nullopt;
  // A finite bound only: `1e999` is no number to the evaluator (null), and compares to nothing.
  const auto bound = [](const node* n) -> std::optional<double> {
    if (n->kind == node_kind::number_literal && std::isfinite(n->number)) return n->number;
    if (n->kind == node_kind::negate && n->lhs->kind == node_kind::number_literal && std::isfinite(n->lhs->number)) {
      return -n->lhs->number;
    }
    return std::nullopt;
  };
  const node* x = a.atom;
  const node* y = b.atom;
  const auto upward = [](node_kind k) { return k == node_kind::greater || k == node_kind::greater_equal; };
  const auto downward = [](node_kind k) { return k == node_kind::less || k == node_kind::less_equal; };
  if (!((upward(x->kind) && upward(y->kind)) || (downward(x->kind) && downward(y->kind)))) return std::nullopt;
  const auto p = bound(x->rhs);
  const auto q = bound(y->rhs);
  if (!p || !q || groq::print(x->lhs) != groq::print(y->lhs)) return std::nullopt;
  const bool x_strict = x->kind == node_kind::greater || x->kind == node_kind::less;
  const bool y_strict = y->kind == node_kind::greater || y->kind == node_kind::less;
  // Upward (downward mirrored by negating): `v >= p` gives `v > q` only when p > q; every other
  // pair needs p >= q.
  const bool up = upward(x->kind);
  const double from = up ? *p : -*p;
  const double to = up ? *q : -*q;
  if (!x_strict && y_strict) return from > to;
  return from >= to;
}

// True when literal `a` being true makes literal `b` true.
bool literal_implies(const literal& a, const literal& b) {
  if (a.text == b.text) return true;
  const auto in_a = membership(a);
  const auto in_b = membership(b);
  if (in_a && in_b && in_a->first == in_b->first) {
    return std::includes(in_b->second.begin(), in_b->second.end(), in_a->second.begin(), in_a->second.end());
  }
  if (const auto ordered = threshold_implies(a, b)) return *ordered;
  // `_id` among forms of one document implies `sanity::versionOf` of it.
  const node* v = b.atom;
  if (!b.negated && v->kind == node_kind::func_call && v->ns == "sanity" && v->text == "versionOf" && v->count == 1 &&
      v->items[0]->kind == node_kind::string_literal && !a.negated && a.atom->kind == node_kind::in && !a.flipped &&
      groq::print(a.atom->lhs) == "_id" && a.atom->rhs->kind == node_kind::func_call && a.atom->rhs->text == "path" &&
      a.atom->rhs->count == 1 && a.atom->rhs->items[0]->kind == node_kind::string_literal) {
    // `_id in path("versions.*.x")`: every match is a release version of `x` (a release has no dot).
    const std::string_view glob = a.atom->rhs->items[0]->text;
    const std::string_view id = v->items[0]->text;
    if (glob == id || glob == "drafts." + std::string(id) ||
        (glob.size() == 11 + id.size() && glob.starts_with("versions.*.") && glob.substr(11) == id)) {
      return id.find('*') == std::string_view::npos;
    }
  }
  if (in_a && in_a->first == "_id" && !b.negated && v->kind == node_kind::func_call && v->ns == "sanity" &&
      v->text == "versionOf" && v->count == 1 && v->items[0]->kind == node_kind::string_literal) {
    return std::all_of(in_a->second.begin(), in_a->second.end(),
                       [&](const std::string& id) { return decide::published_id(id) == v->items[0]->text; });
  }
  return false;
}

bool conjunct_implies(const conjunct& a, const conjunct& b) {
  return std::all_of(b.begin(), b.end(), [&](const literal& need) {
    return std::any_of(a.begin(), a.end(), [&](const literal& have) { return literal_implies(have, need); });
  });
}

std::vector<decide::action> actions_asked(const asked& q) {
  if (q.plain) return {*q.plain};
  return {decide::action::update, decide::action::create};
}

bool live(const decide::model& m, const decide::rule& g) {
  return g.broken.empty() && m.filters()[g.filter].program != nullptr;
}

}  // namespace

bool filters_disjoint(const node* a, const node* b) {
  if (a == nullptr || b == nullptr) return true;
  const auto left = dnf(a, true);
  const auto right = dnf(b, true);
  if (!left || !right) return false;
  // Every way `a` holds contradicts every way `b` does: one expression tested against values that
  // have none in common (`_type == "a"` beside `_type in ["b", "c"]`).
  const auto clash = [](const conjunct& x, const conjunct& y) {
    for (const literal& l : x) {
      const auto in_l = membership(l);
      if (!in_l) continue;
      for (const literal& m : y) {
        const auto in_m = membership(m);
        if (!in_m || in_m->first != in_l->first) continue;
        const bool shared = std::any_of(in_l->second.begin(), in_l->second.end(),
                                        [&](const std::string& v) { return in_m->second.count(v) != 0; });
        if (!shared) return true;
      }
    }
    return false;
  };
  return std::all_of(left->begin(), left->end(), [&](const conjunct& x) {
    return std::all_of(right->begin(), right->end(), [&](const conjunct& y) { return clash(x, y); });
  });
}

bool filter_implies(const node* a, const node* b) {
  if (a == nullptr) return true;  // a filter that is not one allows nothing
  if (b == nullptr) return false;
  const auto left = dnf(a, true);
  const auto right = dnf(b, true);
  if (!left || !right) return false;
  return std::all_of(left->begin(), left->end(), [&](const conjunct& d) {
    return std::any_of(right->begin(), right->end(), [&](const conjunct& e) { return conjunct_implies(d, e); });
  });
}

bool grant_covers(const decide::model& m_small, const decide::rule& small, const decide::model& m_big, const decide::rule& big,
                  decide::action a) {
  if (!live(m_small, small) || !live(m_big, big) || (small.on(a) & ~big.on(a)) != 0) return false;
  if (big.dataset && big.dataset != small.dataset) return false;
  if (decide::writes(a) && small.writes_groups && !big.writes_groups) return false;
  return filter_implies(m_small.filters()[small.filter].parsed->root, m_big.filters()[big.filter].parsed->root);
}

bool contained(const decide::model& m_lesser, const decide::role* lesser, const decide::model& m_greater,
               const decide::role* greater, const asked& q) {
  if (lesser == nullptr) return true;
  const std::vector<decide::action> actions = actions_asked(q);
  const auto grants_any = [&](const decide::model& m, const decide::role* r) {
    if (r == nullptr) return false;
    return std::any_of(r->rules.begin(), r->rules.end(), [&](std::size_t i) {
      const decide::rule& g = m.rules()[i];
      return live(m, g) && std::any_of(actions.begin(), actions.end(), [&](decide::action a) { return g.on(a) != 0; });
    });
  };
  if (!grants_any(m_lesser, lesser)) return true;
  if (greater == nullptr) return false;
  if ((lesser->applies_to_users && !greater->applies_to_users) || (lesser->applies_to_robots && !greater->applies_to_robots)) {
    return false;
  }
  for (const decide::action a : actions) {
    for (const std::size_t i : lesser->rules) {
      const decide::rule& small = m_lesser.rules()[i];
      if (small.on(a) == 0 || !live(m_lesser, small)) continue;
      const bool covered = std::any_of(greater->rules.begin(), greater->rules.end(), [&](std::size_t j) {
        return grant_covers(m_lesser, small, m_greater, m_greater.rules()[j], a);
      });
      if (!covered) return false;
    }
  }
  return true;
}

}  // namespace rolec::analyze
