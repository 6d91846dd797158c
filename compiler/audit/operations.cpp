#include "audit/operations.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "decide/decide.hpp"
#include "eval/json.hpp"

namespace rolec::audit {
namespace {

// What a form lets a role do, as far as Studio's operations ask (decide/operations.cpp).
enum fact : std::uint8_t {
  updates = 1,       // `update` on the form
  creates = 2,       // `create` on the form
  creates_copy = 4,  // `create` of its content under the other form's id (publish, unpublish)
  duplicates = 8,    // `create` of its content under `drafts.dummy-id`
};

bool has(std::uint8_t facts, fact f) { return (facts & f) != 0; }

// True when the role may do `op` on a document with these forms (null: the form does not
// exist, which Studio does not check); `applicable` says whether the operation applies at all.
bool allows(decide::operation op, const std::uint8_t* published, const std::uint8_t* draft, bool& applicable) {
  const std::uint8_t* effective = draft != nullptr ? draft : published;
  const auto check = [](const std::uint8_t* form, fact f) { return form == nullptr || has(*form, f); };
  applicable = true;
  switch (op) {
    case decide::operation::update: return has(*effective, updates);
    case decide::operation::remove: return check(draft, updates) && check(published, updates);
    case decide::operation::discard_draft:
      applicable = draft != nullptr;
      return check(draft, updates);
    case decide::operation::publish:
      applicable = draft != nullptr;
      return check(published, updates) && check(draft, updates) && check(draft, creates_copy);
    case decide::operation::unpublish:
      applicable = published != nullptr;
      return check(draft, creates) && check(published, updates) && check(published, creates_copy);
    case decide::operation::duplicate: return has(*effective, duplicates);
    case decide::operation::discard_version: applicable = false; return false;
  }
  return false;
}

}  // namespace

pair_counter::pair_counter(const decide::model& m, std::vector<const decide::role*> roles)
    : model_(m), roles_(std::move(roles)) {}

void pair_counter::add(const eval::value& value, util::arena& arena) {
  const auto id_value = value.get("_id");
  const std::string id(id_value->as_string());
  const decide::id_kind kind = decide::kind_of(id);
  if (kind == decide::id_kind::version) return;
  const std::string x = decide::published_id(id);
  const bool draft = kind == decide::id_kind::draft;

  // The form itself, then its content under the ids Studio checks for publishing (or
  // unpublishing) and duplicating. The copies cost a conversion each, only when asked for.
  std::vector<std::uint8_t> facts(roles_.size(), 0);
  const auto decide_on = [&](const eval::value& v, const std::string& v_id, decide::action a, fact f) {
    decide::filter_results(model_, v, arena, results_);
    const decide::id_kind k = decide::kind_of(v_id);
    for (std::size_t r = 0; r < roles_.size(); ++r) {
      if (decide::allowed(model_, *roles_[r], a, v_id, k, results_)) facts[r] |= f;
    }
  };
  decide::filter_results(model_, value, arena, results_);
  for (std::size_t r = 0; r < roles_.size(); ++r) {
    if (decide::allowed(model_, *roles_[r], decide::action::update, id, kind, results_)) facts[r] |= updates;
    if (decide::allowed(model_, *roles_[r], decide::action::create, id, kind, results_)) facts[r] |= creates;
  }
  nlohmann::json copy(eval::to_json(value, arena));
  const std::string other = draft ? x : "drafts." + x;
  copy["_id"] = other;
  decide_on(eval::from_nlohmann(copy, arena), other, decide::action::create, creates_copy);
  copy["_id"] = "drafts.dummy-id";
  decide_on(eval::from_nlohmann(copy, arena), "drafts.dummy-id", decide::action::create, duplicates);

  document& d = documents_[x];
  const auto type = value.get("_type");
  if (type && type->is(eval::value_type::string) && (draft || d.type.empty())) d.type = std::string(type->as_string());
  (draft ? d.has_draft : d.has_published) = true;
  (draft ? d.draft : d.published) = std::move(facts);
}

void pair_counter::merge(pair_counter&& other) {
  for (auto& [id, theirs] : other.documents_) {
    document& mine = documents_[id];
    if (theirs.has_published) {
      mine.has_published = true;
      mine.published = std::move(theirs.published);
      if (mine.type.empty()) mine.type = theirs.type;
    }
    if (theirs.has_draft) {
      mine.has_draft = true;
      mine.draft = std::move(theirs.draft);
      mine.type = theirs.type;
    }
  }
  other.documents_.clear();
}

operations_report pair_counter::summarize() const {
  operations_report out;
  out.documents = documents_.size();
  for (std::size_t r = 0; r < roles_.size(); ++r) {
    role_operations ro{roles_[r]->name, {}};
    for (const decide::operation op : audited_operations) {
      operation_count count;
      count.what = op;
      std::map<std::string, std::uint64_t> by_type;
      for (const auto& [id, d] : documents_) {
        bool applicable = false;
        const bool ok = allows(op, d.has_published ? &d.published[r] : nullptr, d.has_draft ? &d.draft[r] : nullptr, applicable);
        if (!applicable) continue;
        ++count.applicable;
        if (!ok) continue;
        ++count.allowed;
        ++by_type[d.type];
      }
      count.by_type.assign(by_type.begin(), by_type.end());
      ro.operations.push_back(std::move(count));
    }
    out.roles.push_back(std::move(ro));
  }
  return out;
}

}  // namespace rolec::audit
