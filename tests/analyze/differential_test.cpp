// Differential test of the access analysis (compiler/analyze) against the decide stage. Random
// pairs of permission filters, the new one mostly a small edit of the old one as real changes are,
// go through analyze::compare; every witness it shows is decided again by decide, and every claim
// that no (document, principal) exists in a direction ("unchanged", or only one direction) is
// attacked with random documents and principals made from the filters' literals. A document the
// analysis said could not exist is a false proof: the one result this test must never see.
//
// ROLEC_ANALYZE_PAIRS sets how many pairs (2000 by default); ROLEC_ANALYZE_SEED=N runs the one pair
// of seed N (as a failure or an unknown verdict prints it), and prints its two policies.
//
// Properties (`[[properties]]`) are checked the same way: a random policy and a random claim
// about it (allow or deny an action on every document a `where` filter matches); every
// counterexample is decided again, and every proof attacked. ROLEC_ANALYZE_PROPERTIES sets how many
// (1000 by default); ROLEC_ANALYZE_PROPERTY_SEED=N runs one. Lint's RC411 too: every grant it
// calls implied by the role's other grants is attacked with documents it alone might allow
// (ROLEC_ANALYZE_ROLES roles, 500 by default); and RC413: two roles it calls the same are
// attacked with documents one of them might allow alone (ROLEC_ANALYZE_ROLE_PAIRS, 500).

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "analyze/compare.hpp"
#include "analyze/lint.hpp"
#include "analyze/properties.hpp"
#include "decide/decide.hpp"
#include "decide/model.hpp"
#include "decide/operations.hpp"
#include "diag/diagnostic.hpp"
#include "diag/source.hpp"
#include "eval/datetime.hpp"
#include "eval/json.hpp"
#include "groq/ast.hpp"
#include "groq/print.hpp"
#include "policy/load.hpp"
#include "resolve/resolve.hpp"
#include "schemas/catalog.hpp"

namespace {

using json = nlohmann::json;
namespace analyze = rolec::analyze;
namespace decide = rolec::decide;
namespace eval = rolec::eval;

constexpr std::uint32_t first_seed = 20260501;
/// The role whose grant changes; every other role (the built-in ones) must come out unchanged.
const std::string tested_role = "tester";
constexpr int principals_per_pair = 8;
constexpr int documents_per_principal = 12;
/// Documents tried near each witness (one in four with the principal changed too).
constexpr int neighbours_per_witness = 16;
constexpr double most_unknown = 0.01;
/// Failures shown in full; later ones are only counted.
constexpr int failures_shown = 25;

template <typename T>
const T& pick(std::mt19937& rng, const std::vector<T>& from) {
  return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
}

bool coin(std::mt19937& rng, double p = 0.5) { return std::bernoulli_distribution(p)(rng); }

int between(std::mt19937& rng, int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng); }

std::size_t env_count(const char* name, std::size_t fallback) {
  const char* text = std::getenv(name);
  return text == nullptr || *text == '\0' ? fallback : static_cast<std::size_t>(std::stoull(text));
}

// --- filters ------------------------------------------------------------------------------------

using atom_maker = std::string (*)(std::mt19937&);

/// The atoms users write, by family: a literal change draws again from the same family.
const std::vector<atom_maker> atom_families{
    [](std::mt19937& r) { return fmt::format(R"(_type == "{}")", pick(r, std::vector<std::string>{"a", "b", "c"})); },
    [](std::mt19937& r) {
      const std::vector<std::string> types{"a", "b", "c"};
      // Now and then the mistakes of `in` users make: `==` a list, `in` a string (neither is ever true).
      const double roll = std::uniform_real_distribution<double>(0, 1)(r);
      if (roll < 0.06) return fmt::format(R"(_type == ["{}", "{}"])", pick(r, types), pick(r, types));
      if (roll < 0.1) return fmt::format(R"(_type in "{}")", pick(r, types));
      return fmt::format(R"(_type in ["{}", "{}"])", pick(r, types), pick(r, types));
    },
    [](std::mt19937& r) {
      return fmt::format(R"(_id in path("{}"))",
                         pick(r, std::vector<std::string>{"drafts.**", "versions.**", "team-a.*", "team-b.*", "team-a.**"}));
    },
    [](std::mt19937& r) {
      return fmt::format(R"(string::startsWith(_id, "{}"))",
                         pick(r, std::vector<std::string>{"team-", "team-a.", "drafts.team-"}));
    },
    [](std::mt19937& r) {
      return fmt::format("defined({})", pick(r, std::vector<std::string>{"priority", "publishedAt", "author", "author._ref",
                                                                          "tags", "editors", "title",
                                                                          "user::attributes().team"}));
    },
    [](std::mt19937& r) { return fmt::format("identity() {} author._ref", coin(r, 0.8) ? "==" : "!="); },
    [](std::mt19937&) { return std::string("identity() in editors[]._ref"); },
    [](std::mt19937& r) { return fmt::format(R"("{}" in tags)", pick(r, std::vector<std::string>{"x", "y"})); },
    [](std::mt19937& r) {
      return fmt::format("priority {} {}", pick(r, std::vector<std::string>{">", ">=", "<", "<=", "==", "!="}),
                         pick(r, std::vector<std::string>{"5", "2.5", "0", "-1"}));
    },
    [](std::mt19937& r) {
      return fmt::format("dateTime(publishedAt) {} dateTime(now())", pick(r, std::vector<std::string>{"<", "<=", ">", ">="}));
    },
    [](std::mt19937& r) {
      return fmt::format(R"(dateTime(publishedAt) {} dateTime("{}"))", pick(r, std::vector<std::string>{"<", "<=", ">", ">="}),
                         pick(r, std::vector<std::string>{"2024-01-01T00:00:00Z", "2025-06-15T12:30:00Z",
                                                          "2024-01-01T00:00:00.001Z"}));
    },
    [](std::mt19937& r) {
      if (coin(r, 0.25)) return std::string("user::attributes().team == team");
      return fmt::format(R"(user::attributes().team {} "{}")", coin(r, 0.8) ? "==" : "!=",
                         pick(r, std::vector<std::string>{"a", "b"}));
    },
    [](std::mt19937& r) {
      return fmt::format(R"(sanity::versionOf("{}"))", pick(r, std::vector<std::string>{"x", "team-a.x", "y"}));
    },
    [](std::mt19937& r) { return fmt::format(R"(sanity::partOfRelease("{}"))", pick(r, std::vector<std::string>{"r1", "r2"})); },
    [](std::mt19937& r) {
      return fmt::format("{} {} null",
                         pick(r, std::vector<std::string>{"author", "priority", "title", "_type", "publishedAt", "tags"}),
                         coin(r) ? "==" : "!=");
    },
    // Fields most documents do not have.
    [](std::mt19937& r) {
      return fmt::format(R"({} {} "{}")", pick(r, std::vector<std::string>{"title", "status"}), coin(r, 0.7) ? "==" : "!=",
                         pick(r, std::vector<std::string>{"a", "draft", "published"}));
    },
    [](std::mt19937& r) {
      const std::vector<std::string> ids{"x", "drafts.x", "versions.r1.x", "team-a.x", "drafts.team-a.x"};
      if (coin(r, 0.7)) return fmt::format(R"(_id == "{}")", pick(r, ids));
      return fmt::format(R"(_id in ["{}", "{}"])", pick(r, ids), pick(r, ids));
    },
};

/// A generated filter: an atom as written, or `!`, `&&`, `||` of operands.
struct filter_tree {
  enum class op { atom, negation, all, any };
  op kind = op::atom;
  std::string text;         ///< an atom's text
  std::size_t family = 0;   ///< an atom's index into atom_families
  std::vector<filter_tree> operands;
};

filter_tree random_atom(std::mt19937& rng) {
  filter_tree t;
  t.family = std::uniform_int_distribution<std::size_t>(0, atom_families.size() - 1)(rng);
  t.text = atom_families[t.family](rng);
  return t;
}

filter_tree negated(filter_tree t) {
  filter_tree out;
  out.kind = filter_tree::op::negation;
  out.operands.push_back(std::move(t));
  return out;
}

