#include "analyze/check.hpp"

#include <algorithm>

#include "decide/decide.hpp"
#include "eval/json.hpp"

namespace rolec::analyze {

asked asked_named(const std::string& name) {
  asked a{name, decide::action_named(name), std::nullopt};
  if (!a.plain) a.op = decide::operation_named(name);
  return a;
}

namespace {

std::string principal_key(const principal& who) {
  return who.identity + '\x1f' + who.attributes.dump() + '\x1f' + (who.robot ? "1" : "0") + '\x1f' +
         who.dataset.value_or("\x1e") + '\x1f' + who.now.value_or("\x1e");
}

}  // namespace

const decide::model* model_cache::get(const side& s, const std::vector<std::string>& roles, const principal& who) {
  std::string key = principal_key(who);
  for (const std::string& r : roles) key += '\x1d' + r;
  auto& slot = models_[key];
  if (slot == nullptr) {
    decide::context ctx;
    ctx.identity = who.identity;
    ctx.attributes = who.attributes;
    ctx.robot = who.robot;
    ctx.dataset = who.dataset;
    ctx.now = who.now;
    std::string error;
    slot = decide::model::make(*s.policy, s.project_id, ctx, error, &roles);
  }
  return slot.get();
}

const checker::prepared* checker::model_for(const principal& who) {
  if (last_who_ && last_slot_ != nullptr && last_who_->identity == who.identity && last_who_->robot == who.robot &&
      last_who_->dataset == who.dataset && last_who_->now == who.now && last_who_->anonymous == who.anonymous &&
      last_who_->attributes == who.attributes) {
    return last_slot_;
  }
  prepared& slot = models_[principal_key(who)];
  last_who_ = who;
  last_slot_ = &slot;
  if (slot.model == nullptr) {
    slot.model = cache_->get(side_, subject_.roles, who);
    if (slot.model == nullptr) return nullptr;
    if (subject_.where != nullptr && subject_.where->ok()) slot.where = slot.model->prepare(*subject_.where);
  }
  return &slot;
}

std::optional<std::vector<cause>> checker::allowing(const asked& q, const std::vector<nlohmann::json>& documents,
                                                    const principal& who) {
  if (subject_.roles.empty() && !subject_.anything) return std::nullopt;  // no role allows anything
  if (subject_.robot && who.robot != *subject_.robot) return std::nullopt;
  const prepared* p = model_for(who);
  if (p == nullptr || p->model == nullptr || documents.empty()) return std::nullopt;
  const decide::model* m = p->model;
  if (!subject_.group_documents) {
    for (const nlohmann::json& d : documents) {
      const std::string id = d.value("_id", "");
      if (id.starts_with("_.groups.") || decide::published_id(id).starts_with("_.groups.")) return std::nullopt;
    }
  }
  if (!subject_.nested_forms && q.op) {
    for (const nlohmann::json& d : documents) {
      const std::string id = d.value("_id", "");
      const std::string published = id.starts_with("drafts.") ? id.substr(7) : id;
      if (published.starts_with("drafts.") || published.starts_with("versions.")) return std::nullopt;
    }
  }
  util::arena arena;
  if (subject_.where != nullptr) {
    if (p->where == nullptr) return std::nullopt;
    for (const nlohmann::json& d : documents) {
      try {
        if (!p->where->matches(eval::from_nlohmann(d, arena), arena)) return std::nullopt;
      } catch (const eval::eval_error&) {
        return std::nullopt;
      }
    }
  }
  if (q.plain && (subject_.id_kinds & static_cast<decide::kinds>(decide::kind_of(documents.front().value("_id", "")))) == 0) {
    return std::nullopt;
  }
  std::vector<std::pair<decide::action, const nlohmann::json*>> checks;
  std::vector<decide::check> operation_checks;
  if (q.plain) {
    checks.emplace_back(*q.plain, &documents.front());
  } else {
    std::string error;
    const auto forms = decide::forms_of(documents, error);
    if (!forms) return std::nullopt;  // not the forms of one document: nobody acts on them
    operation_checks = decide::checks_of(q.name, *forms, false);
    for (const decide::check& c : operation_checks) {
      if (c.document) checks.emplace_back(c.what, &*c.document);
    }
  }
  if (subject_.anything) return std::vector<cause>{};
  std::vector<cause> out;
  for (const auto& [a, doc] : checks) {
    const decide::decision d = decide::decide(*m, subject_.roles, a, eval::from_nlohmann(*doc, arena), arena);
    const auto counts = [&](const decide::grant_verdict& v) {
      const resolve::grant* from = m->rules()[v.rule].from;
      return v.allows() && (subject_.only_grant == nullptr || from == subject_.only_grant) &&
             std::find(subject_.except_grants.begin(), subject_.except_grants.end(), from) == subject_.except_grants.end();
    };
    const bool some_grant = subject_.only_grant != nullptr || !subject_.except_grants.empty();
    if (some_grant ? std::none_of(d.verdicts.begin(), d.verdicts.end(), counts) : !d.allowed) return std::nullopt;
    for (const decide::grant_verdict& v : d.verdicts) {
      if (!counts(v)) continue;
      const decide::rule& g = m->rules()[v.rule];
      const bool known = std::any_of(out.begin(), out.end(), [&](const cause& c) { return c.grant == g.from; });
      if (!known) out.push_back(cause{g.permission, g.written, g.from});
    }
  }
  return out;
}

}  // namespace rolec::analyze
