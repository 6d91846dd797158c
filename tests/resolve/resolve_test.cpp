// Stage resolve: `extends` expanded with provenance, grants bound to their permissions, what a
// role sends, and every filter parsed once.

#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include "diag/source.hpp"
#include "policy/load.hpp"
#include "resolve/resolve.hpp"
#include "schemas/catalog.hpp"
#include "support/run.hpp"

namespace {

struct loaded {
  rolec::diag::source_manager sources;
  rolec::policy::load_result result;
  rolec::resolve::resolved_policy resolved;
};

std::unique_ptr<loaded> resolve_text(const std::string& toml) {
  auto out = std::make_unique<loaded>();
  out->result = rolec::policy::load({rolec::test::temp_file("policy.toml", toml)}, out->sources);
  REQUIRE(out->result.errors.empty());
  out->resolved = rolec::resolve::resolve(out->result.merged, rolec::schemas::builtin());
  return out;
}

// The line a location is on.
std::uint32_t line_of(const loaded& l, const rolec::policy::location& at) {
  return l.sources.file(at.source).position_of(at.where.begin).line;
}

const char* const policy = R"([permissions.posts]
title = "Posts"
filter = '_type == "post"'

[permissions.pages]
title = "Pages"
filter = '''
_type == "post"
'''

[roles.writer]
title = "Writer"
grants = [
  { permission = "posts", actions = ["update", "read"] },
]

[roles.editor-plus]
title = "Editor plus"
extends = ["writer", "viewer"]
grants = [
  { permission = "posts", actions = ["read"] },
  { permission = "pages", mode = "create", history = true },
]
)";

}  // namespace

TEST_CASE("extends is expanded with the role, place and extends entry each grant came from", "[resolve]") {
  const auto l = resolve_text(policy);
  const auto* r = l->resolved.find_role("editor-plus");
  REQUIRE(r != nullptr);
  REQUIRE_FALSE(r->builtin());
  // Own grants first, as written, then what `writer` and `viewer` bring in.
  REQUIRE(r->effective.size() > 4);
  CHECK(r->effective[0].value.action.name == "read");
  CHECK_FALSE(r->effective[0].from.inherited());
  CHECK(line_of(*l, r->effective[0].from.at) == 21);
  CHECK(r->effective[1].value.action.level() == rolec::model::mode::create);
  CHECK(r->effective[1].value.history == std::optional<bool>(true));
  const auto& inherited = r->effective[2];
  CHECK(inherited.from.inherited());
  CHECK(inherited.from.role == "writer");
  CHECK(inherited.from.via() == "writer");
  CHECK(line_of(*l, inherited.from.at) == 14);         // where `writer` wrote it
  CHECK(line_of(*l, inherited.from.shown_at()) == 19);  // the extends entry of editor-plus
  const auto& builtin = r->effective.back();
  CHECK(builtin.from.role == "viewer");
  CHECK(builtin.from.written == nullptr);
  CHECK(builtin.from.via() == "viewer");
  // Every grant is bound to its permission.
  for (const auto& g : r->effective) CHECK(g.target != nullptr);
}

TEST_CASE("a role sends its grants sorted and each once, its own rather than an inherited one", "[resolve]") {
  const auto l = resolve_text(policy);
  const auto* r = l->resolved.find_role("editor-plus");
  const rolec::model::role sent = r->api_value();
  REQUIRE(sent.grants.size() == r->sent.size());
  for (std::size_t i = 1; i < sent.grants.size(); ++i) {
    CHECK(rolec::model::order_key(sent.grants[i - 1]) < rolec::model::order_key(sent.grants[i]));
  }
  // `read` on posts is both its own and writer's: the own one is sent.
  const auto read = std::find_if(r->sent.begin(), r->sent.end(), [&](std::size_t i) {
    return r->effective[i].value.permission == "posts" && r->effective[i].value.action.name == "read";
  });
  REQUIRE(read != r->sent.end());
  CHECK_FALSE(r->effective[*read].from.inherited());
  CHECK(sent.name == "editor-plus");
  CHECK(r->value.grants.empty());
}

