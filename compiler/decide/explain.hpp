#pragma once
/// Why a decision came out as it did, as data: the grants that allow an action, or, for a
/// denial, every grant that could have allowed it with the parts of its filter and their values,
/// and hints for the known patterns. `rolec explain` and `rolec test` render it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "decide/decide.hpp"
#include "decide/operations.hpp"

namespace rolec::decide {

/// One grant and what it did for one check.
struct grant_explanation {
  std::size_t rule = 0;   ///< index into model::rules()
  bool allows = false;
  std::string verdict;     ///< `allows`, or why not: `the filter is false`, ...
  std::vector<term> terms; ///< the filter's parts (for grants whose filter was evaluated)
};

/// One action on one document id, decided.
struct check_explanation {
  action what = action::read;
  std::string purpose;     ///< why an operation needs it (empty for a plain action)
  std::string document_id;
  id_kind kind = id_kind::published;
  bool exists = true;      ///< false: the form does not exist, so Studio grants it unchecked
  bool public_read = false;  ///< allowed to anyone: a root-path document of a public dataset
  bool allowed = false;
  std::vector<grant_explanation> grants;  ///< allowed: the grants that allow; denied: every candidate
  std::vector<std::string> hints;
};

/// A whole answer: one check for an action, one or more (or none) for an operation.
struct explanation {
  std::string asked;                       ///< the action or operation as asked
  std::string id;                          ///< the published id of the document asked about
  std::vector<std::string> forms;          ///< the ids of the forms given
  bool live_edit = false;
  bool visitor_writes = false;             ///< an anonymous visitor asked for an operation that writes
  std::vector<std::string> roles;
  std::vector<std::string> unknown_roles;
  bool allowed = false;
  std::vector<check_explanation> checks;
};

/// Explains `asked` (an action or operation name, already validated) on the forms of a document,
/// for the union of `roles`.
[[nodiscard]] explanation explain(const model& m, const std::vector<std::string>& roles, std::string_view asked,
                                  const document_forms& forms, bool live_edit);

/// True when `e` reads as one action on one document (no operation around it).
[[nodiscard]] bool single_action(const explanation& e);

/// The JSON form (`rolec explain --format json`).
[[nodiscard]] nlohmann::ordered_json to_json(const model& m, const explanation& e);

/// The human form; `indent` prefixes every line (tests nest it).
[[nodiscard]] std::string render_human(const model& m, const explanation& e, std::string_view indent = "");

}  // namespace rolec::decide
