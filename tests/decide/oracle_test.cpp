// The decision engine against a brute-force oracle: random policies, contexts and documents;
// every role, action and document decided by decide::decide and by decide::allowed (the fast form
// audit uses), and by the oracle below, which re-reads the generated grants, restates the mode
// table of docs/document-access.md and evaluates each filter afresh with the evaluator.

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <map>
#include <random>
#include <set>

#include "decide/decide.hpp"
#include "eval/json.hpp"
#include "groq/analyze.hpp"
#include "support/compiled.hpp"

namespace {

using json = nlohmann::json;
namespace decide = rolec::decide;

const std::vector<std::string> filter_pool{
    R"(_type == "post")",
    R"(_type == "post" && author._ref == identity())",
    R"(_id in path("drafts.**"))",
    R"(sanity::versionOf("settings"))",
    R"(_id == "settings")",
    R"(_type in ["post", "page"] && !(_id in path("versions.**")))",
    R"(_type == "article" && defined(user::attributes().desk) && desk == user::attributes().desk)",
    R"(_type == "article" && count(tags) > 1)",
    R"(title match "news*")",
    R"(dateTime(publishedAt) > dateTime("2024-01-01T00:00:00Z"))",
    R"(author._ref == identity() || "editors" in tags)",
    R"(!(_type == "post") && defined(title))",
};
const std::vector<std::string> action_names{"read", "create", "update", "manage", "history", "editHistory"};
const std::vector<std::string> modes{"read", "create", "publish"};
const std::string now = "2026-06-01T00:00:00Z";

struct gen_grant {
  std::string permission;
  std::set<std::string> actions;  // plain grants
  std::string mode;               // mode grants
  bool history = false;
};

struct gen_role {
  std::string name;
  bool users = true;
  bool robots = true;
  std::vector<std::string> extends;
  std::vector<gen_grant> grants;
};

struct gen_policy {
  std::map<std::string, std::pair<std::string, bool>> permissions;  // name -> filter, is mode
  std::vector<gen_role> roles;
  std::string toml;
};

template <typename T>
const T& pick(std::mt19937& rng, const std::vector<T>& from) {
  return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
}

bool coin(std::mt19937& rng, double p = 0.5) { return std::bernoulli_distribution(p)(rng); }

gen_policy generate_policy(std::mt19937& rng) {
  gen_policy p;
  const int permission_count = std::uniform_int_distribution<int>(2, 6)(rng);
  for (int i = 0; i < permission_count; ++i) {
    p.permissions[fmt::format("perm-{}", i)] = {pick(rng, filter_pool), coin(rng, 0.4)};
  }
  // Predefined permissions, whose filters come from the catalogue.
  p.permissions["sanity-all-documents"] = {"", true};
  p.permissions["sanity-document-filter-create-sessions"] = {"", false};
  p.permissions["sanity-document-filter-drafts"] = {"", false};
  std::vector<std::string> names;
  for (const auto& [name, info] : p.permissions) names.push_back(name);

  const int role_count = std::uniform_int_distribution<int>(1, 4)(rng);
  for (int r = 0; r < role_count; ++r) {
    gen_role role;
    role.name = fmt::format("role-{}", r);
    role.users = coin(rng, 0.8);
    role.robots = !role.users || coin(rng);
    if (r > 0 && coin(rng, 0.3)) role.extends.push_back(fmt::format("role-{}", r - 1));
    const int grant_count = std::uniform_int_distribution<int>(1, 4)(rng);
    for (int g = 0; g < grant_count; ++g) {
      gen_grant grant;
      grant.permission = pick(rng, names);
      if (p.permissions[grant.permission].second) {
        grant.mode = pick(rng, modes);
        grant.history = coin(rng);
      } else {
        for (const std::string& a : action_names) {
          if (coin(rng, 0.4)) grant.actions.insert(a);
        }
        if (grant.actions.empty()) grant.actions.insert(pick(rng, action_names));
      }
      role.grants.push_back(std::move(grant));
    }
    p.roles.push_back(std::move(role));
  }

  p.toml = "[project]\nid = \"oracle01\"\n\n";
  for (const auto& [name, info] : p.permissions) {
    if (name.starts_with("sanity-")) continue;
    p.toml += fmt::format("[permissions.{}]\ntitle = \"{}\"\n{}filter = '{}'\n\n", name, name,
                          info.second ? "type = \"sanity.document.filter.mode\"\n" : "", info.first);
  }
  for (const gen_role& role : p.roles) {
    p.toml += fmt::format("[roles.{}]\ntitle = \"{}\"\napplies_to_users = {}\napplies_to_robots = {}\n", role.name, role.name,
                          role.users, role.robots);
    if (!role.extends.empty()) p.toml += fmt::format("extends = [\"{}\"]\n", role.extends[0]);
    p.toml += "grants = [\n";
    for (const gen_grant& g : role.grants) {
      if (!g.mode.empty()) {
        p.toml += fmt::format("  {{ permission = \"{}\", mode = \"{}\", history = {} }},\n", g.permission, g.mode, g.history);
      } else {
        std::vector<std::string> quoted;
        for (const std::string& a : g.actions) quoted.push_back(fmt::format("\"{}\"", a));
        p.toml += fmt::format("  {{ permission = \"{}\", actions = [{}] }},\n", g.permission, fmt::join(quoted, ", "));
      }
    }
    p.toml += "]\n\n";
  }
  return p;
}

json generate_document(std::mt19937& rng, int n) {
  const std::string base = coin(rng, 0.2) ? std::string("settings") : fmt::format("doc{}", n);
  const int kind = std::uniform_int_distribution<int>(0, 3)(rng);
  // Kind 3: a group document of the legacy access control, a custom group or a built-in one.
  const std::string group = coin(rng, 0.5) ? "_.groups.authors" : "_.groups.read";
  json d{{"_id", kind == 0 ? base : kind == 1 ? "drafts." + base : kind == 2 ? "versions.r1." + base : group}};
  d["_type"] = pick(rng, std::vector<std::string>{"post", "page", "article", "siteSettings"});
  if (coin(rng, 0.7)) d["author"] = {{"_ref", pick(rng, std::vector<std::string>{"user-a", "user-b"})}};
  if (coin(rng, 0.6)) d["desk"] = pick(rng, std::vector<std::string>{"news", "sports"});
  if (coin(rng, 0.6)) {
    json tags = json::array();
    const int count = std::uniform_int_distribution<int>(0, 3)(rng);
    for (int i = 0; i < count; ++i) tags.push_back(pick(rng, std::vector<std::string>{"editors", "x", "y"}));
    d["tags"] = tags;
  }
  if (coin(rng, 0.6)) d["title"] = pick(rng, std::vector<std::string>{"news today", "weather", "News flash"});
  if (coin(rng, 0.5)) d["publishedAt"] = pick(rng, std::vector<std::string>{"2023-05-01T00:00:00Z", "2025-01-01T00:00:00Z", "soon"});
  return d;
}

// The oracle's own reading of a mode: the id kinds ("published", "draft", "version") on which it
// gives an action.
std::set<std::string> mode_kinds(const std::string& mode, bool history, const std::string& action) {
  const std::set<std::string> all{"published", "draft", "version"}, drafts{"draft", "version"};
  if (mode == "read") return action == "read" || (action == "history" && history) ? all : std::set<std::string>{};
  if (mode == "create") {
    if (action == "read") return all;
    if (action == "create" || action == "update" || (action == "history" && history)) return drafts;
    return {};
  }
  if (action == "read" || action == "create" || action == "update" || (action == "history" && history)) return all;
  return {};
}

std::string kind_name(const std::string& id) {
  if (id.rfind("drafts.", 0) == 0) return "draft";
  if (id.rfind("versions.", 0) == 0) return "version";
  return "published";
}

struct oracle {
  const gen_policy& policy;
  const decide::context& ctx;

