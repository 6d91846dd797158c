#include "differential/policy_generator.hpp"

#include <algorithm>
#include <optional>
#include <random>
#include <utility>

#include "schemas/catalog.hpp"

namespace rolec::test::differential {
namespace {

// Draws straight from std::mt19937_64, whose output the standard fixes; the standard
// distributions differ between libraries, and a seed must give the same policy everywhere.
class dice {
 public:
  explicit dice(std::uint64_t seed) : engine_(seed) {}

  std::size_t below(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }
  bool chance(unsigned percent) { return below(100) < percent; }
  template<typename T>
  const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }

 private:
  std::mt19937_64 engine_;
};

std::string repeat(std::string_view unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

// What the schemas offer, sorted into the groups the generator draws from. Read through the
// catalogue at run time, so that the test follows schemas/*.json.
struct schema_view {
  std::vector<std::string> plain_permissions;         // predefined, project scope, with actions
  std::vector<std::string> mode_permissions;          // predefined, project scope, with a mode
  std::vector<std::string> organization_permissions;  // predefined, organization scope
  std::vector<std::string> document_types;            // project types whose config is a filter
  std::vector<std::string> other_project_types;       // project types without a filter
  std::vector<std::string> organization_types;
  std::vector<std::string> project_roles;
  std::vector<std::string> organization_only_roles;   // organization roles no project role shares a name with
};

const schema_view& schemas_seen() {
  static const schema_view view = [] {
    const schemas::catalog& catalog = schemas::builtin();
    schema_view v;
    for (const schemas::predefined_permission& p : catalog.permissions()) {
      const schemas::permission_type* type = catalog.type_of(p);
      if (type == nullptr) continue;
      if (type->scope == rolec::model::scope::organization) {
        v.organization_permissions.push_back(p.name);
      } else if (type->scope == rolec::model::scope::project) {
        (type->is_mode() ? v.mode_permissions : v.plain_permissions).push_back(p.name);
      }
    }
    for (const schemas::permission_type& t : catalog.types()) {
      if (t.scope == rolec::model::scope::organization) {
        v.organization_types.push_back(t.type);
      } else if (t.scope == rolec::model::scope::project) {
        (t.takes_filter ? v.document_types : v.other_project_types).push_back(t.type);
      }
    }
    for (const schemas::builtin_role& r : catalog.roles()) {
      if (r.scope == rolec::model::scope::project) v.project_roles.push_back(r.name);
    }
    for (const schemas::builtin_role& r : catalog.roles()) {
      if (r.scope == rolec::model::scope::organization && !contains(v.project_roles, r.name)) v.organization_only_roles.push_back(r.name);
    }
    return v;
  }();
  return view;
}

// --- the policy model, before it is written as TOML ----------------------------------------------

struct grant_model {
  std::string permission;
  std::vector<std::string> actions;  // written when `mode` is not
  std::optional<std::string> mode;
  std::optional<bool> history;
  std::vector<std::pair<std::string, std::string>> params;  // name, TOML value
};

struct permission_model {
  std::string name;
  std::optional<std::string> title;  // nothing: the key is left out
  std::string description;
  std::optional<std::string> type;   // nothing: left out, the filter makes it sanity.document.filter
  std::optional<std::string> filter;
  bool touched = false;              // a mistake changed it; another must not undo that
};

struct role_model {
  std::string name;
  std::optional<std::string> title;
  std::string description;
  std::optional<bool> applies_to_users;
  std::optional<bool> applies_to_robots;
  std::vector<std::string> extends;
  std::vector<grant_model> grants;
  bool touched = false;
};

struct policy_model {
  bool with_project = false;
  std::vector<permission_model> permissions;
  std::vector<role_model> roles;
};

// --- TOML text ------------------------------------------------------------------------------------

std::string basic_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string key(std::string_view name) {
  const bool bare = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
  return bare ? std::string(name) : basic_string(name);
}

// Filters are written as users write them: literal strings, over several lines when long.
std::string filter_string(const std::string& filter) {
  if (filter.find('\'') != std::string::npos) return basic_string(filter);
  if (filter.find('\n') != std::string::npos) return "'''\n" + filter + "\n'''";
  return "'" + filter + "'";
}

std::string string_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : ", ") + basic_string(items[i]);
  return out + "]";
}