filter_tree combined(filter_tree::op kind, std::vector<filter_tree> operands) {
  filter_tree out;
  out.kind = kind;
  out.operands = std::move(operands);
  return out;
}

/// A filter of one to about nine atoms, most of them small as written permissions are.
filter_tree random_filter(std::mt19937& rng, int depth) {
  if (depth == 0 || coin(rng, 0.35)) {
    filter_tree atom = random_atom(rng);
    return coin(rng, 0.15) ? negated(std::move(atom)) : atom;
  }
  std::vector<filter_tree> operands;
  const int count = coin(rng, 0.75) ? 2 : 3;
  for (int i = 0; i < count; ++i) operands.push_back(random_filter(rng, depth - 1));
  return combined(coin(rng, 0.6) ? filter_tree::op::all : filter_tree::op::any, std::move(operands));
}

std::string print(const filter_tree& t) {
  switch (t.kind) {
    case filter_tree::op::atom: return t.text;
    case filter_tree::op::negation: return "!(" + print(t.operands[0]) + ")";
    case filter_tree::op::all:
    case filter_tree::op::any: break;
  }
  std::vector<std::string> parts;
  for (const filter_tree& o : t.operands) {
    const bool nested = o.kind == filter_tree::op::all || o.kind == filter_tree::op::any;
    parts.push_back(nested ? "(" + print(o) + ")" : print(o));
  }
  return fmt::format("{}", fmt::join(parts, t.kind == filter_tree::op::all ? " && " : " || "));
}

/// Every node of `t`, parents first, that `wanted` accepts.
template <typename Predicate>
std::vector<filter_tree*> nodes_of(filter_tree& t, Predicate wanted) {
  std::vector<filter_tree*> out;
  std::vector<filter_tree*> stack{&t};
  while (!stack.empty()) {
    filter_tree* n = stack.back();
    stack.pop_back();
    if (wanted(*n)) out.push_back(n);
    for (filter_tree& o : n->operands) stack.push_back(&o);
  }
  return out;
}

bool is_junction(const filter_tree& t) { return t.kind == filter_tree::op::all || t.kind == filter_tree::op::any; }

/// `t` written differently with the same meaning in GROQ's three-valued logic (where De Morgan's
/// laws and double negation hold for "exactly true").
void rewrite_equivalently(std::mt19937& rng, filter_tree& t) {
  const auto junctions = nodes_of(t, is_junction);
  const int how = between(rng, 0, 3);
  if (how == 0 && !junctions.empty()) {
    filter_tree& j = *pick(rng, junctions);
    std::reverse(j.operands.begin(), j.operands.end());  // `a && b` as `b && a`
  } else if (how == 1 && !junctions.empty()) {
    filter_tree& j = *pick(rng, junctions);  // `a && b` as `!(!a || !b)`
    std::vector<filter_tree> flipped;
    for (filter_tree& o : j.operands) flipped.push_back(negated(std::move(o)));
    const auto dual = j.kind == filter_tree::op::all ? filter_tree::op::any : filter_tree::op::all;
    j = negated(combined(dual, std::move(flipped)));
  } else if (how == 2) {
    filter_tree& n = *pick(rng, nodes_of(t, [](const filter_tree&) { return true; }));
    n = negated(negated(std::move(n)));
  } else {
    filter_tree& n = *pick(rng, nodes_of(t, [](const filter_tree&) { return true; }));
    filter_tree copy = n;  // `a` as `a && a` or `a || a`
    n = combined(coin(rng) ? filter_tree::op::all : filter_tree::op::any, {std::move(n), std::move(copy)});
  }
}

/// One edit of the kind users make: drop or add a conjunct (or disjunct), change a literal, negate
/// an atom, swap `&&` and `||`, or put another atom in place of one.
void edit(std::mt19937& rng, filter_tree& t) {
  const auto any_node = [](const filter_tree&) { return true; };
  const auto atoms = [](const filter_tree& n) { return n.kind == filter_tree::op::atom; };
  switch (between(rng, 0, 5)) {
    case 0: {
      const auto junctions = nodes_of(t, is_junction);
      if (junctions.empty()) break;
      filter_tree& j = *pick(rng, junctions);
      j.operands.erase(j.operands.begin() + between(rng, 0, static_cast<int>(j.operands.size()) - 1));
      if (j.operands.size() == 1) {
        filter_tree only = std::move(j.operands[0]);
        j = std::move(only);
      }
      return;
    }
    case 1: break;  // add: below
    case 2: {
      filter_tree& a = *pick(rng, nodes_of(t, atoms));
      for (int tries = 0; tries < 5; ++tries) {
        const std::string before = a.text;
        a.text = atom_families[a.family](rng);
        if (a.text != before) break;
      }
      return;
    }
    case 3: {
      filter_tree& n = *pick(rng, nodes_of(t, any_node));
      if (n.kind == filter_tree::op::negation) {
        filter_tree inner = std::move(n.operands[0]);
        n = std::move(inner);
      } else {
        n = negated(std::move(n));
      }
      return;
    }
    case 4: {
      const auto junctions = nodes_of(t, is_junction);
      if (junctions.empty()) break;
      filter_tree& j = *pick(rng, junctions);
      j.kind = j.kind == filter_tree::op::all ? filter_tree::op::any : filter_tree::op::all;
      return;
    }
    case 5: *pick(rng, nodes_of(t, atoms)) = random_atom(rng); return;
  }
  filter_tree& n = *pick(rng, nodes_of(t, any_node));
  std::vector<filter_tree> operands{std::move(n), random_atom(rng)};
  if (coin(rng)) std::swap(operands[0], operands[1]);
  n = combined(coin(rng, 0.6) ? filter_tree::op::all : filter_tree::op::any, std::move(operands));
}

/// The new filter of a pair: the old one, the same meaning written differently, one or two edits,
/// or now and then an unrelated filter.
filter_tree successor(std::mt19937& rng, const filter_tree& old) {
  filter_tree out = old;
  const double roll = std::uniform_real_distribution<double>(0, 1)(rng);
  if (roll < 0.08) return out;
  if (roll < 0.2) {
    rewrite_equivalently(rng, out);
    return out;
  }
  if (roll < 0.25) return random_filter(rng, 2);
  edit(rng, out);
  if (coin(rng, 0.3)) edit(rng, out);
  return out;
}

// --- policies -----------------------------------------------------------------------------------

/// A grant of a permission: plain actions, or a mode (when `actions` is empty).
struct grant_shape {
  std::vector<std::string> actions;
  std::string mode;
  bool history = false;
};

grant_shape random_grant(std::mt19937& rng) {
  grant_shape g;
  if (coin(rng, 0.35)) {
    g.mode = pick(rng, std::vector<std::string>{"read", "create", "publish"});
    g.history = coin(rng);
  } else {
    g.actions = pick(rng, std::vector<std::vector<std::string>>{{"read"},
                                                                {"update"},
                                                                {"read", "update"},
                                                                {"create", "update"},
                                                                {"read", "create", "update", "manage"},
                                                                {"history", "editHistory"},
                                                                {"read", "manage"}});
  }
  return g;
}

/// One side of a pair: the tested permission's filter and grant, the role's audience, and maybe
/// a second permission the role holds on both sides.
struct policy_side {
  std::string filter;
  grant_shape grant;
  bool robots = true;
  std::optional<std::pair<std::string, grant_shape>> other;
};

std::string permission_toml(const std::string& name, const std::string& filter, const grant_shape& g) {
  return fmt::format("[permissions.{}]\ntitle = \"{}\"\n{}filter = '{}'\n\n", name, name,
                     g.mode.empty() ? "" : "type = \"sanity.document.filter.mode\"\n", filter);
}

std::string grant_toml(const std::string& permission, const grant_shape& g) {
  if (!g.mode.empty()) {
    return fmt::format("  {{ permission = \"{}\", mode = \"{}\", history = {} }},\n", permission, g.mode, g.history);
  }
  std::vector<std::string> quoted;
  for (const std::string& a : g.actions) quoted.push_back(fmt::format("\"{}\"", a));
  return fmt::format("  {{ permission = \"{}\", actions = [{}] }},\n", permission, fmt::join(quoted, ", "));
}

