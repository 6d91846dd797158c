#include "decide/explain.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "eval/json.hpp"

namespace rolec::decide {
namespace {

std::string kinds_text(kinds k) {
  if (k == every_kind) return "every document";
  if (k == draft_kinds) return "drafts and release versions only";
  std::vector<std::string> names;
  for (const id_kind each : {id_kind::published, id_kind::draft, id_kind::version}) {
    if ((k & static_cast<kinds>(each)) != 0) names.emplace_back(name_of(each));
  }
  return fmt::format("{} documents only", fmt::join(names, " and "));
}

std::string why_not(const model& m, const rule& g, const grant_verdict& v, action a, id_kind kind) {
  if (!v.role_applies) return fmt::format("role `{}` does not apply to {}", g.role, m.ctx().robot ? "robot tokens" : "users");
  if (!v.in_dataset) return fmt::format("the grant holds in dataset `{}` only", *g.dataset);
  if (v.system_refused) {
    return fmt::format("group documents (`_.groups.*`) are created and changed only through the Create Session "
                       "permission `{}`, whatever a filter says",
                       group_writer_permission);
  }
  if (!v.kind_covered) {
    return fmt::format("the grant gives `{}` on {}, and this is a {} document", name_of(a), kinds_text(g.on(a)), name_of(kind));
  }
  if (!g.broken.empty()) return fmt::format("{}, so the grant allows nothing (the policy's errors say where)", g.broken);
  if (m.filters()[g.filter].program == nullptr) return v.error;  // broken: lint's error says where
  if (!v.error.empty()) return fmt::format("the filter could not be evaluated: {}", v.error);
  return "the filter is false";
}

// Hints for the known patterns behind a denial.
class hinter {
 public:
  hinter(const model& m, const nlohmann::json& document, util::arena& arena) : m_(m), document_(document), arena_(arena) {}

  void after_filter_false(const rule& g, const check_explanation& c, const std::vector<term>& terms) {
    const filter& f = m_.filters()[g.filter];
    // A filter on `_id` that names the published document only.
    if (c.kind != id_kind::published) {
      nlohmann::json copy = document_;
      copy["_id"] = published_id(c.document_id);
      const eval::value published = eval::from_nlohmann(copy, arena_);
      std::vector<signed char> results;
      filter_results(m_, published, arena_, results);
      if (results[g.filter] == 1) {
        const std::string published_id = copy["_id"].get<std::string>();
        // A filter that names the published id misses its other versions by mistake (RC401);
        // one that tests `_id` some other way may leave them out on purpose.
        if (f.text.find(fmt::format("\"{}\"", published_id)) != std::string::npos) {
          add(fmt::format("the filter of `{}` names the published id `{}` only, so it misses this {} (`{}`): write "
                          "`sanity::versionOf(\"{}\")` to cover drafts and release versions too",
                          g.permission, published_id, name_of(c.kind), c.document_id, published_id));
        } else {
          add(fmt::format("the filter of `{}` matches the published document `{}` but leaves out its {}s, this one "
                          "(`{}`) included",
                          g.permission, published_id, name_of(c.kind), c.document_id));
        }
        return;
      }
    }
    // The clauses that decide: the false operands of a top-level `&&` or `||`, or the whole filter.
    std::vector<const term*> deciding;
    for (const term& t : terms) {
      if (t.depth == 1 && t.value == "false") deciding.push_back(&t);
    }
    if (deciding.empty() && !terms.empty()) deciding.push_back(&terms.front());
    const auto all_mention = [&](std::string_view call) {
      return !deciding.empty() && std::all_of(deciding.begin(), deciding.end(), [&](const term* t) {
        return t->text.find(call) != std::string::npos;
      });
    };
    if (all_mention("identity()") || all_mention("$identity")) {
      add(m_.ctx().identity.empty()
              ? fmt::format("`{}` is false, and `identity()` is empty: pass the user id with --identity", deciding[0]->text)
              : fmt::format("`{}` is false: `identity()` is \"{}\" here; is the document someone else's, or the id "
                            "another user's?",
                            deciding[0]->text, m_.ctx().identity));
    } else if (all_mention("user::attributes()") && m_.ctx().attributes.is_null()) {
      add(fmt::format("`{}` is false, and `user::attributes()` is null: pass the user's attributes with --attributes "
                      "(a JSON object)",
                      deciding[0]->text));
    }
  }

  void after_role_not_applying(const role& r) {
    add(m_.ctx().robot ? fmt::format("role `{}` is for users only (`applies_to_robots = false`), and a robot token asked", r.name)
                       : fmt::format("role `{}` is for robot tokens only (`applies_to_users = false`)", r.name));
  }