std::string grant_text(const grant_model& g) {
  std::string out = "{ permission = " + basic_string(g.permission);
  if (g.mode) {
    out += ", mode = " + basic_string(*g.mode);
  } else {
    out += ", actions = " + string_list(g.actions);
  }
  if (g.history) out += std::string(", history = ") + (*g.history ? "true" : "false");
  if (!g.params.empty()) {
    out += ", params = {";
    for (std::size_t i = 0; i < g.params.size(); ++i) {
      out += (i == 0 ? " " : ", ") + key(g.params[i].first) + " = " + g.params[i].second;
    }
    out += " }";
  }
  return out + " }";
}

std::string render(const policy_model& m) {
  std::string out;
  if (m.with_project) out += "[project]\nid = \"p1\"\napi_version = \"v2025-07-11\"\n\n";
  for (const permission_model& p : m.permissions) {
    out += "[permissions." + key(p.name) + "]\n";
    if (p.title) out += "title = " + basic_string(*p.title) + "\n";
    if (!p.description.empty()) out += "description = " + basic_string(p.description) + "\n";
    if (p.type) out += "type = " + basic_string(*p.type) + "\n";
    if (p.filter) out += "filter = " + filter_string(*p.filter) + "\n";
    out += "\n";
  }
  for (const role_model& r : m.roles) {
    out += "[roles." + key(r.name) + "]\n";
    if (r.title) out += "title = " + basic_string(*r.title) + "\n";
    if (!r.description.empty()) out += "description = " + basic_string(r.description) + "\n";
    if (r.applies_to_users) out += std::string("applies_to_users = ") + (*r.applies_to_users ? "true" : "false") + "\n";
    if (r.applies_to_robots) out += std::string("applies_to_robots = ") + (*r.applies_to_robots ? "true" : "false") + "\n";
    if (!r.extends.empty()) out += "extends = " + string_list(r.extends) + "\n";
    if (!r.grants.empty()) {
      out += "grants = [\n";
      for (const grant_model& g : r.grants) out += "  " + grant_text(g) + ",\n";
      out += "]\n";
    }
    out += "\n";
  }
  return out;
}

// --- pools ------------------------------------------------------------------------------------------

const std::vector<std::string> permission_names{"posts", "drafts", "own-posts", "authors", "media_assets", "settings", "news-desk", "p2"};
const std::vector<std::string> role_names{"writer", "publisher", "reviewer", "indexer", "news-team", "ops_2", "guest"};
const std::vector<std::string> bad_permission_names{"Posts", "a.b", "my posts", "posts!", "Brouillons"};
const std::vector<std::string> bad_role_names{"Writer", "a.b", "news team", "ops/1", "Éditeur"};

// Valid titles, the 100-character limit reached in one-, two-, three- and four-byte characters.
const std::vector<std::string> good_titles{
    "Posts", "Own posts", "Drafts of the news desk", "Brouillons d\u2019\u00e9t\u00e9", "\u041d\u043e\u0432\u043e\u0441\u0442\u0438",
    "\u8a18\u4e8b\u306e\u4e0b\u66f8\u304d", "Say \"hi\"", "Back\\slash", "Rockets \U0001F680", repeat("a", 100),
    repeat("\u00e9", 100), repeat("\u65e5", 100), repeat("a", 99) + "\U0001F680"};

