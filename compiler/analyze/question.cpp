#include "analyze/question.hpp"

#include "decide/operations.hpp"

namespace rolec::analyze {

using decide::action;
using decide::operation;

question::question(world& w, const asked& q) : w_(w), z_(w.z()), q_(q) {
  if (q.plain) {
    single_ = document{"d0", z_.string_var("id")};
    constraints_.push_back(well_formed(single_.id));
    return;
  }
  x_ = z_.string_var("x");
  draft_exists_ = z_.boolean_var("draft_exists");
  published_exists_ = z_.boolean_var("published_exists");
  draft_ = document{"d0", z_.concat(z_.text("drafts."), x_)};
  draft_as_published_ = document{"d0", x_};
  published_ = document{"d1", x_};
  constraints_.push_back(z_.less(z_.integer(0), z_.length(x_)));
  // `x` is what Studio (decide::forms_of) takes as the published id: a draft `drafts.x` may
  // name one that is itself a draft or release version id (`drafts.versions.r.y`), which
  // then has no published form.
  const Z3_ast other_form = z_.either(z_.prefix_of(z_.text("drafts."), x_), z_.prefix_of(z_.text("versions."), x_));
  constraints_.push_back(z_.implies(other_form, z_.negation(published_exists_)));
  constraints_.push_back(z_.either(draft_exists_, published_exists_));
}

Z3_ast question::allows(const decide::model& m, const decide::role* r, const std::function<bool(const decide::rule&)>& counts) {
  if (r == nullptr) return z_.no();
  if (q_.plain) return may(m, *r, *q_.plain, single_, counts);
  const Z3_ast update_draft = z_.implies(draft_exists_, may(m, *r, action::update, draft_, counts));
  const Z3_ast update_published = z_.implies(published_exists_, may(m, *r, action::update, published_, counts));
  if (*q_.op == operation::remove) return z_.both(update_draft, update_published);
  // publish: replace the published document, delete the draft, create the published one from it.
  const Z3_ast create = z_.implies(draft_exists_, may(m, *r, action::create, draft_as_published_, counts));
  return z_.all({update_published, update_draft, create});
}

Z3_ast question::matches(const groq::parse_result& parsed) {
  if (q_.plain) return w_.holds(parsed, single_);
  return z_.both(z_.implies(draft_exists_, w_.holds(parsed, draft_)), z_.implies(published_exists_, w_.holds(parsed, published_)));
}

Z3_ast question::outside_groups() {
  return z_.negation(z_.prefix_of(z_.text("_.groups."), q_.plain ? single_.id : x_));
}

Z3_ast question::id_of(decide::kinds ks) { return q_.plain ? kind_is(single_.id, ks) : z_.yes(); }

Z3_ast question::plain_forms() {
  if (q_.plain) return z_.yes();
  return z_.negation(z_.either(z_.prefix_of(z_.text("drafts."), x_), z_.prefix_of(z_.text("versions."), x_)));
}

std::vector<nlohmann::json> question::documents(const solution& s) const {
  if (q_.plain) return {w_.document_json(s, "d0", s.text(single_.id))};
  const std::string x = s.text(x_);
  std::vector<nlohmann::json> out;
  if (s.boolean(draft_exists_)) out.push_back(w_.document_json(s, "d0", "drafts." + x));
  if (s.boolean(published_exists_)) out.push_back(w_.document_json(s, "d1", x));
  return out;
}

witness question::witness_of(const solution& s) const {
  witness found;
  found.documents = documents(s);
  found.who.identity = s.text(w_.identity());
  found.who.robot = s.boolean(w_.robot());
  found.who.attributes = w_.attributes_json(s);
  if (w_.uses_dataset()) found.who.dataset = s.text(w_.dataset());
  if (w_.uses_now()) found.who.now = format_instant(s.integer(w_.now()));
  return found;
}

// A document id: not empty, and a draft names a document. (Release version ids are held to
// their form only where a filter reads it: see world::version_parts.)
Z3_ast question::well_formed(Z3_ast id) {
  const Z3_ast length = z_.length(id);
  return z_.both(z_.less(z_.integer(0), length),
                 z_.implies(z_.prefix_of(z_.text("drafts."), id), z_.less(z_.integer(7), length)));
}

Z3_ast question::kind_is(Z3_ast id, decide::kinds ks) {
  const Z3_ast draft = z_.prefix_of(z_.text("drafts."), id);
  const Z3_ast version = z_.prefix_of(z_.text("versions."), id);
  std::vector<Z3_ast> cases;
  if ((ks & static_cast<decide::kinds>(decide::id_kind::published)) != 0) {
    cases.push_back(z_.both(z_.negation(draft), z_.negation(version)));
  }
  if ((ks & static_cast<decide::kinds>(decide::id_kind::draft)) != 0) cases.push_back(draft);
  if ((ks & static_cast<decide::kinds>(decide::id_kind::version)) != 0) cases.push_back(version);
  return cases.size() == 3 ? z_.yes() : z_.any(cases);
}

Z3_ast question::may(const decide::model& m, const decide::role& r, action a, const document& d,
                     const std::function<bool(const decide::rule&)>& counts) {
  const Z3_ast applies = r.applies_to_users && r.applies_to_robots ? z_.yes()
                         : r.applies_to_robots                     ? w_.robot()
                         : r.applies_to_users                      ? z_.negation(w_.robot())
                                                                   : z_.no();
  const auto rules = m.rules();
  const auto filters = m.filters();
  std::vector<Z3_ast> grants;
  for (const std::size_t index : r.rules) {
    const decide::rule& g = rules[index];
    const decide::kinds ks = g.on(a);
    if (ks == 0 || !g.broken.empty() || filters[g.filter].program == nullptr || (counts && !counts(g))) continue;
    std::vector<Z3_ast> parts{kind_is(d.id, ks)};
    if (g.dataset) {
      w_.use_dataset();
      parts.push_back(z_.equal(w_.dataset(), z_.text(*g.dataset)));
    }
    if (decide::writes(a) && !g.writes_groups) parts.push_back(z_.negation(z_.prefix_of(z_.text("_.groups."), d.id)));
    parts.push_back(w_.holds(*filters[g.filter].parsed, d));
    grants.push_back(z_.all(parts));
  }
  return z_.both(applies, z_.any(grants));
}

}  // namespace rolec::analyze
