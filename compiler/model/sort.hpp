#pragma once
// Sorting grants by a key computed once per grant (internal to the model).

#include <algorithm>
#include <utility>
#include <vector>

#include "model/resources.hpp"

namespace rolec::model {

/// Sorts `grants` by `key(grant)`, keeping equal keys in their order; with `unique`, keeps the
/// first grant of each key only.
template<typename Key>
void sort_grants(std::vector<grant>& grants, Key key, bool unique) {
  using key_type = decltype(key(grants.front()));
  std::vector<std::pair<key_type, grant>> keyed;
  keyed.reserve(grants.size());
  for (grant& g : grants) {
    key_type k = key(g);
    keyed.emplace_back(std::move(k), std::move(g));
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  if (unique) {
    keyed.erase(std::unique(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
                keyed.end());
  }
  grants.clear();
  for (auto& [k, g] : keyed) grants.push_back(std::move(g));
}

}  // namespace rolec::model