// Titles the API refuses: empty, or one character too many in each width.
const std::vector<std::pair<std::string, std::string>> bad_titles{
    {"", "empty"},
    {repeat("a", 101), "101 ASCII characters"},
    {repeat("\u00e9", 101), "101 two-byte characters"},
    {repeat("\u65e5", 101), "101 three-byte characters"},
    {repeat("a", 100) + "\U0001F680", "100 ASCII characters and an emoji"},
    {repeat("x", 200), "200 characters"},
};

const std::vector<std::string> descriptions{"", "", "Edits posts", "Lecture seule \u2014 read only"};

const std::vector<std::string> good_filters{
    R"(_type == "post")",
    R"(_id in path("drafts.**"))",
    R"(author._ref == identity())",
    R"(_type == "post" && author._ref == identity())",
    "_type in [\"post\", \"page\"]\n  && !(_id in path(\"drafts.**\"))",
};
const std::vector<std::string> invalid_filters{R"(_type = "post")", R"(_type == "post" and defined(title))", R"((_type == "post")"};
const std::vector<std::string> join_filters{R"(author->name == "x")", R"(_type == "post" && category->slug == "news")"};
const std::vector<std::string> subquery_filters{R"(count(*[_type == "x"]) > 0)", R"(_id in *[_type == "x"]._id)"};

const std::vector<std::string> unknown_types{"sanity.document.filtr", "sanity.document.filters", "sanity.documents.filter"};
const std::vector<std::string> unknown_permissions{"sanity-projects", "sanity-all-document", "post", "sanity-document-filter-draft", "missing-perm"};
const std::vector<std::string> stray_actions{"publish", "deploy", "write", "delete"};
const std::vector<std::string> bad_modes{"edit", "write", "admin"};
const std::vector<std::pair<std::string, std::string>> wrong_dataset_values{{"5", "an integer"}, {"true", "a boolean"}, {"1.5", "a float"}};

// --- the generator ------------------------------------------------------------------------------

class generator {
 public:
  explicit generator(std::uint64_t seed) : dice_(seed), s_(schemas_seen()) {}

  generated run() {
    make_valid();
    // About half the policies stay valid; the others get one mistake, sometimes two.
    if (dice_.chance(55)) {
      std::vector<mistake> kinds = possible_mistakes();
      const std::size_t count = dice_.chance(30) ? 2 : 1;
      for (std::size_t i = 0; i < count; ++i) {
        const std::size_t at = dice_.below(kinds.size());
        plant(kinds[at]);
        kinds.erase(kinds.begin() + static_cast<std::ptrdiff_t>(at));
      }
    }
    return {render(m_), std::move(planted_)};
  }

 private:
  dice dice_;
  const schema_view& s_;
  policy_model m_;
  std::vector<planted> planted_;

  // --- lookups ---

  const permission_model* custom(const std::string& name) const {
    const auto it = std::find_if(m_.permissions.begin(), m_.permissions.end(), [&](const auto& p) { return p.name == name; });
    return it == m_.permissions.end() ? nullptr : &*it;
  }

  bool role_taken(const std::string& name) const {
    return std::any_of(m_.roles.begin(), m_.roles.end(), [&](const auto& r) { return r.name == name; });
  }

  bool predefined(const std::string& name) const { return schemas::builtin().permission(name) != nullptr; }

  // The type a grant of `name` is judged by: the custom permission's, else the predefined one's.
  const schemas::permission_type* type_of(const std::string& name) const {
    const schemas::catalog& catalog = schemas::builtin();
    if (const permission_model* p = custom(name)) {
      if (p->type) return catalog.type(*p->type);
      return p->filter ? catalog.type("sanity.document.filter") : nullptr;
    }
    if (const schemas::predefined_permission* p = catalog.permission(name)) return catalog.type_of(*p);
    return nullptr;
  }

  bool granted_anywhere(const std::string& name) const {
    return std::any_of(m_.roles.begin(), m_.roles.end(), [&](const role_model& r) {
      return std::any_of(r.grants.begin(), r.grants.end(), [&](const grant_model& g) { return g.permission == name; });
    });
  }

