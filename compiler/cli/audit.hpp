#pragma once
/// `rolec audit`: how many documents of a dataset export each role reaches, per action.

#include <optional>
#include <string>
#include <vector>

#include "cli/common.hpp"

namespace rolec::cli {

/// Output formats of `rolec audit`.
enum class audit_format { human, json, csv };

/// Options of `rolec audit`.
struct audit_options {
  std::vector<std::string> paths{"."};
  std::string documents;                  ///< NDJSON (a dataset export); `-`: standard input
  std::vector<std::string> roles;         ///< empty: every custom role of the policy
  std::string identity;                   ///< `identity()`
  std::optional<std::string> attributes;  ///< `user::attributes()`, a JSON object
  bool robot = false;                     ///< a robot token rather than a user
  std::optional<std::string> dataset;     ///< grants with `params.dataset` hold in this dataset only
  std::optional<std::string> now;         ///< `now()`, RFC 3339 (default: the current time)
  audit_format output = audit_format::human;
  unsigned threads = 0;                   ///< 0: one per core
  bool operations = false;                ///< also count Studio's operations, by document
};

/// Runs `rolec audit`; returns the process exit code.
[[nodiscard]] int run_audit(const audit_options& options);

}  // namespace rolec::cli
