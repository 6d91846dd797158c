#pragma once
/// `rolec explain`: whether roles may do an action on a document, and why, offline.

#include <optional>
#include <string>
#include <vector>

#include "cli/common.hpp"

namespace rolec::cli {

/// Options of `rolec explain`.
struct explain_options {
  std::vector<std::string> paths{"."};
  std::vector<std::string> roles;
  std::string action;                  ///< an action, `publish` or `delete`; may come from `error_file`
  std::string document_file;           ///< a JSON document
  std::string id;                      ///< or only its id
  std::string identity;
  std::string attributes;              ///< JSON: `user::attributes()`
  bool robot = false;
  std::optional<std::string> dataset;
  std::optional<std::string> now;
  std::optional<std::string> env;
  std::string error_file;              ///< a mutation error body (a 403) to take the action from
  format output_format = format::human;
};

/// Runs `rolec explain`; returns the process exit code (0 allowed, 1 denied, 3 could not run).
[[nodiscard]] int run_explain(const explain_options& options);

/// The action a Content Lake mutation error names (`Insufficient permissions; permission
/// "update" required`), or nothing with `error` set.
[[nodiscard]] std::optional<std::string> action_of_error(const std::string& body, std::string& error);

}  // namespace rolec::cli