  bool extended_anywhere(const std::string& name) const {
    return std::any_of(m_.roles.begin(), m_.roles.end(), [&](const role_model& r) { return contains(r.extends, name); });
  }

  // A name from `pool` that nothing in the policy uses yet; `fallback` and a number otherwise.
  template<typename Taken>
  std::string fresh_name(const std::vector<std::string>& pool, const std::string& fallback, Taken taken) {
    std::vector<std::string> free;
    for (const std::string& n : pool) {
      if (!taken(n)) free.push_back(n);
    }
    if (!free.empty()) return dice_.pick(free);
    for (int i = 1;; ++i) {
      const std::string n = fallback + "-" + std::to_string(i);
      if (!taken(n)) return n;
    }
  }

  std::string new_permission_name() {
    return fresh_name(permission_names, "perm", [&](const std::string& n) { return custom(n) != nullptr || predefined(n); });
  }

  std::string new_role_name() {
    return fresh_name(role_names, "role", [&](const std::string& n) {
      return role_taken(n) || schemas::builtin().role(n) != nullptr || extended_anywhere(n);
    });
  }

  // --- a valid policy ---

  void make_valid() {
    m_.with_project = dice_.chance(50);
    const std::size_t permissions = dice_.below(4);
    for (std::size_t i = 0; i < permissions; ++i) add_document_permission();
    const std::size_t roles = 1 + dice_.below(3);
    for (std::size_t i = 0; i < roles; ++i) add_role();
  }

  std::size_t add_document_permission() {
    permission_model p;
    p.name = new_permission_name();
    p.title = dice_.pick(good_titles);
    p.description = dice_.pick(descriptions);
    // The type left out (a filter makes it sanity.document.filter), or one of the document types.
    if (!dice_.chance(40)) p.type = dice_.pick(s_.document_types);
    p.filter = dice_.pick(good_filters);
    m_.permissions.push_back(std::move(p));
    return m_.permissions.size() - 1;
  }

  std::size_t add_role() {
    role_model r;
    r.name = new_role_name();
    r.title = dice_.pick(good_titles);
    r.description = dice_.pick(descriptions);
    if (dice_.chance(30)) r.applies_to_users = dice_.chance(50);
    if (dice_.chance(30)) r.applies_to_robots = dice_.chance(50);
    // Built-in project roles and roles defined before this one: never a cycle.
    std::vector<std::string> parents = s_.project_roles;
    for (const role_model& earlier : m_.roles) parents.push_back(earlier.name);
    const std::size_t extends = dice_.chance(50) ? 0 : dice_.chance(60) ? 1 : 2;
    for (std::size_t i = 0; i < extends; ++i) {
      const std::string& parent = dice_.pick(parents);
      if (!contains(r.extends, parent)) r.extends.push_back(parent);
    }
    std::size_t grants = dice_.below(4);
    if (grants == 0 && r.extends.empty() && dice_.chance(90)) grants = 1;
    for (std::size_t i = 0; i < grants; ++i) {
      const std::string target = any_target();
      r.grants.push_back(valid_grant(target));
    }
    m_.roles.push_back(std::move(r));
    return m_.roles.size() - 1;
  }

  // Custom document permissions of the policy, of plain or of mode type.
  std::vector<std::string> custom_documents(bool mode) const {
    std::vector<std::string> out;
    for (const permission_model& p : m_.permissions) {
      const schemas::permission_type* type = type_of(p.name);
      if (p.filter && type != nullptr && type->takes_filter && type->scope == rolec::model::scope::project && type->is_mode() == mode) {
        out.push_back(p.name);
      }
    }
    return out;
  }

  std::string plain_target() {
    const std::vector<std::string> customs = custom_documents(false);
    return !customs.empty() && dice_.chance(50) ? dice_.pick(customs) : dice_.pick(s_.plain_permissions);
  }

