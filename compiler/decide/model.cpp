#include "decide/model.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "eval/json.hpp"

namespace rolec::decide {
namespace {

void grant_on(rule& g, const rolec::model::document_scope& s) {
  for (std::size_t i = 0; i < s.size(); ++i) g.scope[i] |= s[i];
}

}  // namespace

std::unique_ptr<model> model::make(const resolve::resolved_policy& policy, const std::optional<std::string>& project_id,
                                   const context& ctx, std::string& error, const std::vector<std::string>* only) {
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
  // `$identity`, the user id as Studio passes it to the filters it checks.
  m->env_.parameters.emplace("identity", eval::from_nlohmann(nlohmann::json(ctx.identity), m->env_arena_));
  if (!ctx.attributes.is_null()) m->env_.user_attributes = eval::from_nlohmann(ctx.attributes, m->env_arena_);
  if (ctx.dataset) m->env_.dataset_name = *ctx.dataset;
  if (project_id) m->env_.project_id = *project_id;

  // Custom roles by name, then the built-in ones in catalogue order.
  std::vector<const resolve::role*> custom, builtin;
  if (only != nullptr) {
    // The roles asked for alone, found by name: a question about a few roles of a large policy
    // costs what those roles cost.
    for (const std::string& name : *only) {
      const resolve::role* r = policy.find_role(name);
      if (r == nullptr) continue;
      auto& list = r->builtin() ? builtin : custom;
      if (std::find(list.begin(), list.end(), r) == list.end()) list.push_back(r);
    }
    std::sort(builtin.begin(), builtin.end());  // their order in the policy: the catalogue's
  } else {
    for (const resolve::role& r : policy.custom_roles()) custom.push_back(&r);
    for (std::size_t i = policy.custom_role_count; i < policy.roles.size(); ++i) builtin.push_back(&policy.roles[i]);
  }
  std::sort(custom.begin(), custom.end(), [](const auto* a, const auto* b) { return a->name() < b->name(); });
  for (const resolve::role* r : custom) m->add_role(*r);
  for (const resolve::role* r : builtin) m->add_role(*r);
  for (std::size_t i = 0; i < m->roles_.size(); ++i) m->role_index_.emplace(m->roles_[i].name, i);
  return m;
}

bool writes(action a) { return a == action::create || a == action::update || a == action::manage; }

bool system_refuses(const rule& g, action a, std::string_view id) {
  return writes(a) && id.starts_with("_.groups.") && !g.writes_groups;
}

bool builtin_group(std::string_view id) {
  constexpr std::string_view prefix = "_.groups.";
  if (!id.starts_with(prefix)) return false;
  const std::string_view name = id.substr(prefix.size());
  for (const std::string_view builtin : {"administrator", "create-session", "public", "read", "write"}) {
    if (name == builtin) return true;
  }
  return name.starts_with("sanity.");
}

const role* model::find_role(std::string_view name) const {
  const auto it = role_index_.find(name);
  return it == role_index_.end() ? nullptr : &roles_[it->second];
}

std::size_t model::nothing_filter() {
  if (!nothing_filter_) {
    nothing_filter_ = filters_.size();
    filters_.push_back(filter{});  // no text, no program: true for no document
  }
  return *nothing_filter_;
}

std::size_t model::intern_filter(const resolve::filter& f) {
  const auto [it, added] = filter_index_.emplace(&f, filters_.size());
  if (!added) return it->second;
  filter prepared;
  prepared.text = std::string(f.trimmed());
  prepared.parsed = &f.parsed();
  if (f.ok()) prepared.program = std::make_unique<eval::program>(f.parsed(), env_);
  filters_.push_back(std::move(prepared));
  return filters_.size() - 1;
}

void model::add_role(const resolve::role& resolved) {
  role r{resolved.name(), resolved.builtin(), resolved.value.applies_to_users, resolved.value.applies_to_robots, {}};
  // Plain grants of one permission (and dataset, and `extends` origin) make one grant with
  // several actions, as the policy wrote them; each mode grant is a grant of its own.
  std::map<std::string, std::size_t> plain;
  const std::size_t first = rules_.size();
  for (const std::size_t index : resolved.sent) {
    const resolve::grant& from = resolved.effective[index];
    const rolec::model::grant& sent = from.value;
    const resolve::permission* target = from.target;
    // A grant of a permission that does not exist (the policy has errors) allows nothing; it is
    // kept so that explanations can say so. Other permissions without a filter are not on documents.
    const bool unknown = target == nullptr;
    if (!unknown && target->filter == nullptr) continue;
    const bool is_mode = sent.action.is_mode();
    const std::string via(from.from.via());
    const std::string key = fmt::format("{}\x1f{}\x1f{}", sent.permission, sent.dataset.value_or(""), via);
    const auto a = action_named(sent.action.name);
    if (!is_mode) {
      if (!a) continue;
      if (const auto it = plain.find(key); it != plain.end()) {
        grant_on(rules_[it->second], rolec::model::allowed_by(*a));
        continue;
      }
    }
    rule g;
    g.role = r.name;
    g.via = via;
    g.permission = sent.permission;
    g.from = &from;
    g.filter = unknown ? nothing_filter() : intern_filter(*target->filter);
    if (unknown) g.broken = fmt::format("permission `{}` does not exist", sent.permission);
    g.dataset = sent.dataset;
    g.mode = is_mode;
    g.writes_groups = sent.permission == group_writer_permission;
    if (is_mode) {
      if (const auto level = sent.action.level()) grant_on(g, rolec::model::allowed_by(*level, sent.history.value_or(false)));
      g.written = fmt::format("mode = \"{}\", history = {}", sent.action.mode.value_or(""), sent.history.value_or(false));
    } else {
      grant_on(g, rolec::model::allowed_by(*a));
      plain.emplace(key, rules_.size());
    }
    r.rules.push_back(rules_.size());
    rules_.push_back(std::move(g));
  }
  // The written form of plain grants, once all their actions are known.
  for (const auto& [key, index] : plain) {
    rule& g = rules_[index];
    std::vector<std::string> names;
    for (const action a : all_actions) {
      if (g.on(a) != 0) names.push_back(fmt::format("\"{}\"", name_of(a)));
    }
    g.written = fmt::format("actions = [{}]", fmt::join(names, ", "));
  }
  for (std::size_t i = first; i < rules_.size(); ++i) {
    rule& g = rules_[i];
    if (g.dataset) g.written += fmt::format(", dataset = \"{}\"", *g.dataset);
  }
  roles_.push_back(std::move(r));
}

}  // namespace rolec::decide