  bool filter_true(const std::string& text, const json& document) const {
    const auto parsed = rolec::groq::analyze(text, {rolec::groq::mode::filter, nullptr});
    REQUIRE(parsed.ok());
    rolec::eval::environment env;
    rolec::util::arena arena;
    env.identity = ctx.identity;
    env.now = *rolec::eval::parse_datetime(now);
    if (!ctx.attributes.is_null()) env.user_attributes = rolec::eval::from_nlohmann(ctx.attributes, arena);
    const rolec::eval::program program(parsed, env);
    try {
      return program.matches(rolec::eval::from_nlohmann(document, arena), arena);
    } catch (const rolec::eval::eval_error&) {
      return false;
    }
  }

  std::string filter_of(const std::string& permission) const {
    const auto& info = policy.permissions.at(permission);
    if (!info.first.empty()) return info.first;
    return *rolec::schemas::builtin().permission(permission)->filter;
  }

  bool allows(const gen_role& role, const std::string& action, const json& document) const {
    if (!(ctx.robot ? role.robots : role.users)) return false;
    std::vector<const gen_role*> closure{&role};
    for (std::size_t i = 0; i < closure.size(); ++i) {
      for (const std::string& parent : closure[i]->extends) {
        for (const gen_role& r : policy.roles) {
          if (r.name == parent) closure.push_back(&r);
        }
      }
    }
    const std::string kind = kind_name(document["_id"].get<std::string>());
    for (const gen_role* r : closure) {
      for (const gen_grant& g : r->grants) {
        const bool gives = g.mode.empty() ? g.actions.count(action) > 0 : mode_kinds(g.mode, g.history, action).count(kind) > 0;
        // Group documents are written through the Create Session permission only.
        const bool writes = action == "create" || action == "update" || action == "manage";
        if (writes && document["_id"].get<std::string>().rfind("_.groups.", 0) == 0 &&
            g.permission != "sanity-document-filter-create-sessions") {
          continue;
        }
        if (gives && filter_true(filter_of(g.permission), document)) return true;
      }
    }
    return false;
  }
};

}  // namespace

