// The built-in roles compiled through `extends` grant exactly what Sanity's documentation lists:
// the project administrator as the Access API returns it (seed 002), the other project roles in
// the legacy Roles API listing (seed 004), read from ../shared at test time.
//
// The legacy listing names permission resource types, not permissions, so it is read with the
// rules schemas/README.md records: a non-document type stands for its one predefined permission,
// a document type with a filter for the predefined permission with that filter, and the legacy
// `datasetPolicyName: "default"` (every dataset) is no parameter at all.

#include <catch2/catch.hpp>

#include <set>

#include <nlohmann/json.hpp>

#include "build/compile.hpp"
#include "lint/lint.hpp"
#include "model/api_json.hpp"
#include "support/markdown.hpp"
#include "support/run.hpp"

namespace {

using grant_set = std::set<std::string>;  // "permission action params"

// The JSON value that starts at `marker` in `text`: brackets are matched outside strings.
nlohmann::json json_after(const std::string& text, const std::string& marker) {
  const auto start = text.find(marker);
  REQUIRE(start != std::string::npos);
  const auto begin = text.find_first_of("[{", start);
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = begin; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '[' || c == '{') ++depth;
    if ((c == ']' || c == '}') && --depth == 0) return nlohmann::json::parse(text.substr(begin, i - begin + 1));
  }
  FAIL("no end of the JSON value after " << marker);
  return {};
}

std::string grant_key(const std::string& permission, const std::string& action, nlohmann::json params) {
  if (params.is_null()) params = nlohmann::json::object();
  return permission + " " + action + " " + params.dump();
}

// What `extends = [role]` compiles to.
grant_set compiled_grants(const std::string& role) {
  const std::string file = rolec::test::temp_file("extends.toml", "[roles.probe]\ntitle = \"Probe\"\nextends = [\"" + role + "\"]\n");
  rolec::diag::source_manager sources;
  const auto linted = rolec::lint::lint({file}, sources);
  std::string error;
  const auto compiled = rolec::build::compile(linted.merged, linted.resolved, std::nullopt, error);
  REQUIRE(compiled);
  REQUIRE(compiled->roles.size() == 1);
  grant_set out;
  for (const auto& g : compiled->roles[0]->api_value().grants) {
    out.insert(grant_key(g.permission, g.action.name, nlohmann::json(rolec::model::params_json(g))));
  }
  return out;
}

// The predefined permission a legacy grant group stands for.
std::string permission_for(const std::string& type, const nlohmann::json& config) {
  const auto& catalog = rolec::schemas::builtin();
  for (const auto& p : catalog.permissions()) {
    if (p.type != type) continue;
    const bool has_filter = config.contains("filter");
    if (!has_filter && !p.filter) return p.name;
    if (has_filter && p.filter && *p.filter == config["filter"].get<std::string>()) return p.name;
  }
  FAIL("no predefined permission of type " << type << " with config " << config.dump());
  return {};
}

grant_set legacy_grants(const nlohmann::json& role) {
  grant_set out;
  for (const auto& [type, groups] : role["grants"].items()) {
    for (const auto& group : groups) {
      const std::string permission = permission_for(type, group["config"]);
      for (const auto& g : group["grants"]) {
        nlohmann::json params = g["params"];
        if (params.value("datasetPolicyName", "") == "default") params.erase("datasetPolicyName");
        out.insert(grant_key(permission, g["name"], params));
      }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("built-in roles compiled through extends grant what Sanity's listings show", "[build]") {
  const std::string seeds = std::string(ROLEC_SHARED_DIR) + "/seeds/";
  const nlohmann::json legacy = json_after(rolec::test::read_text(seeds + "004_c76967b147199295.txt"),
                                           "[\n  {\n    \"name\": \"administrator\"");
  std::set<std::string> seen;
  for (const auto& role : legacy) {
    const std::string name = role["name"];
    seen.insert(name);
    if (name == "administrator") continue;  // the newer Access API listing below supersedes this one
    INFO(name);
    CHECK(compiled_grants(name) == legacy_grants(role));
  }
  CHECK(seen == std::set<std::string>{"administrator", "contributor", "create-session", "deploy-studio", "developer", "editor", "viewer"});

  const nlohmann::json administrator = json_after(rolec::test::read_text(seeds + "002_681618f82f53fee4.txt"),
                                                  "Project administrator default permissions\n{");
  REQUIRE(administrator["name"] == "administrator");
  grant_set expected;
  for (const auto& p : administrator["permissions"]) expected.insert(grant_key(p["name"], p["action"], p.value("params", nlohmann::json::object())));
  CHECK(compiled_grants("administrator") == expected);
}
