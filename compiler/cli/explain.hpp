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
  std::string action;                  ///< an action or operation; may come from `error_file`
  std::vector<std::string> document_files;  ///< JSON documents: the forms of one document
  std::string id;                      ///< or only its id
  bool live_edit = false;              ///< the document's type is live-edit
  std::string identity;
  std::string attributes;              ///< JSON: `user::attributes()`
  bool robot = false;
  bool anonymous = false;              ///< a visitor without a token (no role)
  std::optional<std::string> dataset;
  std::optional<std::string> now;
  std::optional<std::string> env;
  std::string error_file;              ///< a mutation error body (a 403) to take the action from
  format output_format = format::human;
};

/// Runs `rolec explain`; returns the process exit code (0 allowed, 1 denied, 3 could not run).
[[nodiscard]] int run_explain(const explain_options& options);

/// One permission a 403 says a request lacked.
struct refusal {
  long index = -1;         ///< the mutation's index in the request (-1: the error does not say)
  std::string permission;  ///< `update`, ...
};

/// What a Content Lake 403 says was missing: one refusal per item of a mutation error, or the one
/// permission another body names (the short `{"statusCode": 403, "message": ...}` form, plain
/// text). Empty, with `error` set, when the body names no permission.
[[nodiscard]] std::vector<refusal> refusals_of_error(const std::string& body, std::string& error);

}  // namespace rolec::cli