TEST_CASE("decisions agree with a brute-force oracle on generated policies and documents", "[decide][property]") {
  std::mt19937 rng(20261123);
  std::size_t cases = 0, allowed = 0;
  for (int round = 0; round < 40; ++round) {
    const gen_policy policy = generate_policy(rng);
    INFO(policy.toml);
    const auto built = rolec::test::compile_policy("oracle.toml", policy.toml);
    const auto& compiled = built->compiled;
    std::string error;

    for (int c = 0; c < 3; ++c) {
      decide::context ctx;
      ctx.identity = pick(rng, std::vector<std::string>{"user-a", "user-b", ""});
      ctx.robot = coin(rng, 0.3);
      ctx.now = now;
      if (coin(rng, 0.6)) ctx.attributes = json{{"desk", pick(rng, std::vector<std::string>{"news", "sports"})}};
      const auto model = decide::model::make(built->linted.resolved, compiled->project_id, ctx, error);
      REQUIRE(model != nullptr);
      const oracle expected{policy, ctx};
      rolec::util::arena arena;
      std::vector<signed char> results;
      for (int n = 0; n < 12; ++n) {
        const json document = generate_document(rng, n);
        const auto value = rolec::eval::from_nlohmann(document, arena);
        decide::filter_results(*model, value, arena, results);
        const auto kind = decide::kind_of(document["_id"].get<std::string>());
        for (const gen_role& role : policy.roles) {
          const decide::role* r = model->find_role(role.name);
          REQUIRE(r != nullptr);
          for (const std::string& action : action_names) {
            INFO(role.name << " " << action << " " << document.dump() << " identity=" << ctx.identity
                           << " robot=" << ctx.robot << " attributes=" << ctx.attributes.dump());
            const bool want = expected.allows(role, action, document);
            const auto a = *decide::action_named(action);
            CHECK(decide::decide(*model, {role.name}, a, value, arena).allowed == want);
            CHECK(decide::allowed(*model, *r, a, document["_id"].get<std::string>(), kind, results) == want);
            ++cases;
            allowed += want ? 1 : 0;
          }
        }
      }
    }
  }
  // Both answers occur often enough for the comparison to mean something.
  CHECK(cases >= 5000);
  CHECK(allowed > cases / 10);
  CHECK(allowed < cases * 9 / 10);
}

TEST_CASE("grants of several roles add up", "[decide]") {
  std::mt19937 rng(7);
  for (int round = 0; round < 20; ++round) {
    const gen_policy policy = generate_policy(rng);
    const auto built = rolec::test::compile_policy("union.toml", policy.toml);
    const auto& compiled = built->compiled;
    std::string error;
    decide::context ctx;
    ctx.identity = "user-a";
    ctx.now = now;
    const auto model = decide::model::make(built->linted.resolved, compiled->project_id, ctx, error);
    rolec::util::arena arena;
    std::vector<std::string> all;
    for (const gen_role& r : policy.roles) all.push_back(r.name);
    for (int n = 0; n < 10; ++n) {
      const auto value = rolec::eval::from_nlohmann(generate_document(rng, n), arena);
      for (const decide::action a : decide::all_actions) {
        bool any = false;
        for (const std::string& r : all) any = any || decide::decide(*model, {r}, a, value, arena).allowed;
        CHECK(decide::decide(*model, all, a, value, arena).allowed == any);
      }
    }
  }
}