std::string toml_of(const policy_side& s) {
  std::string out = "[project]\nid = \"diff0001\"\n\n" + permission_toml("tested", s.filter, s.grant);
  if (s.other) out += permission_toml("other", s.other->first, s.other->second);
  out += fmt::format("[roles.{}]\ntitle = \"Tester\"\n{}grants = [\n", tested_role,
                     s.robots ? "" : "applies_to_robots = false\n");
  out += grant_toml("tested", s.grant);
  if (s.other) out += grant_toml("other", s.other->second);
  return out + "]\n";
}

/// A policy text loaded and resolved, with what the resolved form points into.
struct built_policy {
  rolec::diag::source_manager sources;
  rolec::policy::policy merged;
  rolec::resolve::resolved_policy resolved;
};

std::unique_ptr<built_policy> build(const std::string& toml) {
  auto out = std::make_unique<built_policy>();
  auto loaded = rolec::policy::load_texts({{"policy.toml", toml}}, out->sources);
  INFO(toml);
  REQUIRE(loaded.errors.empty());
  REQUIRE_FALSE(rolec::diag::has_errors(loaded.diagnostics));
  out->merged = std::move(loaded.merged);
  out->resolved = rolec::resolve::resolve(out->merged, rolec::schemas::builtin());
  for (const auto& f : out->resolved.filters.all()) REQUIRE(f.ok());
  return out;
}

// --- deciding -----------------------------------------------------------------------------------

decide::context context_of(const analyze::principal& who) {
  decide::context ctx;
  ctx.identity = who.identity;
  ctx.attributes = who.attributes;
  ctx.robot = who.robot;
  ctx.dataset = who.dataset;
  ctx.now = who.now;
  return ctx;
}

std::unique_ptr<decide::model> model_for(const built_policy& p, const decide::context& ctx) {
  std::string error;
  auto m = decide::model::make(p.resolved, std::nullopt, ctx, error);
  INFO(error);
  REQUIRE(m != nullptr);
  return m;
}

/// Whether the tested role may do `name` (a document action, or the operation `publish` or
/// `delete`) on `documents` (one document, or the forms of one); nothing when they are no forms.
std::optional<bool> allows(const decide::model& m, const std::string& name, const std::vector<json>& documents) {
  rolec::util::arena arena;
  if (const auto a = decide::action_named(name)) {
    return decide::decide(m, {tested_role}, *a, eval::from_nlohmann(documents.front(), arena), arena).allowed;
  }
  std::string error;
  const auto forms = decide::forms_of(documents, error);
  if (!forms) return std::nullopt;
  return decide::allowed(m, {tested_role}, decide::checks_of(name, *forms, false), arena);
}

// --- documents and principals -------------------------------------------------------------------

/// `t` moved by `nanos` (eval::add_seconds keeps only milliseconds, as JavaScript does).
std::optional<eval::datetime> shifted(const eval::datetime& t, std::int64_t nanos) {
  constexpr std::int64_t billion = 1'000'000'000;
  const std::int64_t total = t.nanos + nanos;
  eval::datetime out{t.seconds + total / billion, static_cast<std::int32_t>(total % billion)};
  if (out.nanos < 0) {
    out.nanos += static_cast<std::int32_t>(billion);
    --out.seconds;
  }
  // Only instants a date-time can be written for (years 0001 to 9999).
  if (!eval::parse_datetime(eval::format_datetime(out))) return std::nullopt;
  return out;
}

/// Date-times around `t`, down to half a millisecond (which the evaluator drops).
std::vector<std::string> dates_around(const eval::datetime& t) {
  std::vector<std::string> out;
  constexpr std::int64_t ms = 1'000'000;
  constexpr std::int64_t day = 86'400'000 * ms;
  for (const std::int64_t nanos : {-day, -1000 * ms, -ms, -ms / 2, std::int64_t{0}, ms / 2, ms, 1000 * ms, day}) {
    if (const auto near = shifted(t, nanos)) out.push_back(eval::format_datetime(*near));
  }
  return out;
}

/// Numbers around `n`: each side of it, and it.
std::vector<double> numbers_around(double n) {
  std::vector<double> out;
  for (const double delta : {-1.0, -0.5, -1e-9, 0.0, 1e-9, 0.5, 1.0}) out.push_back(n + delta);
  return out;
}

/// What a pair's filters name, which documents and principals are drawn from: the string
/// literals, numbers around each numeric literal, date-times around each date literal, and for
/// each value the filters compare with a literal (`title`, `author._ref`, `tags`,
/// `dateTime(publishedAt)`), the values near those literals.
struct vocabulary {
  std::vector<std::string> strings{"other", ""};
  std::vector<double> numbers{0, 1e6};
  std::vector<eval::datetime> instants;
  std::vector<std::string> id_bases{"x", "y", "team-a.x", "team-b.x", "team-ax", "team-a.x.y", "_.groups.x"};
  std::vector<std::string> releases{"r1", "r2"};
  std::map<std::string, std::vector<json>> compared;  ///< by the value's canonical text

  /// The values near the literals `read` (canonical GROQ) is compared with, or null.
  [[nodiscard]] const std::vector<json>* near(const std::string& read) const {
    const auto it = compared.find(read);
    return it == compared.end() ? nullptr : &it->second;
  }
};

/// The values near a literal (a string, number, `-n`, `dateTime("...")` or an array of them), as
/// a document would hold them; nothing when `n` is no literal.
std::optional<std::vector<json>> values_near(const rolec::groq::node* n) {
  using rolec::groq::node_kind;
  std::vector<json> out;
  switch (n->kind) {
    case node_kind::string_literal: return std::vector<json>{std::string(n->text)};
    case node_kind::number_literal:
      for (const double x : numbers_around(n->number)) out.emplace_back(x);
      return out;
    case node_kind::negate:
      if (n->lhs->kind != node_kind::number_literal) return std::nullopt;
      for (const double x : numbers_around(-n->lhs->number)) out.emplace_back(x);
      return out;
    case node_kind::func_call: {
      const auto args = n->children();
      if (n->text != "dateTime" || args.size() != 1 || args[0]->kind != node_kind::string_literal) return std::nullopt;
      const auto instant = eval::parse_datetime(args[0]->text);
      if (!instant) return std::nullopt;
      for (std::string& d : dates_around(*instant)) out.emplace_back(std::move(d));
      return out;
    }
    case node_kind::array_literal:
      for (const rolec::groq::node* item : n->children()) {
        const auto values = values_near(item);
        if (!values) return std::nullopt;
        out.insert(out.end(), values->begin(), values->end());
      }
      return out;
    default: return std::nullopt;
  }
}

void collect_literals(const rolec::groq::node* n, vocabulary& v) {
  if (n == nullptr) return;
  using rolec::groq::node_kind;
  if (n->kind == node_kind::string_literal) {
    const std::string s(n->text);
    v.strings.push_back(s);
    if (const auto instant = eval::parse_datetime(s)) v.instants.push_back(*instant);
    // Literals that can be part of an id: `x` of `sanity::versionOf("x")`, a release name.
    const bool word = !s.empty() && s.find_first_of("*: ") == std::string::npos;
    if (word && !s.starts_with("drafts.") && !s.starts_with("versions.")) v.id_bases.push_back(s);
    if (word && s.find('.') == std::string::npos) v.releases.push_back(s);
  }
  if (n->kind == node_kind::number_literal) {
    for (const double sign : {1.0, -1.0}) {  // `-1` is a negation of `1`
      for (const double x : numbers_around(sign * n->number)) v.numbers.push_back(x);
    }
  }
  if ((rolec::groq::is_comparison(n->kind) || n->kind == node_kind::in) && n->lhs != nullptr && n->rhs != nullptr) {
    for (const auto& [read, literal] : {std::pair{n->lhs, n->rhs}, std::pair{n->rhs, n->lhs}}) {
      if (values_near(read)) continue;
      if (const auto values = values_near(literal)) {
        auto& into = v.compared[rolec::groq::print(read)];
        into.insert(into.end(), values->begin(), values->end());
      }
    }
  }
  collect_literals(n->lhs, v);
  collect_literals(n->rhs, v);
  for (const rolec::groq::node* child : n->children()) collect_literals(child, v);
}

