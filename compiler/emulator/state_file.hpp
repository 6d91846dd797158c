#pragma once
/// The state file (docs/emulator.md): every project with its custom permissions, custom roles
/// and users, items in the form the Access API returns them.

#include <string>

#include "emulator/reply.hpp"
#include "emulator/store.hpp"

namespace rolec::emulator {

/// The `format_version` of the state files this version reads and writes.
inline constexpr const char* state_format_version = "1";

/// The state file's content for `s`; `GET /__emulator/state` answers the same.
[[nodiscard]] json state_json(const state& s);

/// Adds the projects of a state file (or of a one-project `rolec pull` file) to `into`, each
/// item checked as the API checks a request. Throws std::runtime_error naming the place of
/// the first problem.
void load_state(const json& document, store& into);

}  // namespace rolec::emulator
