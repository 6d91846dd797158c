#pragma once
/// The canonical form of resources: one value per meaning, so that order and formatting are never
/// a change. Grants are a set (sorted, each once), an absent description is "", and filters are
/// compared by their canonical GROQ text, which the caller supplies (resolve::filter_set prints it
/// from the one parse of each filter). The JSON form is what a plan file records of live state.

#include <nlohmann/json.hpp>

#include "model/resources.hpp"

namespace rolec::model {

/// `p` with its filter replaced by `canonical_filter` (when it has one).
[[nodiscard]] permission canonical(permission p, const std::optional<std::string>& canonical_filter);
/// `r` with its grants sorted and each once.
[[nodiscard]] role canonical(role r);

/// True when two canonical permissions mean the same: title, description, type and filter.
[[nodiscard]] bool same(const permission& a, const permission& b);
/// True when two canonical roles mean the same: title, description, audiences and grants.
[[nodiscard]] bool same(const role& a, const role& b);

/// A grant as the canonical JSON has it: `{"action", "name", "params"}` (params always present).
[[nodiscard]] nlohmann::json canonical_json(const grant& g);
/// `{"description", "filter"?, "title", "type"}` of a canonical permission.
[[nodiscard]] nlohmann::json canonical_json(const permission& p);
/// `{"appliesToRobots", "appliesToUsers", "description", "permissions", "title"}` of a canonical
/// role, its grants in canonical JSON order.
[[nodiscard]] nlohmann::json canonical_json(const role& r);
/// Sorts grants in the order of their canonical JSON (how plans list them).
void sort_canonical(std::vector<grant>& grants);

}  // namespace rolec::model