vocabulary vocabulary_of(const std::vector<const built_policy*>& sides) {
  vocabulary v;
  for (const built_policy* p : sides) {
    // The policy's own permissions: the catalogue's filters would drown the pair's literals.
    for (const rolec::resolve::permission& permission : p->resolved.custom_permissions()) {
      if (permission.filter != nullptr) collect_literals(permission.filter->parsed().root, v);
    }
  }
  return v;
}

/// A principal: who asks, with `now` at or near a date the filters name.
decide::context random_principal(std::mt19937& rng, const vocabulary& v) {
  decide::context ctx;
  const double roll = std::uniform_real_distribution<double>(0, 1)(rng);
  ctx.identity = roll < 0.45 ? "user-1" : roll < 0.8 ? "user-2" : roll < 0.9 ? "" : pick(rng, v.strings);
  ctx.robot = coin(rng, 0.3);
  if (coin(rng, 0.7)) {
    ctx.attributes = json::object();
    const std::vector<json>* near = v.near("user::attributes().team");
    if (near != nullptr && coin(rng)) {
      ctx.attributes["team"] = pick(rng, *near);
    } else if (coin(rng, 0.85)) {
      ctx.attributes["team"] = coin(rng, 0.8) ? json(pick(rng, v.strings)) : json(7);
    }
  }
  eval::datetime now = *eval::parse_datetime("2026-06-01T00:00:00Z");
  if (!v.instants.empty() && coin(rng, 0.7)) {
    now = pick(rng, v.instants);
    now = eval::add_seconds(now, pick(rng, std::vector<double>{-86400.0, -0.001, 0.0, 0.001, 86400.0})).value_or(now);
  }
  ctx.now = eval::format_datetime_millis(now);
  return ctx;
}

/// How a field's value is drawn: which kind of value it mostly holds.
enum class leaning { text, number, date };

/// The fields of a document the generated filters read.
const std::vector<std::string> document_fields{"_type", "title",  "status", "team", "priority",
                                                "publishedAt", "author", "editors", "tags"};

/// Draws the documents of questions for one principal, from a pair's vocabulary.
class document_maker {
 public:
  document_maker(std::mt19937& rng, const vocabulary& v, const decide::context& who)
      : rng_(rng), v_(v), identity_(who.identity) {
    for (const eval::datetime& t : v.instants) {
      for (std::string& d : dates_around(t)) dates_.push_back(std::move(d));
    }
    if (const auto now = who.now ? eval::parse_datetime(*who.now) : std::nullopt) {
      for (std::string& d : dates_around(*now)) dates_.push_back(std::move(d));
    }
    if (dates_.empty()) dates_.emplace_back("2024-01-01T00:00:00Z");
  }

  /// One document for an action; the forms of one document (a draft, a published form, or both,
  /// the two often alike) for an operation.
  std::vector<json> documents(const std::string& name) {
    json first = fields();
    if (decide::action_named(name)) {
      first["_id"] = id();
      return {first};
    }
    const std::string base = pick(rng_, v_.id_bases);
    const int which = between(rng_, 0, 2);  // 0: the draft only, 1: the published form only, 2: both
    json second = coin(rng_) ? first : fields();
    first["_id"] = which == 1 ? base : "drafts." + base;
    second["_id"] = base;
    return which == 2 ? std::vector<json>{first, second} : std::vector<json>{first};
  }

  /// `documents` with one field of one of them drawn again or removed, or the id of a lone
  /// document drawn again (two forms of an operation keep theirs).
  std::vector<json> neighbour(std::vector<json> documents) {
    json& d = documents[std::uniform_int_distribution<std::size_t>(0, documents.size() - 1)(rng_)];
    if (documents.size() == 1 && coin(rng_, 0.15)) {
      d["_id"] = id();
      return documents;
    }
    const std::string& name = pick(rng_, document_fields);
    if (coin(rng_, 0.25)) {
      d.erase(name);
    } else {
      d[name] = field(name);
    }
    return documents;
  }

 private:
  /// The fields the filters read, each absent now and then.
  json fields() {
    json d = json::object();
    for (const std::string& name : document_fields) {
      if (coin(rng_, 0.8)) d[name] = field(name);
    }
    return d;
  }

  json field(const std::string& name) {
    if (name == "priority") return scalar(leaning::number, name);
    if (name == "publishedAt") return scalar(leaning::date, "dateTime(publishedAt)");
    if (name == "author") return reference("author._ref");
    if (name == "editors") return array_of([&] { return reference("editors[]._ref"); });
    if (name == "tags") return array_of([&] { return scalar(leaning::text, "tags"); });
    return scalar(leaning::text, name);
  }

  /// Often a value near a literal that `read` (as the filters write it) is compared with; else
  /// null, a literal or another string, the principal's identity, a number near a threshold, a
  /// date-time near one the filters or the principal name, or a boolean.
  json scalar(leaning lean, const std::string& read) {
    if (const std::vector<json>* near = v_.near(read); near != nullptr && coin(rng_, 0.4)) return pick(rng_, *near);
    int choice = between(rng_, 0, 9);
    if (coin(rng_, 0.5)) choice = lean == leaning::text ? 1 : lean == leaning::number ? 5 : 7;
    switch (choice) {
      case 0: return nullptr;
      case 1:
      case 2: return pick(rng_, v_.strings);
      case 3: return identity_;
      case 4: return coin(rng_) ? "user-3" : "not a date";
      case 5:
      case 6: return pick(rng_, v_.numbers);
      case 7: return pick(rng_, dates_);
      case 8: return coin(rng_);
      default: return coin(rng_) ? json(pick(rng_, v_.strings)) : json("2024-01-01");
    }
  }

  /// A reference object (`{_ref: ...}`) mostly, or anything else; `read` is how the filters
  /// read its `_ref`.
  json reference(const std::string& read) {
    if (coin(rng_, 0.2)) return scalar(leaning::text, "");
    json out = json::object();
    if (coin(rng_, 0.9)) out["_ref"] = coin(rng_, 0.5) ? json(identity_) : scalar(leaning::text, read);
    return out;
  }

  /// An array of up to three elements made by `element`, or (now and then) something else.
  template <typename Element>
  json array_of(Element element) {
    if (coin(rng_, 0.2)) return coin(rng_) ? scalar(leaning::text, "") : json::object();
    json out = json::array();
    for (int i = between(rng_, 0, 3); i > 0; --i) out.push_back(element());
    return out;
  }

  /// An id in one of its forms: `x`, `drafts.x`, `versions.r1.x`, for a published id `x`.
  std::string id() {
    if (const std::vector<json>* near = v_.near("_id"); near != nullptr && coin(rng_, 0.2)) {
      const json& chosen = pick(rng_, *near);
      if (chosen.is_string() && !chosen.get<std::string>().empty()) return chosen.get<std::string>();
    }
    const std::string& base = pick(rng_, v_.id_bases);
    switch (between(rng_, 0, 2)) {
      case 0: return base;
      case 1: return "drafts." + base;
      default: return fmt::format("versions.{}.{}", pick(rng_, v_.releases), base);
    }
  }

  std::mt19937& rng_;
  const vocabulary& v_;
  std::string identity_;
  std::vector<std::string> dates_;
};

/// `who` with one thing changed: the identity, robot or user, the attributes, or the time.
decide::context neighbour(std::mt19937& rng, decide::context who, const vocabulary& v) {
  const decide::context other = random_principal(rng, v);
  switch (between(rng, 0, 3)) {
    case 0: who.identity = other.identity; break;
    case 1: who.robot = !who.robot; break;
    case 2: who.attributes = other.attributes; break;
    default: who.now = other.now; break;
  }
  return who;
}

// --- the test -----------------------------------------------------------------------------------