  std::string mode_target() {
    const std::vector<std::string> customs = custom_documents(true);
    return !customs.empty() && dice_.chance(60) ? dice_.pick(customs) : dice_.pick(s_.mode_permissions);
  }

  std::string any_target() { return dice_.chance(70) ? plain_target() : mode_target(); }

  // A permission whose type has a `dataset` parameter.
  std::string dataset_target() {
    for (int tries = 0; tries < 100; ++tries) {
      const std::string name = any_target();
      if (const schemas::permission_type* type = type_of(name); type != nullptr && type->param("dataset") != nullptr) return name;
    }
    return dice_.pick(s_.mode_permissions);
  }

  std::vector<std::string> some_actions(const schemas::permission_type& type) {
    std::vector<std::string> out;
    const std::size_t count = 1 + dice_.below(std::min<std::size_t>(3, type.actions.size()));
    while (out.size() < count) {
      const std::string& a = dice_.pick(type.actions);
      if (!contains(out, a)) out.push_back(a);
    }
    return out;
  }

  grant_model valid_grant(const std::string& permission) {
    const schemas::permission_type& type = *type_of(permission);
    grant_model g;
    g.permission = permission;
    if (type.is_mode()) {
      g.mode = dice_.pick(type.param("mode")->values);
      if (type.param("history") != nullptr && dice_.chance(50)) g.history = dice_.chance(50);
    } else {
      g.actions = some_actions(type);
    }
    if (type.param("dataset") != nullptr && dice_.chance(25)) g.params.emplace_back("dataset", "\"production\"");
    return g;
  }

  // --- mistakes ---

  role_model& some_role() { return m_.roles[dice_.below(m_.roles.size())]; }

  // A custom document permission that no other mistake changed, a new one now and then.
  permission_model& untouched_permission() {
    std::vector<std::size_t> free;
    for (std::size_t i = 0; i < m_.permissions.size(); ++i) {
      if (!m_.permissions[i].touched && m_.permissions[i].filter) free.push_back(i);
    }
    std::size_t at = 0;
    if (free.empty() || dice_.chance(30)) {
      at = add_document_permission();
      grant_model g = valid_grant(m_.permissions[at].name);
      some_role().grants.push_back(std::move(g));
    } else {
      at = dice_.pick(free);
    }
    m_.permissions[at].touched = true;
    return m_.permissions[at];
  }

  role_model& untouched_role() {
    std::vector<std::size_t> free;
    for (std::size_t i = 0; i < m_.roles.size(); ++i) {
      if (!m_.roles[i].touched) free.push_back(i);
    }
    const std::size_t at = free.empty() || dice_.chance(20) ? add_role() : dice_.pick(free);
    m_.roles[at].touched = true;
    return m_.roles[at];
  }

  void rename_permission(permission_model& p, const std::string& to) {
    const std::string from = p.name;
    p.name = to;
    for (role_model& r : m_.roles) {
      for (grant_model& g : r.grants) {
        if (g.permission == from) g.permission = to;
      }
    }
  }

  void rename_role(role_model& r, const std::string& to) {
    const std::string from = r.name;
    r.name = to;
    for (role_model& other : m_.roles) std::replace(other.extends.begin(), other.extends.end(), from, to);
  }

  // A new custom permission of `type` without a filter, granted actions its type has.
  void add_typed_permission(const std::string& type) {
    permission_model p;
    p.name = new_permission_name();
    p.title = dice_.pick(good_titles);
    p.type = type;
    p.touched = true;
    const schemas::permission_type* t = schemas::builtin().type(type);
    m_.permissions.push_back(p);
    if (t != nullptr && dice_.chance(70)) {
      grant_model g;
      g.permission = p.name;
      g.actions = some_actions(*t);
      some_role().grants.push_back(std::move(g));
    }
  }

  void note(mistake kind, std::string detail) { planted_.push_back({kind, std::move(detail)}); }

