#include "audit/audit.hpp"

#include <algorithm>

namespace rolec::audit {

void by_kind::add(decide::id_kind k, std::uint64_t n) {
  switch (k) {
    case decide::id_kind::published: published += n; break;
    case decide::id_kind::draft: drafts += n; break;
    case decide::id_kind::version: versions += n; break;
  }
}

by_kind& by_kind::operator+=(const by_kind& other) {
  published += other.published;
  drafts += other.drafts;
  versions += other.versions;
  return *this;
}

std::size_t tally::type_index(std::string_view type) {
  const auto found = index_.find(type);
  if (found != index_.end()) return found->second;
  const std::size_t t = types_.size();
  types_.emplace_back(type);
  index_.emplace(types_.back(), t);
  counts_.resize(counts_.size() + stride());
  return t;
}

void tally::add(std::string_view type, decide::id_kind kind, std::span<const action_mask> reached) {
  by_kind* row = &counts_[type_index(type) * stride()];
  row->add(kind);
  ++row;
  for (std::size_t r = 0; r < roles_; ++r, row += decide::all_actions.size()) {
    for (action_mask m = reached[r], a = 0; m != 0; m >>= 1, ++a) {
      if ((m & 1) != 0) row[a].add(kind);
    }
  }
}

void tally::merge(const tally& other) {
  for (std::size_t t = 0; t < other.types_.size(); ++t) {
    const std::size_t mine = type_index(other.types_[t]);
    for (std::size_t i = 0; i < stride(); ++i) counts_[mine * stride() + i] += other.counts_[t * stride() + i];
  }
}

report summarize(const tally& counts, std::span<const std::string> roles) {
  std::vector<std::size_t> order(counts.types().size());
  for (std::size_t t = 0; t < order.size(); ++t) order[t] = t;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return counts.types()[a] < counts.types()[b]; });

  report out;
  for (const std::size_t t : order) {
    out.documents += counts.documents(t);
    out.by_type.emplace_back(counts.types()[t], counts.documents(t));
  }
  for (std::size_t r = 0; r < roles.size(); ++r) {
    role_count rc{roles[r], {}};
    for (std::size_t a = 0; a < decide::all_actions.size(); ++a) {
      action_count ac;
      ac.what = decide::all_actions[a];
      for (const std::size_t t : order) {
        const by_kind& n = counts.reached(t, r, a);
        if (n.total() == 0) continue;
        ac.reached += n;
        ac.by_type.emplace_back(counts.types()[t], n);
      }
      rc.actions.push_back(std::move(ac));
    }
    out.roles.push_back(std::move(rc));
  }
  return out;
}

counter::counter(const decide::model& m, std::vector<const decide::role*> roles)
    : model_(m), roles_(std::move(roles)), reached_(roles_.size()), counts_(roles_.size()) {}

void counter::add(const eval::value& document, util::arena& arena) {
  const auto id_value = document.get("_id");
  const std::string_view id = id_value && id_value->is(eval::value_type::string) ? id_value->as_string() : std::string_view();
  const decide::id_kind kind = decide::kind_of(id);
  const auto type = document.get("_type");
  decide::filter_results(model_, document, arena, results_);
  for (std::size_t r = 0; r < roles_.size(); ++r) {
    action_mask m = 0;
    for (std::size_t a = 0; a < decide::all_actions.size(); ++a) {
      if (decide::allowed(model_, *roles_[r], decide::all_actions[a], id, kind, results_)) m |= static_cast<action_mask>(1u << a);
    }
    reached_[r] = m;
  }
  counts_.add(type && type->is(eval::value_type::string) ? type->as_string() : std::string_view(), kind, reached_);
}

}  // namespace rolec::audit
