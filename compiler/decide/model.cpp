#include "decide/model.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <nlohmann/json.hpp>

#include "eval/json.hpp"
#include "groq/analyze.hpp"

namespace rolec::decide {

// One entry of a role in the form both sources share: the policy's compiled entries and the
// catalogue's built-in roles.
struct raw_entry {
  std::string permission;
  std::string action;
  std::string mode;
  bool history = false;
  std::optional<std::string> dataset;
  std::string via;
};

namespace {

constexpr std::array<std::string_view, 6> action_names{"read", "create", "update", "manage", "history", "editHistory"};

raw_entry from_build(const build::entry& e) {
  raw_entry out{e.permission, e.action, "", false, std::nullopt, e.via};
  if (const auto it = e.params.find("mode"); it != e.params.end() && it->is_string()) out.mode = it->get<std::string>();
  if (const auto it = e.params.find("history"); it != e.params.end() && it->is_boolean()) out.history = it->get<bool>();
  if (const auto it = e.params.find("dataset"); it != e.params.end() && it->is_string()) out.dataset = it->get<std::string>();
  return out;
}

raw_entry from_catalog(const schemas::role_permission& p) {
  raw_entry out{p.name, p.action, "", false, std::nullopt, ""};
  for (const schemas::param_value& v : p.params) {
    if (v.name == "mode") out.mode = v.text;
    if (v.name == "history") out.history = v.is_boolean && v.text == "true";
    if (v.name == "dataset") out.dataset = v.text;
  }
  return out;
}

void grant_on(grant& g, action a, kinds k) { g.scope[static_cast<std::size_t>(a)] |= k; }

// What a mode gives (docs/document-access.md): `read` reads; `create` reads everything and
// writes drafts and release versions; `publish` reads and writes everything. `history` adds
// the history of what the mode writes (of everything, for `read`).
void grant_mode(grant& g, std::string_view mode, bool history) {
  if (mode == "read") {
    grant_on(g, action::read, every_kind);
    if (history) grant_on(g, action::history, every_kind);
  } else if (mode == "create") {
    grant_on(g, action::read, every_kind);
    grant_on(g, action::create, draft_kinds);
    grant_on(g, action::update, draft_kinds);
    if (history) grant_on(g, action::history, draft_kinds);
  } else if (mode == "publish") {
    grant_on(g, action::read, every_kind);
    grant_on(g, action::create, every_kind);
    grant_on(g, action::update, every_kind);
    if (history) grant_on(g, action::history, every_kind);
  }
}

// A document permission's filter and whether it is a mode permission; nothing for other types.
struct document_permission {
  std::string filter;
  bool mode = false;
};

std::optional<document_permission> find_document_permission(const std::string& name, const build::compiled& policy,
                                                            const schemas::catalog& catalog) {
  for (const build::permission& p : policy.permissions) {
    if (p.source == nullptr || p.source->name.value != name) continue;
    if (!p.filter) return std::nullopt;
    const schemas::permission_type* type = catalog.type(p.type);
    return document_permission{*p.filter, type != nullptr && type->is_mode()};
  }
  const schemas::predefined_permission* predefined = catalog.permission(name);
  if (predefined == nullptr || !predefined->filter) return std::nullopt;
  const schemas::permission_type* type = catalog.type_of(*predefined);
  return document_permission{*predefined->filter, type != nullptr && type->is_mode()};
}

}  // namespace

std::string_view name_of(action a) { return action_names[static_cast<std::size_t>(a)]; }

std::optional<action> action_named(std::string_view name) {
  for (std::size_t i = 0; i < action_names.size(); ++i) {
    if (action_names[i] == name) return all_actions[i];
  }
  return std::nullopt;
}

id_kind kind_of(std::string_view id) {
  if (id.starts_with("drafts.")) return id_kind::draft;
  if (id.starts_with("versions.")) return id_kind::version;
  return id_kind::published;
}

std::string_view name_of(id_kind k) {
  switch (k) {
    case id_kind::draft: return "draft";
    case id_kind::version: return "version";
    case id_kind::published: break;
  }
  return "published";
}

std::unique_ptr<model> model::make(const build::compiled& policy, const schemas::catalog& catalog, const context& ctx,
                                   std::string& error) {
  std::unique_ptr<model> m(new model());
  m->ctx_ = ctx;
  m->env_.identity = ctx.identity;
  m->env_.now = eval::current_time();
  if (ctx.now) {
    const auto parsed = eval::parse_datetime(*ctx.now);
    if (!parsed) {
      error = fmt::format("`{}` is not an RFC 3339 timestamp such as 2026-01-01T00:00:00Z", *ctx.now);
      return nullptr;
    }
    m->env_.now = *parsed;
  }
  if (!ctx.attributes.is_null()) m->env_.user_attributes = eval::from_nlohmann(ctx.attributes, m->env_arena_);
  if (ctx.dataset) m->env_.dataset_name = *ctx.dataset;
  if (policy.project_id) m->env_.project_id = *policy.project_id;

  for (const build::role& r : policy.roles) {
    role out{r.source->name.value, false, r.applies_to_users, r.applies_to_robots, {}};
    std::vector<raw_entry> entries;
    for (const build::entry& e : r.entries) entries.push_back(from_build(e));
    m->add_role(std::move(out), entries, policy, catalog);
  }
  for (const schemas::builtin_role& b : catalog.roles()) {
    if (b.scope != "project" || m->find_role(b.name) != nullptr) continue;
    role out{b.name, true, b.applies_to_users, b.applies_to_robots, {}};
    std::vector<raw_entry> entries;
    for (const schemas::role_permission& p : b.permissions) entries.push_back(from_catalog(p));
    m->add_role(std::move(out), entries, policy, catalog);
  }
  return m;
}

const role* model::find_role(std::string_view name) const {
  for (const role& r : roles_) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

std::size_t model::intern_filter(const std::string& text) {
  for (std::size_t i = 0; i < filters_.size(); ++i) {
    if (filters_[i].text == text) return i;
  }
  filter f;
  f.text = text;
  // The parse result points into the text it parsed: a copy on the heap, which stays put when
  // the filter moves (a short std::string would move its bytes along).
  f.source = std::make_unique<const std::string>(text);
  f.parsed = std::make_unique<groq::parse_result>(groq::analyze(*f.source, {groq::mode::filter, nullptr}));
  if (f.parsed->ok()) f.program = std::make_unique<eval::program>(*f.parsed, env_);
  filters_.push_back(std::move(f));
  return filters_.size() - 1;
}

void model::add_role(role r, const std::vector<raw_entry>& entries, const build::compiled& policy,
                     const schemas::catalog& catalog) {
  // Plain entries of one permission (and dataset, and `extends` origin) make one grant with
  // several actions, as the policy wrote them; each mode entry is a grant of its own.
  std::map<std::string, std::size_t> plain;
  for (const raw_entry& e : entries) {
    const auto permission = find_document_permission(e.permission, policy, catalog);
    if (!permission) continue;  // not a document permission: no document access
    const bool is_mode = e.action == "mode";
    const std::string key = fmt::format("{}\x1f{}\x1f{}", e.permission, e.dataset.value_or(""), e.via);
    if (!is_mode) {
      const auto a = action_named(e.action);
      if (!a) continue;
      if (const auto it = plain.find(key); it != plain.end()) {
        grant& g = grants_[it->second];
        grant_on(g, *a, every_kind);
        continue;
      }
    }
    grant g;
    g.role = r.name;
    g.via = e.via;
    g.permission = e.permission;
    g.filter = intern_filter(permission->filter);
    g.dataset = e.dataset;
    g.mode = is_mode;
    if (is_mode) {
      grant_mode(g, e.mode, e.history);
      g.written = fmt::format("mode = \"{}\", history = {}", e.mode, e.history);
    } else {
      grant_on(g, *action_named(e.action), every_kind);
      plain.emplace(key, grants_.size());
    }
    r.grants.push_back(grants_.size());
    grants_.push_back(std::move(g));
  }
  // The written form of plain grants, once all their actions are known.
  for (const auto& [key, index] : plain) {
    grant& g = grants_[index];
    std::vector<std::string> names;
    for (const action a : all_actions) {
      if (g.on(a) != 0) names.push_back(fmt::format("\"{}\"", name_of(a)));
    }
    g.written = fmt::format("actions = [{}]", fmt::join(names, ", "));
  }
  for (grant& g : grants_) {
    if (g.dataset && g.written.find("dataset") == std::string::npos) g.written += fmt::format(", dataset = \"{}\"", *g.dataset);
  }
  roles_.push_back(std::move(r));
}

}  // namespace rolec::decide