  void plant(mistake kind) {
    switch (kind) {
      case mistake::permission_bad_name: {
        permission_model& p = untouched_permission();
        const std::string to = fresh_name(bad_permission_names, "Perm", [&](const std::string& n) { return custom(n) != nullptr; });
        note(kind, "permission `" + p.name + "` renamed `" + to + "`");
        rename_permission(p, to);
        return;
      }
      case mistake::permission_bad_title: {
        permission_model& p = untouched_permission();
        if (dice_.chance(15)) {
          p.title.reset();
          note(kind, "permission `" + p.name + "` has no title");
        } else {
          const auto& [title, what] = dice_.pick(bad_titles);
          p.title = title;
          note(kind, "permission `" + p.name + "` title " + what);
        }
        return;
      }
      case mistake::permission_non_document_type: {
        const std::string& type = dice_.pick(s_.other_project_types);
        add_typed_permission(type);
        note(kind, "permission of type `" + type + "`");
        return;
      }
      case mistake::permission_organization_type: {
        const std::string& type = dice_.pick(s_.organization_types);
        add_typed_permission(type);
        note(kind, "permission of type `" + type + "`");
        return;
      }
      case mistake::permission_unknown_type: {
        const std::size_t at = add_document_permission();
        permission_model& p = m_.permissions[at];
        p.type = dice_.pick(unknown_types);
        p.touched = true;
        note(kind, "permission `" + p.name + "` of type `" + *p.type + "`");
        if (dice_.chance(70)) {
          grant_model g;
          g.permission = p.name;
          g.actions = {"read"};
          some_role().grants.push_back(std::move(g));
        }
        return;
      }
      case mistake::permission_invalid_filter:
      case mistake::permission_join_filter:
      case mistake::permission_subquery_filter: {
        permission_model& p = untouched_permission();
        const auto& pool = kind == mistake::permission_invalid_filter ? invalid_filters
                           : kind == mistake::permission_join_filter  ? join_filters
                                                                      : subquery_filters;
        p.filter = dice_.pick(pool);
        note(kind, "permission `" + p.name + "` filter `" + *p.filter + "`");
        return;
      }
      case mistake::permission_predefined_name:
      case mistake::permission_organization_predefined_name: {
        // A predefined name no grant uses, so that only the definition changes meaning.
        permission_model& p = untouched_permission();
        std::vector<std::string> names;
        const bool organization = kind == mistake::permission_organization_predefined_name;
        for (const std::string& n : organization ? s_.organization_permissions : s_.plain_permissions) {
          if (!granted_anywhere(n) && custom(n) == nullptr) names.push_back(n);
        }
        const std::string to = names.empty() ? std::string(organization ? "sanity-organization" : "sanity-project") : dice_.pick(names);
        note(kind, "permission `" + p.name + "` renamed `" + to + "`");
        rename_permission(p, to);
        return;
      }
      case mistake::role_bad_name: {
        role_model& r = untouched_role();
        const std::string to = fresh_name(bad_role_names, "Role", [&](const std::string& n) { return role_taken(n); });
        note(kind, "role `" + r.name + "` renamed `" + to + "`");
        rename_role(r, to);
        return;
      }
      case mistake::role_bad_title: {
        role_model& r = untouched_role();
        if (dice_.chance(15)) {
          r.title.reset();
          note(kind, "role `" + r.name + "` has no title");
        } else {
          const auto& [title, what] = dice_.pick(bad_titles);
          r.title = title;
          note(kind, "role `" + r.name + "` title " + what);
        }
        return;
      }
      case mistake::role_builtin_name: {
        // A built-in name that no `extends` names: otherwise the rename could make a cycle.
        role_model& r = untouched_role();
        std::vector<std::string> names;
        for (const std::string& n : s_.project_roles) {
          if (!extended_anywhere(n) && !role_taken(n)) names.push_back(n);
        }
        if (names.empty()) names.push_back("administrator");
        const std::string to = dice_.pick(names);
        note(kind, "role `" + r.name + "` renamed `" + to + "`");
        rename_role(r, to);
        return;
      }
      case mistake::role_extends_organization_role: {
        role_model& r = some_role();
        const std::string& parent = dice_.pick(s_.organization_only_roles);
        r.extends.push_back(parent);
        note(kind, "role `" + r.name + "` extends `" + parent + "`");
        return;
      }
      case mistake::grant_organization_permission: {
        std::vector<std::string> names;
        for (const std::string& n : s_.organization_permissions) {
          if (custom(n) == nullptr) names.push_back(n);
        }
        grant_model g;
        g.permission = dice_.pick(names);
        g.actions = some_actions(*type_of(g.permission));
        role_model& r = some_role();
        note(kind, "role `" + r.name + "` grants `" + g.permission + "` " + g.actions.front());
        r.grants.push_back(std::move(g));
        return;
      }
      case mistake::grant_unknown_permission: {
        std::vector<std::string> names;
        for (const std::string& n : unknown_permissions) {
          if (custom(n) == nullptr && !predefined(n)) names.push_back(n);
        }
        grant_model g;
        g.permission = dice_.pick(names);
        g.actions = {"read"};
        role_model& r = some_role();
        note(kind, "role `" + r.name + "` grants `" + g.permission + "`");
        r.grants.push_back(std::move(g));
        return;
      }
      case mistake::grant_unknown_action: {
        grant_model g = valid_grant(plain_target());
        const schemas::permission_type& type = *type_of(g.permission);
        std::vector<std::string> stray;
        for (const std::string& a : stray_actions) {
          if (!type.has_action(a)) stray.push_back(a);
        }
        const std::string& action = dice_.pick(stray);
        g.actions.insert(g.actions.begin() + static_cast<std::ptrdiff_t>(dice_.below(g.actions.size() + 1)), action);
        role_model& r = some_role();
        note(kind, "role `" + r.name + "` grants `" + g.permission + "` action `" + action + "`");
        r.grants.push_back(std::move(g));
        return;
      }
      case mistake::grant_invalid_mode: {
        grant_model g = valid_grant(mode_target());
        g.mode = dice_.pick(bad_modes);
        role_model& r = some_role();
        note(kind, "role `" + r.name + "` grants `" + g.permission + "` mode `" + *g.mode + "`");
        r.grants.push_back(std::move(g));
        return;
      }
      case mistake::grant_mode_on_plain: {
        grant_model g = valid_grant(plain_target());
        g.actions.clear();
        g.mode = dice_.pick(std::vector<std::string>{"read", "create", "publish"});
        role_model& r = some_role();
        note(kind, "role `" + r.name + "` grants plain `" + g.permission + "` mode `" + *g.mode + "`");
        r.grants.push_back(std::move(g));
        return;
      }
      case mistake::grant_actions_on_mode: {
        grant_model g = valid_grant(mode_target());
        g.mode.reset();
        g.history.reset();
        g.actions = dice_.chance(50) ? std::vector<std::string>{"read"} : std::vector<std::string>{"read", "update"};
        role_model& r = some_role();
        note(kind, "role `" + r.name + "` grants mode permission `" + g.permission + "` actions");
        r.grants.push_back(std::move(g));
        return;
      }
      case mistake::grant_history_on_plain: {
        grant_model g = valid_grant(plain_target());
        g.history = dice_.chance(50);
        role_model& r = some_role();
        note(kind, "role `" + r.name + "` grants plain `" + g.permission + "` history = " + (*g.history ? "true" : "false"));
        r.grants.push_back(std::move(g));
        return;
      }
      case mistake::grant_param_wrong_type: {
        grant_model g = valid_grant(dataset_target());
        const auto& [value, what] = dice_.pick(wrong_dataset_values);
        g.params.clear();
        g.params.emplace_back("dataset", value);
        role_model& r = some_role();
        note(kind, "role `" + r.name + "` grants `" + g.permission + "` with dataset " + what);
        r.grants.push_back(std::move(g));
        return;
      }
      case mistake::grant_param_unknown: {
        grant_model g = valid_grant(any_target());
        g.params.emplace_back("colour", "\"x\"");
        role_model& r = some_role();
        note(kind, "role `" + r.name + "` grants `" + g.permission + "` with params.colour");
        r.grants.push_back(std::move(g));
        return;
      }
    }
  }
};

}  // namespace