  void add(std::string hint) {
    for (const std::string& h : hints_) {
      if (h == hint) return;
    }
    hints_.push_back(std::move(hint));
  }

  std::vector<std::string> take() { return std::move(hints_); }

 private:
  const model& m_;
  const nlohmann::json& document_;
  util::arena& arena_;
  std::vector<std::string> hints_;
};

check_explanation explain_check(const model& m, const std::vector<std::string>& roles, action a,
                                const nlohmann::json& document, util::arena& arena) {
  const eval::value value = eval::from_nlohmann(document, arena);
  const decision d = decide(m, roles, a, value, arena);
  check_explanation c;
  c.what = a;
  c.document_id = d.document_id;
  c.kind = d.kind;
  c.allowed = d.allowed;
  c.public_read = d.public_read;
  hinter hints(m, document, arena);
  const auto grants = m.rules();
  for (const grant_verdict& v : d.verdicts) {
    const rule& g = grants[v.rule];
    if (d.allowed) {
      if (v.allows()) c.grants.push_back({v.rule, true, "allows", {}});
      continue;
    }
    if (!v.action_granted) continue;
    grant_explanation e{v.rule, false, why_not(m, g, v, a, d.kind), {}};
    if (v.evaluated) e.terms = explain_filter(m, g.filter, value, arena);
    if (!v.role_applies) hints.after_role_not_applying(*m.find_role(g.role));
    if (v.evaluated && !v.filter_true && v.error.empty()) hints.after_filter_false(g, c, e.terms);
    c.grants.push_back(std::move(e));
  }
  if (!d.allowed) {
    // Grants that match the document but do not give this action.
    std::vector<signed char> results;
    filter_results(m, value, arena, results);
    for (const grant_verdict& v : d.verdicts) {
      const rule& g = grants[v.rule];
      if (v.action_granted || results[g.filter] != 1) continue;
      hints.add(fmt::format("`{}` ({}) matches this document but does not give `{}`", g.permission, g.written, name_of(a)));
    }
    if (m.ctx().anonymous) {
      hints.add(m.ctx().dataset && !m.ctx().public_dataset
                    ? fmt::format("an anonymous visitor holds no role, and dataset `{}` is not public (the policy's "
                                  "`public_datasets` does not list it): it may do nothing there",
                                  *m.ctx().dataset)
                    : std::string("an anonymous visitor holds no role: it may only read the documents under the root "
                                  "path (ids without a dot) of a public dataset"));
    }
    if (builtin_group(d.document_id) && writes(a)) {
      hints.add(fmt::format("`{}` is a built-in group: the API changes it for no one; its members are managed in the "
                            "project's settings",
                            d.document_id));
    }
    if (c.grants.empty() && d.verdicts.empty() && d.unknown_roles.size() < roles.size()) {
      hints.add("the roles have no grant on documents at all");
    }
  }
  c.hints = hints.take();
  return c;
}

}  // namespace

explanation explain(const model& m, const std::vector<std::string>& roles, std::string_view asked,
                    const document_forms& forms, bool live_edit) {
  util::arena arena;
  explanation out;
  out.asked = std::string(asked);
  out.id = forms.id;
  for (const auto* form : {&forms.published, &forms.draft, &forms.version}) {
    if (*form) out.forms.push_back((**form)["_id"].get<std::string>());
  }
  out.live_edit = live_edit;
  out.roles = roles;
  for (const std::string& r : roles) {
    if (m.find_role(r) == nullptr) out.unknown_roles.push_back(r);
  }
  const std::vector<check> checks = checks_of(asked, forms, live_edit);
  // Studio's shortcuts (a form that does not exist, an operation with no checks) assume a login:
  // a visitor without a token changes nothing.
  const bool visitor_writes = m.ctx().anonymous && !reads_only(checks);
  for (const check& c : checks) {
    if (c.document) {
      out.checks.push_back(explain_check(m, roles, c.what, *c.document, arena));
    } else {
      check_explanation absent;
      absent.what = c.what;
      absent.document_id = c.id;
      absent.kind = kind_of(c.id);
      absent.exists = false;
      absent.allowed = !visitor_writes;
      out.checks.push_back(std::move(absent));
    }
    out.checks.back().purpose = c.purpose;
  }
  out.allowed = !visitor_writes;
  out.visitor_writes = visitor_writes;
  for (const check_explanation& c : out.checks) out.allowed = out.allowed && c.allowed;
  return out;
}

bool single_action(const explanation& e) {
  return e.checks.size() == 1 && e.checks[0].exists && name_of(e.checks[0].what) == e.asked;
}

}  // namespace rolec::decide