TEST_CASE("permissions are bound to their types and filters, each filter text parsed once", "[resolve]") {
  const auto l = resolve_text(policy);
  const auto* posts = l->resolved.find_permission("posts");
  const auto* pages = l->resolved.find_permission("pages");
  REQUIRE(posts != nullptr);
  REQUIRE(pages != nullptr);
  CHECK(posts->type_name() == "sanity.document.filter");
  CHECK(posts->on_documents());
  // Different texts (line breaks), so two filters; the same canonical text and trimmed text sent.
  CHECK(posts->filter != pages->filter);
  CHECK(pages->api_value().filter == std::optional<std::string>("_type == \"post\""));
  CHECK(posts->filter->canonical() == pages->filter->canonical());
  const auto* all = l->resolved.find_permission("sanity-all-documents");
  REQUIRE(all != nullptr);
  CHECK(all->predefined());
  CHECK(all->scope == rolec::model::scope::project);
  CHECK(l->resolved.find_permission("sanity-organization")->scope == rolec::model::scope::organization);
  // Filters: the policy's two, and the catalogue's distinct ones.
  std::set<std::string> texts{"_type == \"post\"", "\n_type == \"post\"\n"};
  for (const auto& p : rolec::schemas::builtin().permissions()) {
    if (p.filter) texts.insert(*p.filter);
  }
  CHECK(l->resolved.filters.size() == texts.size());
}

TEST_CASE("a definition an earlier file shadows is resolved on its own", "[resolve]") {
  auto l = std::make_unique<loaded>();
  const std::string dir = rolec::test::temp_file("a.toml", "[roles.r]\ntitle = \"R\"\ngrants = [{ permission = \"sanity-project\", actions = [\"read\"] }]\n");
  const std::string folder = std::filesystem::path(dir).parent_path().string();
  {
    std::ofstream(folder + "/b.toml") << "[roles.r]\ntitle = \"R again\"\ngrants = [{ permission = \"sanity-project\", actions = [\"update\"] }]\n";
  }
  l->result = rolec::policy::load({folder}, l->sources);
  l->resolved = rolec::resolve::resolve(l->result.merged, rolec::schemas::builtin());
  REQUIRE(l->resolved.shadowed_roles.size() == 1);
  CHECK(l->resolved.find_role("r")->effective[0].value.action.name == "read");
  CHECK(l->resolved.shadowed_roles[0].effective[0].value.action.name == "update");
}

TEST_CASE("built-in roles keep the catalogue's order, and a custom role of the same name replaces one", "[resolve]") {
  const auto l = resolve_text("[roles.editor]\ntitle = \"Mine\"\ngrants = []\n");
  const auto* editor = l->resolved.find_role("editor");
  REQUIRE(editor != nullptr);
  CHECK_FALSE(editor->builtin());
  const auto* viewer = l->resolved.find_role("viewer");
  REQUIRE(viewer != nullptr);
  CHECK(viewer->builtin());
  const auto& catalogued = *rolec::schemas::builtin().role("viewer");
  REQUIRE(viewer->sent.size() == catalogued.grants.size());
  for (std::size_t i = 0; i < viewer->sent.size(); ++i) CHECK(viewer->effective[viewer->sent[i]].value == catalogued.grants[i]);
}

TEST_CASE("members and robots resolve to their roles, each once, and a robot's label defaults to its name", "[resolve]") {
  const auto p = resolve_text(R"(
[members]
exclusive = true
"p-b" = ["editor", "viewer", "editor"]
"p-a" = ["viewer"]

[robots.preview]
roles = ["viewer"]

[robots.deploy]
label = "Deploys"
roles = ["deploy-studio"]
)");
  const auto& r = p->resolved;
  CHECK(r.members_managed);
  CHECK(r.members_exclusive);
  REQUIRE(r.members.size() == 2);
  CHECK(r.members[0].value.id == "p-b");
  CHECK(r.members[0].value.roles == std::vector<std::string>{"editor", "viewer"});
  CHECK(r.members[0].written == &p->result.merged.members.entries[0]);
  REQUIRE(r.robots.size() == 2);
  CHECK(r.robots[0].name == "preview");
  CHECK(r.robots[0].value.label == "preview");
  CHECK(r.robots[1].value.label == "Deploys");
  CHECK(r.robots[1].value.roles == std::vector<std::string>{"deploy-studio"});
}

TEST_CASE("a policy without [members] does not manage memberships", "[resolve]") {
  const auto p = resolve_text("[robots.preview]\nroles = [\"viewer\"]\n");
  CHECK_FALSE(p->resolved.members_managed);
  CHECK(p->resolved.members.empty());
}

TEST_CASE("a member line keyed `exclusive` is a member, and an empty robot label is the robot's name", "[resolve]") {
  const auto p = resolve_text("[members]\n\"exclusive\" = [\"viewer\"]\n[robots.preview]\nlabel = \"\"\nroles = [\"viewer\"]\n");
  CHECK_FALSE(p->resolved.members_exclusive);
  REQUIRE(p->resolved.members.size() == 1);
  CHECK(p->resolved.members[0].value.id == "exclusive");
  REQUIRE(p->resolved.robots.size() == 1);
  CHECK(p->resolved.robots[0].value.label == "preview");
}