/// What the runs found, for the summary line.
struct tally {
  std::size_t pairs = 0, questions = 0, solved = 0;
  std::map<analyze::verdict, std::size_t> verdicts;
  std::size_t witnesses = 0, documents = 0, failures = 0;
  std::size_t changes_reported = 0, changes_seen = 0;  ///< directions reported, and found by random documents
  std::map<std::string, std::size_t> unknown_reasons;
  std::vector<std::string> unknown_examples;
  double slowest_millis = 0;
  std::string slowest;

  /// How many questions got `v`.
  [[nodiscard]] std::size_t count(analyze::verdict v) const { return verdicts.count(v) != 0 ? verdicts.at(v) : 0; }
};

/// Both sides of a pair, and the actions asked about.
struct pair_spec {
  policy_side before, after;
  std::vector<std::string> actions;
};

/// A random pair: the new filter mostly an edit of the old one, the grant and audience now and
/// then changed too, two of the compared actions.
pair_spec random_pair(std::mt19937& rng) {
  pair_spec p;
  const filter_tree old_tree = random_filter(rng, 2);
  const filter_tree new_tree = successor(rng, old_tree);
  p.before.filter = print(old_tree);
  p.after.filter = print(new_tree);
  p.before.grant = random_grant(rng);
  p.before.robots = !coin(rng, 0.2);
  if (coin(rng, 0.3)) p.before.other = std::make_pair(print(random_filter(rng, 1)), random_grant(rng));
  p.after.grant = coin(rng, 0.08) ? random_grant(rng) : p.before.grant;
  p.after.robots = coin(rng, 0.04) ? !p.before.robots : p.before.robots;
  p.after.other = p.before.other;
  std::vector<std::string> names = analyze::compared_actions();
  std::shuffle(names.begin(), names.end(), rng);
  p.actions.assign(names.begin(), names.begin() + 2);
  return p;
}

/// One pair: both policies, what the analysis says, and the checks of it.
class pair_check {
 public:
  /// `rng` draws the documents and principals; `origin` says how to make the pair again.
  pair_check(std::string origin, pair_spec spec, std::mt19937 rng, tally& t)
      : origin_(std::move(origin)), rng_(rng), tally_(t), before_(std::move(spec.before)), after_(std::move(spec.after)),
        actions_(std::move(spec.actions)) {}

  /// Runs the analysis and the checks; returns the verdict of each action for the tested role.
  std::map<std::string, analyze::verdict> run() {
    old_policy_ = build(toml_of(before_));
    new_policy_ = build(toml_of(after_));
    analyze::options opts;
    opts.actions = actions_;
    const analyze::report report = analyze::compare(analyze::side{&old_policy_->resolved, std::nullopt, {}},
                                                    analyze::side{&new_policy_->resolved, std::nullopt, {}}, opts);
    if (!report.error.empty()) FAIL("the analysis could not run (libz3 is required): " << report.error);
    ++tally_.pairs;
    std::map<std::string, analyze::verdict> out;
    for (const analyze::change& c : report.changes) {
      if (c.role != tested_role) {
        if (c.result != analyze::verdict::unchanged) fail(c, "a role the pair does not change", json());
        continue;
      }
      out[c.action] = c.result;
      judge(c);
    }
    if (out.size() != actions_.size()) {
      fail_pair(fmt::format("{} questions about `{}` answered, {} asked", out.size(), tested_role, actions_.size()));
    }
    attack(report);
    return out;
  }

 private:
  // Counts the verdict, and decides each witness again.
  void judge(const analyze::change& c) {
    ++tally_.questions;
    ++tally_.verdicts[c.result];
    tally_.solved += c.solved ? 1 : 0;
    if (c.millis > tally_.slowest_millis) {
      tally_.slowest_millis = c.millis;
      tally_.slowest = fmt::format("{} {}: `{}` -> `{}`", origin_, c.action, before_.filter, after_.filter);
    }
    if (c.result == analyze::verdict::unknown) {
      ++tally_.unknown_reasons[c.reason];
      if (tally_.unknown_examples.size() < 10) {
        tally_.unknown_examples.push_back(
            fmt::format("{} {}: `{}` -> `{}`: {}", origin_, c.action, before_.filter, after_.filter, c.reason));
      }
      return;
    }
    const bool widens = c.result == analyze::verdict::widens || c.result == analyze::verdict::both;
    const bool narrows = c.result == analyze::verdict::narrows || c.result == analyze::verdict::both;
    if (widens != c.widened.has_value() || narrows != c.narrowed.has_value()) {
      fail(c, "the verdict does not match the witnesses shown", json());
    }
    if (c.widened) confirm(c, *c.widened, true);
    if (c.narrowed) confirm(c, *c.narrowed, false);
  }

  // A witness of widening must be allowed by the new policy and not the old one; of narrowing,
  // the other way round.
  void confirm(const analyze::change& c, const analyze::witness& w, bool widening) {
    ++tally_.witnesses;
    const decide::context ctx = context_of(w.who);
    const auto old_model = model_for(*old_policy_, ctx);
    const auto new_model = model_for(*new_policy_, ctx);
    const auto was = allows(*old_model, c.action, w.documents);
    const auto is = allows(*new_model, c.action, w.documents);
    const json shown{{"documents", w.documents}, {"principal", principal_json(ctx)}};
    if (!was || !is) {
      fail(c, "a witness whose documents are not the forms of one document", shown);
    } else if (widening && !(*is && !*was)) {
      fail(c, fmt::format("a witness of widening is not one (old allows: {}, new allows: {})", *was, *is), shown);
    } else if (!widening && !(*was && !*is)) {
      fail(c, fmt::format("a witness of narrowing is not one (old allows: {}, new allows: {})", *was, *is), shown);
    }
  }

  /// What the analysis said of one question, and what the documents tried showed.
  struct claim {
    const analyze::change* change;
    bool widens, narrows;  ///< the analysis reports a widening, a narrowing
    bool widening_seen = false, narrowing_seen = false;
    bool refuted = false;
  };

  // Random documents and principals, then the neighbours of every witness, against each question
  // the analysis decided.
  void attack(const analyze::report& report) {
    std::vector<claim> claims;
    std::vector<const analyze::witness*> witnesses;
    for (const analyze::change& c : report.changes) {
      if (c.role != tested_role) continue;
      for (const auto* w : {&c.widened, &c.narrowed}) {
        if (*w) witnesses.push_back(&**w);
      }
      if (c.result == analyze::verdict::unknown) continue;
      const bool both = c.result == analyze::verdict::both;
      claims.push_back({&c, both || c.result == analyze::verdict::widens, both || c.result == analyze::verdict::narrows});
    }
    if (claims.empty()) return;
    const vocabulary v = vocabulary_of({old_policy_.get(), new_policy_.get()});
    for (int p = 0; p < principals_per_pair; ++p) {
      const decide::context who = random_principal(rng_, v);
      const auto old_model = model_for(*old_policy_, who);
      const auto new_model = model_for(*new_policy_, who);
      document_maker make(rng_, v, who);
      for (int d = 0; d < documents_per_principal; ++d) {
        for (claim& k : claims) probe(k, *old_model, *new_model, who, make.documents(k.change->action));
      }
    }
    // How often random documents alone find a change the analysis reports: what the search is
    // worth against a change the analysis misses.
    for (const claim& k : claims) {
      tally_.changes_reported += (k.widens ? 1 : 0) + (k.narrows ? 1 : 0);
      tally_.changes_seen += (k.widens && k.widening_seen ? 1 : 0) + (k.narrows && k.narrowing_seen ? 1 : 0);
    }
    // A witness sits where the two policies part; its neighbours, for every question of the pair,
    // are the documents most likely to show a difference the analysis missed.
    for (const analyze::witness* w : witnesses) {
      for (int n = 0; n < neighbours_per_witness; ++n) {
        const decide::context who = n % 4 == 3 ? neighbour(rng_, context_of(w->who), v) : context_of(w->who);
        const auto old_model = model_for(*old_policy_, who);
        const auto new_model = model_for(*new_policy_, who);
        document_maker make(rng_, v, who);
        const std::vector<json> documents = n == 0 ? w->documents : make.neighbour(w->documents);
        for (claim& k : claims) {
          if (decide::action_named(k.change->action)) {
            for (const json& d : documents) probe(k, *old_model, *new_model, who, {d});
          } else {
            probe(k, *old_model, *new_model, who, documents);
          }
        }
      }
    }
  }

