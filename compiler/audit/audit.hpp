#pragma once
/// Stage `audit`: how many documents of a dataset each role reaches with each document action,
/// by `_type` and by kind of id (published `x`, draft `drafts.x`, release version
/// `versions.<release>.x`). Counting and merging only; reading documents and printing are the
/// command's (cli/audit.cpp). Memory grows with the number of distinct `_type`s, never with the
/// number of documents.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "decide/decide.hpp"
#include "decide/model.hpp"
#include "eval/value.hpp"

namespace rolec::audit {

/// Documents counted per kind of id.
struct by_kind {
  std::uint64_t published = 0;
  std::uint64_t drafts = 0;
  std::uint64_t versions = 0;

  [[nodiscard]] std::uint64_t total() const { return published + drafts + versions; }
  void add(decide::id_kind k, std::uint64_t n = 1);
  by_kind& operator+=(const by_kind& other);
  friend bool operator==(const by_kind&, const by_kind&) = default;
};

/// The actions a role may do on one document: bit `a` stands for decide::all_actions[a].
using action_mask = std::uint8_t;

/// Counts of one worker, or merged from several: per `_type`, the documents, and per role and
/// action the documents reached.
class tally {
 public:
  explicit tally(std::size_t roles = 0) : roles_(roles) {}

  /// Counts one document of type `type` (empty when it has none) and kind `kind`; `reached[r]`
  /// says which actions role r may do on it (one mask per role).
  void add(std::string_view type, decide::id_kind kind, std::span<const action_mask> reached);
  /// Adds the counts of `other`, which counts the same roles.
  void merge(const tally& other);

  [[nodiscard]] std::size_t roles() const { return roles_; }
  /// The `_type`s seen, in the order first seen.
  [[nodiscard]] std::span<const std::string> types() const { return types_; }
  /// Documents of the `t`-th type.
  [[nodiscard]] const by_kind& documents(std::size_t t) const { return counts_[t * stride()]; }
  /// Documents of the `t`-th type that role `r` reaches with the `a`-th action.
  [[nodiscard]] const by_kind& reached(std::size_t t, std::size_t r, std::size_t a) const {
    return counts_[t * stride() + 1 + r * decide::all_actions.size() + a];
  }

 private:
  struct text_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  [[nodiscard]] std::size_t stride() const { return 1 + roles_ * decide::all_actions.size(); }
  std::size_t type_index(std::string_view type);

  std::size_t roles_;
  std::vector<std::string> types_;
  std::unordered_map<std::string, std::size_t, text_hash, std::equal_to<>> index_;
  std::vector<by_kind> counts_;  ///< per type: documents, then per role and action
};

/// What one action of one role reached.
struct action_count {
  decide::action what = decide::action::read;
  by_kind reached;
  std::vector<std::pair<std::string, by_kind>> by_type;  ///< `_type`s reached, by name
};

/// What one role reached, per action (decide::all_actions order).
struct role_count {
  std::string role;
  std::vector<action_count> actions;
};

/// An audit's answer, in a stable order.
struct report {
  by_kind documents;
  std::vector<std::pair<std::string, by_kind>> by_type;  ///< every `_type` seen, by name
  std::vector<role_count> roles;                         ///< in the order counted
};

/// The report of `counts`, whose roles are named `roles`.
[[nodiscard]] report summarize(const tally& counts, std::span<const std::string> roles);

/// Decides and counts documents for some roles of a model: one counter per worker thread.
class counter {
 public:
  /// Counts for `roles` (of `m`, which must outlive the counter).
  counter(const decide::model& m, std::vector<const decide::role*> roles);

  /// Evaluates every filter of the model once on `document`, decides every role and action, and
  /// counts the document.
  void add(const eval::value& document, util::arena& arena);

  [[nodiscard]] const tally& counts() const { return counts_; }

 private:
  const decide::model& model_;
  std::vector<const decide::role*> roles_;
  std::vector<signed char> results_;
  std::vector<action_mask> reached_;
  tally counts_;
};

}  // namespace rolec::audit
