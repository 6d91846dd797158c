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

const decide::model* checker::model_for(const principal& who) {
  std::string key = who.identity + '\x1f' + who.attributes.dump() + '\x1f' + (who.robot ? "1" : "0") + '\x1f' +
                    who.dataset.value_or("\x1e") + '\x1f' + who.now.value_or("\x1e");
  auto& slot = models_[key];
  if (slot == nullptr) {
    decide::context ctx;
    ctx.identity = who.identity;
    ctx.attributes = who.attributes;
    ctx.robot = who.robot;
    ctx.dataset = who.dataset;
    ctx.now = who.now;
    std::string error;
    const std::vector<std::string> only{role_};
    slot = decide::model::make(*side_.policy, side_.project_id, ctx, error, &only);
  }
  return slot.get();
}

std::optional<std::vector<cause>> checker::allowing(const asked& q, const std::vector<nlohmann::json>& documents,
                                                    const principal& who) {
  const decide::model* m = model_for(who);
  if (m == nullptr || documents.empty()) return std::nullopt;
  std::vector<std::pair<decide::action, const nlohmann::json*>> checks;
  std::vector<decide::check> operation_checks;
  if (q.plain) {
    checks.emplace_back(*q.plain, &documents.front());
  } else {
    std::string error;
    const auto forms = decide::forms_of(documents, error);
    if (!forms) return std::nullopt;
    operation_checks = decide::checks_of(q.name, *forms, false);
    for (const decide::check& c : operation_checks) {
      if (c.document) checks.emplace_back(c.what, &*c.document);
    }
  }
  util::arena arena;
  std::vector<cause> out;
  for (const auto& [a, doc] : checks) {
    const decide::decision d = decide::decide(*m, {role_}, a, eval::from_nlohmann(*doc, arena), arena);
    if (!d.allowed) return std::nullopt;
    for (const decide::grant_verdict& v : d.verdicts) {
      if (!v.allows()) continue;
      const decide::rule& g = m->rules()[v.rule];
      const bool known = std::any_of(out.begin(), out.end(), [&](const cause& c) { return c.grant == g.from; });
      if (!known) out.push_back(cause{g.permission, g.written, g.from});
    }
  }
  return out;
}

}  // namespace rolec::analyze