  // Decides `documents` on both sides for `k`'s action, and fails on a difference the analysis
  // said cannot exist.
  void probe(claim& k, const decide::model& old_model, const decide::model& new_model, const decide::context& who,
             const std::vector<json>& documents) {
    const auto was = allows(old_model, k.change->action, documents);
    const auto is = allows(new_model, k.change->action, documents);
    if (!was || !is) return;  // a witness of a plain action is no set of forms
    ++tally_.documents;
    k.widening_seen = k.widening_seen || (*is && !*was);
    k.narrowing_seen = k.narrowing_seen || (*was && !*is);
    if (k.refuted) return;
    const json shown{{"documents", documents}, {"principal", principal_json(who)}};
    if (!k.widens && *is && !*was) {
      k.refuted = true;
      fail(*k.change, "FALSE PROOF: the new policy allows and the old one denies, and no widening was reported", shown);
    } else if (!k.narrows && *was && !*is) {
      k.refuted = true;
      fail(*k.change, "FALSE PROOF: the old policy allows and the new one denies, and no narrowing was reported", shown);
    }
  }

  static json principal_json(const decide::context& ctx) {
    return json{{"identity", ctx.identity}, {"attributes", ctx.attributes}, {"robot", ctx.robot},
                {"dataset", ctx.dataset ? json(*ctx.dataset) : json()}, {"now", ctx.now ? json(*ctx.now) : json()}};
  }

  void fail(const analyze::change& c, const std::string& what, const json& example) {
    fail_pair(fmt::format("role `{}`, action `{}`, verdict {}: {}{}", c.role, c.action, analyze::name_of(c.result), what,
                          example.is_null() ? "" : "\n  example: " + example.dump()));
  }

  void fail_pair(const std::string& what) {
    if (++tally_.failures > static_cast<std::size_t>(failures_shown)) return;
    FAIL_CHECK(fmt::format("{}\n  old filter: {}\n  new filter: {}\n  {}\n--- old policy\n{}--- new policy\n{}", origin_,
                           before_.filter, after_.filter, what, toml_of(before_), toml_of(after_)));
  }

  std::string origin_;
  std::mt19937 rng_;
  tally& tally_;
  policy_side before_, after_;
  std::vector<std::string> actions_;
  std::unique_ptr<built_policy> old_policy_, new_policy_;
};

/// Prints the summary line and what made questions unknown; returns the share of unknown ones.
double summarize(const tally& t, double seconds) {
  const std::size_t unknown = t.count(analyze::verdict::unknown);
  const double unknown_rate = t.questions == 0 ? 0 : static_cast<double>(unknown) / static_cast<double>(t.questions);
  fmt::print("analyze-differential: {} pairs, {} questions ({} solved): {} widens, {} narrows, {} both, {} unchanged, "
             "{} unknown ({:.2f}%); {} witnesses decided, {} documents checked, {} failures; {:.1f} s\n"
             "random documents alone found {} of the {} changes reported\n",
             t.pairs, t.questions, t.solved, t.count(analyze::verdict::widens), t.count(analyze::verdict::narrows),
             t.count(analyze::verdict::both), t.count(analyze::verdict::unchanged), unknown, 100 * unknown_rate, t.witnesses,
             t.documents, t.failures, seconds, t.changes_seen, t.changes_reported);
  fmt::print("slowest question: {:.0f} ms, {}\n", t.slowest_millis, t.slowest);
  for (const auto& [reason, n] : t.unknown_reasons) fmt::print("unknown {} times: {}\n", n, reason);
  for (const std::string& example : t.unknown_examples) fmt::print("  unknown: {}\n", example);
  return unknown_rate;
}

// --- properties ---------------------------------------------------------------------------------

/// A policy and one claim about its tested role.
struct property_spec {
  policy_side side;
  std::string where;
  bool allow = false;
  std::string action;
  std::optional<bool> robot;
};

/// A random claim: its `where` mostly an edit of the role's filter (a property speaks of the
/// documents the grants are about), sometimes a filter of its own.
property_spec random_property(std::mt19937& rng) {
  property_spec p;
  const filter_tree tree = random_filter(rng, 2);
  p.side.filter = print(tree);
  p.side.grant = random_grant(rng);
  p.side.robots = !coin(rng, 0.2);
  if (coin(rng, 0.3)) p.side.other = std::make_pair(print(random_filter(rng, 1)), random_grant(rng));
  p.where = print(coin(rng, 0.7) ? successor(rng, tree) : random_filter(rng, 1));
  p.allow = coin(rng);
  p.action = pick(rng, analyze::compared_actions());
  const double roll = std::uniform_real_distribution<double>(0, 1)(rng);
  if (roll < 0.2) p.robot = true;
  if (roll > 0.8) p.robot = false;
  return p;
}

/// What the property runs found.
struct property_tally {
  std::size_t claims = 0, proved = 0, refuted = 0, unknown = 0, documents = 0, failures = 0;
  std::map<std::string, std::size_t> unknown_reasons;
};

/// One claim: the prover's answer, its counterexample decided again, its proof attacked.
class property_check {
 public:
  property_check(std::string origin, property_spec spec, std::mt19937 rng, property_tally& t)
      : origin_(std::move(origin)), spec_(std::move(spec)), rng_(rng), tally_(t) {}

  void run() {
    policy_ = build(toml_of(spec_.side));
    const rolec::resolve::filter& where = wheres_.intern(spec_.where);
    REQUIRE(where.ok());
    where_ = &where.parsed();
    std::string error;
    analyze::prover prover(analyze::side{&policy_->resolved, std::nullopt, {}}, analyze::options{}, error);
    REQUIRE(error.empty());
    const analyze::finding f = prover.prove(analyze::claim{{tested_role}, spec_.action, spec_.allow, where_, spec_.robot});
    ++tally_.claims;
    switch (f.result) {
      case analyze::outcome::unknown:
        ++tally_.unknown;
        ++tally_.unknown_reasons[f.reason];
        return;
      case analyze::outcome::refuted:
        ++tally_.refuted;
        if (!f.counterexample) {
          fail("refuted without a counterexample", json());
        } else if (!fails_on(context_of(f.counterexample->who), f.counterexample->documents)) {
          fail("a counterexample the claim does not fail on",
               json{{"documents", f.counterexample->documents}, {"identity", f.counterexample->who.identity}});
        }
        return;
      case analyze::outcome::proved: ++tally_.proved; attack(); return;
    }
  }

 private:
  // True when the claim fails on `documents` for `who`: the principal is of the kind claimed,
  // `where` is true on every document, and the role does the opposite of what is claimed.
  bool fails_on(const decide::context& who, const std::vector<json>& documents) {
    if (spec_.robot && who.robot != *spec_.robot) return false;
    // An allowance is not claimed of group documents, nor any claim of an operation on a draft
    // whose published id is a draft or version id (docs/analysis.md).
    for (const json& d : documents) {
      const std::string id = d.value("_id", "");
      if (spec_.allow && (id.starts_with("_.groups.") || decide::published_id(id).starts_with("_.groups."))) return false;
      const std::string published = id.starts_with("drafts.") ? id.substr(7) : id;
      const bool nested = published.starts_with("drafts.") || published.starts_with("versions.");
      if (!decide::action_named(spec_.action) && nested) return false;
    }
    const auto m = model_for(*policy_, who);
    const auto program = m->prepare(*where_);
    rolec::util::arena arena;
    const std::size_t checked = decide::action_named(spec_.action) ? 1 : documents.size();
    for (std::size_t i = 0; i < checked; ++i) {
      try {
        if (!program->matches(eval::from_nlohmann(documents[i], arena), arena)) return false;
      } catch (const eval::eval_error&) {
        return false;
      }
    }
    const auto allowed = allows(*m, spec_.action, documents);
    return allowed && *allowed != spec_.allow;
  }