bool refused(mistake kind) { return kind != mistake::permission_organization_predefined_name; }

const std::vector<mistake>& all_mistakes() {
  static const std::vector<mistake> all{
      mistake::permission_bad_name,         mistake::permission_bad_title,
      mistake::permission_non_document_type, mistake::permission_organization_type,
      mistake::permission_unknown_type,     mistake::permission_invalid_filter,
      mistake::permission_join_filter,      mistake::permission_subquery_filter,
      mistake::permission_predefined_name,  mistake::permission_organization_predefined_name,
      mistake::role_bad_name,               mistake::role_bad_title,
      mistake::role_builtin_name,           mistake::role_extends_organization_role,
      mistake::grant_organization_permission, mistake::grant_unknown_permission,
      mistake::grant_unknown_action,        mistake::grant_invalid_mode,
      mistake::grant_mode_on_plain,         mistake::grant_actions_on_mode,
      mistake::grant_history_on_plain,      mistake::grant_param_wrong_type,
      mistake::grant_param_unknown,
  };
  return all;
}

std::string_view name_of(mistake kind) {
  switch (kind) {
    case mistake::permission_bad_name: return "permission-bad-name";
    case mistake::permission_bad_title: return "permission-bad-title";
    case mistake::permission_non_document_type: return "permission-non-document-type";
    case mistake::permission_organization_type: return "permission-organization-type";
    case mistake::permission_unknown_type: return "permission-unknown-type";
    case mistake::permission_invalid_filter: return "permission-invalid-filter";
    case mistake::permission_join_filter: return "permission-join-filter";
    case mistake::permission_subquery_filter: return "permission-subquery-filter";
    case mistake::permission_predefined_name: return "permission-predefined-name";
    case mistake::permission_organization_predefined_name: return "permission-organization-predefined-name";
    case mistake::role_bad_name: return "role-bad-name";
    case mistake::role_bad_title: return "role-bad-title";
    case mistake::role_builtin_name: return "role-builtin-name";
    case mistake::role_extends_organization_role: return "role-extends-organization-role";
    case mistake::grant_organization_permission: return "grant-organization-permission";
    case mistake::grant_unknown_permission: return "grant-unknown-permission";
    case mistake::grant_unknown_action: return "grant-unknown-action";
    case mistake::grant_invalid_mode: return "grant-invalid-mode";
    case mistake::grant_mode_on_plain: return "grant-mode-on-plain";
    case mistake::grant_actions_on_mode: return "grant-actions-on-mode";
    case mistake::grant_history_on_plain: return "grant-history-on-plain";
    case mistake::grant_param_wrong_type: return "grant-param-wrong-type";
    case mistake::grant_param_unknown: return "grant-param-unknown";
  }
  return "unknown";
}

std::vector<mistake> possible_mistakes() {
  std::vector<mistake> out;
  for (const mistake m : all_mistakes()) {
    if (m == mistake::role_extends_organization_role && schemas_seen().organization_only_roles.empty()) continue;
    out.push_back(m);
  }
  return out;
}

generated generate(std::uint64_t seed) { return generator(seed).run(); }

std::string generate_policy(std::uint64_t seed) { return generate(seed).text; }

std::string describe(const std::vector<planted>& mistakes) {
  if (mistakes.empty()) return "none";
  std::string out;
  for (const planted& p : mistakes) {
    if (!out.empty()) out += "; ";
    out += std::string(name_of(p.kind)) + ": " + p.detail;
  }
  return out;
}

}  // namespace rolec::test::differential
