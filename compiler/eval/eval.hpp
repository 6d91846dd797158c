#pragma once
/// Stage `eval`: GROQ-1 semantics for join-free expressions, on a parsed and validated query.
///
/// A `program` prepares a query once (constant sub-expressions such as `path("drafts.**")`,
/// `dateTime("2024-01-01T00:00:00Z")` or `["post", "page"]` are computed and kept) and then
/// evaluates it against any number of documents.

#include <deque>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "eval/datetime.hpp"
#include "eval/path_glob.hpp"
#include "eval/value.hpp"
#include "groq/parse.hpp"
#include "util/arena.hpp"

namespace rolec::eval {

/// What an evaluation sees besides `@`: the caller's identity, the clock, parameters, and,
/// for queries that use `*` or `->`, a dataset.
struct environment {
  std::string identity = "me";                 ///< `identity()`
  datetime now{};                              ///< `now()`, `dateTime::now()`
  std::map<std::string, value, std::less<>> parameters;  ///< `$name`
  std::optional<std::vector<value>> dataset;  ///< `*`; none: `*` is null and `->` finds nothing
  std::optional<value> before;                 ///< delta mode: `before()`
  std::optional<value> after;                  ///< delta mode: `after()`
  std::string project_id;                      ///< `sanity::projectId()` (empty: null)
  std::string dataset_name;                    ///< `sanity::dataset()` (empty: null)
  value user_attributes;                       ///< `user::attributes()`
};

/// A run-time error: a function that needs a service rolec does not have, for example.
struct eval_error {
  diag::diagnostic diagnostic;
};

/// A query prepared for evaluation. The parse result and the environment must outlive it.
class program {
 public:
  /// Prepares `query` (which must have parsed and validated without errors).
  program(const groq::parse_result& query, const environment& env);
  program(const program&) = delete;
  program& operator=(const program&) = delete;

  /// Evaluates the query with `@` = `root`. Values the result refers to live in `arena`, in the
  /// program, in the query text and in `root`'s document. Throws eval_error.
  [[nodiscard]] value run(const value& root, util::arena& arena) const;

  /// Evaluates one node of the query (a sub-expression) with `@` = `root`: what `explain` shows
  /// of a filter's parts. Throws eval_error.
  [[nodiscard]] value run_node(const groq::node* n, const value& root, util::arena& arena) const;

  /// True when the query, evaluated with `@` = `document`, is exactly `true` (how a permission
  /// filter grants).
  [[nodiscard]] bool matches(const value& document, util::arena& arena) const { return run(document, arena).is_true(); }

  [[nodiscard]] const groq::parse_result& query() const { return query_; }
  [[nodiscard]] const environment& env() const { return env_; }

  /// The precomputed value of a constant node, if it has one.
  [[nodiscard]] const value* folded(const groq::node* n) const {
    return n->index < folded_.size() && is_folded_[n->index] ? &folded_[n->index] : nullptr;
  }
  /// Keeps a compiled glob alive for the program's lifetime (used while folding constants).
  const path_glob* keep(std::string_view pattern) const;

 private:
  void fold(const groq::node* n);

  const groq::parse_result& query_;
  const environment& env_;
  mutable util::arena constants_;
  mutable std::deque<path_glob> globs_;
  std::vector<value> folded_;
  std::vector<bool> is_folded_;
};

}  // namespace rolec::eval