  void attack() {
    vocabulary v = vocabulary_of({policy_.get()});
    collect_literals(where_->root, v);
    for (int p = 0; p < principals_per_pair; ++p) {
      const decide::context who = random_principal(rng_, v);
      document_maker make(rng_, v, who);
      for (int d = 0; d < 2 * documents_per_principal; ++d) {
        const std::vector<json> documents = make.documents(spec_.action);
        ++tally_.documents;
        if (fails_on(who, documents)) {
          fail("FALSE PROOF: the claim fails on this document",
               json{{"documents", documents}, {"identity", who.identity}, {"robot", who.robot}, {"attributes", who.attributes}});
          return;
        }
      }
    }
  }

  void fail(const std::string& what, const json& example) {
    if (++tally_.failures > static_cast<std::size_t>(failures_shown)) return;
    FAIL_CHECK(fmt::format("{}: {} `{}` where `{}`{}: {}{}\n--- policy\n{}", origin_, spec_.allow ? "allow" : "deny",
                           spec_.action, spec_.where, spec_.robot ? (*spec_.robot ? " (robots)" : " (users)") : "", what,
                           example.is_null() ? "" : "\n  example: " + example.dump(), toml_of(spec_.side)));
  }

  std::string origin_;
  property_spec spec_;
  std::mt19937 rng_;
  property_tally& tally_;
  std::unique_ptr<built_policy> policy_;
  rolec::resolve::filter_set wheres_;
  const rolec::groq::parse_result* where_ = nullptr;
};

/// A principal, action and document that show a finding wrong.
struct shown_by {
  decide::context who;
  decide::action action;
  json document;
};

/// Tries principals and documents made of `p`'s literals, for each action `gives` names, until
/// `shows` (a model for the principal, the action, a document) returns true on one: the first
/// such principal, action and document, or nothing. `tried` counts the documents.
template<typename Gives, typename Shows>
std::optional<shown_by> attack_roles(const built_policy& p, std::mt19937& rng, const Gives& gives,
                                                             std::size_t& tried, const Shows& shows) {
  vocabulary v = vocabulary_of({&p});
  for (int n = 0; n < principals_per_pair; ++n) {
    const decide::context who = random_principal(rng, v);
    const auto m = model_for(p, who);
    document_maker make(rng, v, who);
    for (const decide::action a : decide::all_actions) {
      if (!gives(a)) continue;
      for (int d = 0; d < 2 * documents_per_principal; ++d) {
        json doc = make.documents(std::string(decide::name_of(a))).front();
        ++tried;
        if (shows(*m, a, doc)) return shown_by{who, a, std::move(doc)};
      }
    }
  }
  return std::nullopt;
}

/// What a lint rule's differential check counted: findings, documents tried against them, and
/// findings a document contradicts.
struct lint_tally {
  std::size_t reported = 0, documents = 0, failures = 0;
};

/// Runs `one(seed, rng, tally)` for `env` (500 by default) seeds from `first_seed + offset`, prints
/// the tally as `label: N items, R called, ...`, and checks it: no failure, and findings often
/// enough for the check to mean something.
template<typename One>
void check_lint_rule(std::string_view label, const char* env, std::uint32_t offset, std::string_view items,
                     std::string_view called, const One& one) {
  const std::size_t count = env_count(env, 500);
  lint_tally t;
  const auto started = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < count; ++i) {
    const auto seed = static_cast<std::uint32_t>(first_seed + offset + i);
    std::mt19937 rng(seed);
    one(seed, rng, t);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  fmt::print("{}: {} {}, {} {}, {} documents tried against them, {} failures; {:.1f} s\n", label, count, items, t.reported,
             called, t.documents, t.failures, seconds);
  CHECK(t.failures == 0);
  if (count >= 200) CHECK(t.reported > count / 20);
}

}  // namespace

TEST_CASE("hand-written pairs: the corners of GROQ's semantics the analysis must get right", "[analyze][differential]") {
  struct corner {
    std::string before, after;
    analyze::verdict read;  ///< the true answer for `read`
  };
  using v = analyze::verdict;
  const std::vector<corner> corners{
      // First, so that a missing libz3 fails here with its reason.
      {R"(_type == "a")", R"(_type == "b")", v::both},
      {R"(_type == "a" && defined(title))", R"(defined(title) && _type == "a")", v::unchanged},
      // De Morgan's laws hold in GROQ's three-valued logic, and `!` of a non-boolean is null.
      {R"(_type == "a" || _type == "b")", R"(!(!(_type == "a") && !(_type == "b")))", v::unchanged},
      {"!(priority > 5)", "priority <= 5", v::unchanged},
      {"priority != null", "defined(priority)", v::unchanged},
      {"author == null", "!defined(author)", v::unchanged},
      {R"(_type in ["a", "b"])", R"(_type == "a" || _type == "b")", v::unchanged},
      // A list never equals a string, and `in` a string is null: these new filters allow nothing.
      {R"(_type == "a")", R"(_type == ["a"])", v::narrows},
      {R"(_type in ["a"])", R"(_type in "a")", v::narrows},
      {R"(user::attributes().team == "a")", R"(user::attributes().team == "a" && defined(user::attributes()))", v::unchanged},
      // Globs: `*` is one segment, `**` at least one character; a release name has no dot, and
      // `sanity::versionOf` takes an empty one (`versions..x`), which `*` does not match. An id
      // with nothing after the release (`versions.r1.`) is no document's, and left out.
      {R"(_id in path("drafts.**"))", R"(string::startsWith(_id, "drafts."))", v::unchanged},
      {R"(_id in path("team-a.*"))", R"(string::startsWith(_id, "team-a."))", v::widens},
      {R"(sanity::versionOf("x"))", R"(_id in ["x", "drafts.x"] || _id in path("versions.*.x"))", v::narrows},
      {R"(sanity::partOfRelease("r1"))", R"(_id in path("versions.r1.**"))", v::unchanged},
      {R"("x" in tags)", R"("x" in tags || "y" in tags)", v::widens},
      {"identity() == author._ref", "identity() == author._ref || identity() in editors[]._ref", v::widens},
      // Date-times hold milliseconds (finer digits are dropped, as in groq-js): no instant lies
      // between these two.
      {R"(dateTime(publishedAt) > dateTime("2024-01-01T00:00:00Z"))",
       R"(dateTime(publishedAt) >= dateTime("2024-01-01T00:00:00.001Z"))", v::unchanged},
      {"dateTime(publishedAt) < dateTime(now())", "dateTime(publishedAt) <= dateTime(now())", v::widens},
      // Six `in` tests of two arrays: a witness needs one element of each.
      {R"(("x" in tags || "y" in tags) && identity() in editors[]._ref && priority > 5)",
       R"(("x" in tags || "y" in tags) && identity() in editors[]._ref && priority > 2.5)", v::widens},
      // Five `in` tests, none of them of an array a document holds.
      {R"(_id in path("a.*") || _id in path("b.*"))", R"(_id in path("a.*") || _id in path("b.*") || _id in path("c.*"))",
       v::widens},
  };
  tally t;
  const auto started = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < corners.size(); ++i) {
    const corner& c = corners[i];
    pair_spec spec;
    spec.before.filter = c.before;
    spec.before.grant.actions = {"read", "create", "update"};
    spec.after = spec.before;
    spec.after.filter = c.after;
    spec.actions = {"read", "publish"};
    const std::mt19937 rng(static_cast<std::uint32_t>(i));
    const auto verdicts = pair_check(fmt::format("hand-written pair {}", i), std::move(spec), rng, t).run();
    INFO("`" << c.before << "` -> `" << c.after << "`");
    CHECK(analyze::name_of(verdicts.at("read")) == analyze::name_of(c.read));
  }
  summarize(t, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  CHECK(t.failures == 0);
}

TEST_CASE("random filter pairs: every witness holds and no verdict is contradicted", "[analyze][differential]") {
  const std::size_t pairs = env_count("ROLEC_ANALYZE_PAIRS", 2000);
  const std::size_t only = env_count("ROLEC_ANALYZE_SEED", 0);
  tally t;
  const auto started = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < (only != 0 ? 1 : pairs); ++i) {
    const auto seed = static_cast<std::uint32_t>(only != 0 ? only : first_seed + i);
    std::mt19937 rng(seed);
    pair_spec spec = random_pair(rng);
    if (only != 0) {
      fmt::print("--- old policy\n{}--- new policy\n{}--- actions: {}\n", toml_of(spec.before), toml_of(spec.after),
                 fmt::join(spec.actions, ", "));
    }
    pair_check(fmt::format("seed {} (ROLEC_ANALYZE_SEED={} reruns it)", seed, seed), std::move(spec), rng, t).run();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const double unknown_rate = summarize(t, seconds);
  CHECK(t.failures == 0);
  CHECK(unknown_rate <= most_unknown);
  // Both directions and the absence of change occur often enough for the checks to mean something.
  if (only == 0 && pairs >= 200) {
    CHECK(t.count(analyze::verdict::unchanged) > t.questions / 20);
    CHECK(t.count(analyze::verdict::widens) + t.count(analyze::verdict::both) > t.questions / 20);
    CHECK(t.count(analyze::verdict::narrows) + t.count(analyze::verdict::both) > t.questions / 20);
  }
}

TEST_CASE("random properties: every counterexample holds and no proof is contradicted", "[analyze][differential]") {
  const std::size_t claims = env_count("ROLEC_ANALYZE_PROPERTIES", 1000);
  const std::size_t only = env_count("ROLEC_ANALYZE_PROPERTY_SEED", 0);
  property_tally t;
  const auto started = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < (only != 0 ? 1 : claims); ++i) {
    const auto seed = static_cast<std::uint32_t>(only != 0 ? only : first_seed + 500000 + i);
    std::mt19937 rng(seed);
    property_spec spec = random_property(rng);
    property_check(fmt::format("seed {} (ROLEC_ANALYZE_PROPERTY_SEED={} reruns it)", seed, seed), std::move(spec), rng, t).run();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  fmt::print("analyze-properties: {} claims: {} proved, {} refuted, {} unknown; {} documents tried against proofs, {} "
             "failures; {:.1f} s\n",
             t.claims, t.proved, t.refuted, t.unknown, t.documents, t.failures, seconds);
  for (const auto& [reason, n] : t.unknown_reasons) fmt::print("unknown {} times: {}\n", n, reason);
  CHECK(t.failures == 0);
  CHECK(static_cast<double>(t.unknown) <= most_unknown * static_cast<double>(t.claims));
  // Both answers occur often enough for the checks to mean something.
  if (only == 0 && claims >= 200) {
    CHECK(t.proved > t.claims / 10);
    CHECK(t.refuted > t.claims / 10);
  }
}

TEST_CASE("random roles: no document shows a grant RC411 calls implied to add anything", "[analyze][differential]") {
  check_lint_rule("analyze-implied-grants", "ROLEC_ANALYZE_ROLES", 900000, "roles", "grants called implied",
                  [](std::uint32_t seed, std::mt19937& rng, lint_tally& t) {
    // Two grants, the second's filter often an edit of the first's: one often implies the other.
    policy_side side;
    const filter_tree tree = random_filter(rng, 2);
    side.filter = print(tree);
    side.grant = random_grant(rng);
    side.robots = !coin(rng, 0.2);
    side.other = std::make_pair(print(coin(rng, 0.7) ? successor(rng, tree) : random_filter(rng, 1)),
                                coin(rng, 0.6) ? side.grant : random_grant(rng));
    const auto policy = build(toml_of(side));
    std::vector<rolec::diag::diagnostic> found;
    analyze::refine_findings(policy->resolved, found);
    const auto base = model_for(*policy, decide::context{});
    const decide::role* role = base->find_role(tested_role);
    REQUIRE(role != nullptr);
    for (const rolec::diag::diagnostic& d : found) {
      if (d.rule != rolec::diag::rule::implied_grant) continue;
      ++t.reported;
      // The grant reported: the one written where the finding points.
      const decide::rule* g = nullptr;
      for (const std::size_t k : role->rules) {
        const auto& at = base->rules()[k].from->from.shown_at();
        if (at.source == d.source && at.where.begin == d.where.begin) g = &base->rules()[k];
      }
      REQUIRE(g != nullptr);
      const auto shown = attack_roles(
          *policy, rng, [&](decide::action a) { return g->on(a) != 0; }, t.documents,
          [&](const decide::model& m, decide::action a, const json& doc) {
            rolec::util::arena arena;
            const decide::decision dd = decide::decide(m, {tested_role}, a, eval::from_nlohmann(doc, arena), arena);
            bool mine = false, others = false;
            for (const decide::grant_verdict& verdict : dd.verdicts) {
              if (verdict.allows()) (m.rules()[verdict.rule].from == g->from ? mine : others) = true;
            }
            return mine && !others;
          });
      if (shown && ++t.failures <= static_cast<std::size_t>(failures_shown)) {
        FAIL_CHECK(fmt::format("seed {}: FALSE FINDING: `{}` is called implied, and alone allows `{}` on {} for {}\n{}",
                               seed, g->permission, decide::name_of(shown->action), shown->document.dump(),
                               shown->who.identity, toml_of(side)));
      }
    }
  });
}

TEST_CASE("random role pairs: no document tells apart two roles RC413 calls the same", "[analyze][differential]") {
  check_lint_rule("analyze-identical-roles", "ROLEC_ANALYZE_ROLE_PAIRS", 950000, "pairs of roles", "called the same",
                  [](std::uint32_t seed, std::mt19937& rng, lint_tally& t) {
    // Two roles of one grant each, the second's filter mostly an edit of the first's (now and then
    // the same meaning written differently) and its grant mostly the same: often the same access.
    const filter_tree tree = random_filter(rng, 2);
    const grant_shape first = random_grant(rng);
    const grant_shape second = coin(rng, 0.8) ? first : random_grant(rng);
    const std::string robots = coin(rng, 0.2) ? "applies_to_robots = false\n" : "";
    const std::string toml =
        "[project]\nid = \"diff0001\"\n\n" + permission_toml("tested", print(tree), first) +
        permission_toml("other", print(successor(rng, tree)), second) +
        fmt::format("[roles.{}]\ntitle = \"Tester\"\n{}grants = [\n{}]\n\n", tested_role, robots, grant_toml("tested", first)) +
        fmt::format("[roles.twin]\ntitle = \"Twin\"\n{}grants = [\n{}]\n", robots, grant_toml("other", second));
    const auto policy = build(toml);
    std::vector<rolec::diag::diagnostic> found;
    analyze::refine_findings(policy->resolved, found);
    for (const rolec::diag::diagnostic& d : found) {
      if (d.rule != rolec::diag::rule::identical_roles) continue;
      // The two roles the finding names (the second may be a predefined one).
      std::smatch named;
      const std::regex pattern("role `([^`]+)` allows exactly what (?:the predefined )?role `([^`]+)` allows");
      REQUIRE(std::regex_search(d.message, named, pattern));
      const std::string one = named[1], two = named[2];
      ++t.reported;
      const auto shown = attack_roles(
          *policy, rng, [](decide::action) { return true; }, t.documents,
          [&](const decide::model& m, decide::action a, const json& doc) {
            rolec::util::arena arena;
            return decide::decide(m, {one}, a, eval::from_nlohmann(doc, arena), arena).allowed !=
                   decide::decide(m, {two}, a, eval::from_nlohmann(doc, arena), arena).allowed;
          });
      if (shown && ++t.failures <= static_cast<std::size_t>(failures_shown)) {
        FAIL_CHECK(fmt::format("seed {}: FALSE FINDING: `{}` and `{}` are called the same, and only one may `{}` {} for {}\n{}",
                               seed, one, two, decide::name_of(shown->action), shown->document.dump(), shown->who.identity,
                               toml));
      }
    }
  });
}
