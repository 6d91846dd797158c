#pragma once
/// Stage `audit`, Studio's operations: per role, on how many documents of an export each
/// operation is allowed, deciding each document from its forms together (its published form and
/// draft; release versions are left out: no release is in view) as Sanity Studio does for a type
/// that is not live-edit. Memory grows with the number of documents: a few bytes per role each.

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "decide/model.hpp"
#include "decide/operations.hpp"
#include "eval/value.hpp"
#include "util/arena.hpp"

namespace rolec::audit {

/// The operations an audit counts, in this order.
inline constexpr std::array<decide::operation, 6> audited_operations{
    decide::operation::update,  decide::operation::remove,    decide::operation::discard_draft,
    decide::operation::publish, decide::operation::unpublish, decide::operation::duplicate};

/// One operation of one role: the documents it applies to (a draft to publish or discard, a
/// published form to unpublish, any document otherwise) and those where it is allowed.
struct operation_count {
  decide::operation what = decide::operation::update;
  std::uint64_t applicable = 0;
  std::uint64_t allowed = 0;
  std::vector<std::pair<std::string, std::uint64_t>> by_type;  ///< allowed, by `_type` (sorted by name)
};

/// Every counted operation of one role.
struct role_operations {
  std::string role;
  std::vector<operation_count> operations;  ///< audited_operations order
};

/// Documents (by published id) and what each role may do to them.
struct operations_report {
  std::uint64_t documents = 0;
  std::vector<role_operations> roles;
};

/// Records what each form lets each role do, one per worker thread; merged, then summarized.
class pair_counter {
 public:
  /// Counts for `roles` (of `m`, which must outlive the counter).
  pair_counter(const decide::model& m, std::vector<const decide::role*> roles);

  /// Records one form of a document (a release version is skipped).
  void add(const eval::value& document, util::arena& arena);
  /// Takes in the forms another counter recorded.
  void merge(pair_counter&& other);
  /// Decides every operation of every role on every document recorded.
  [[nodiscard]] operations_report summarize() const;

 private:
  struct document {
    bool has_published = false;
    bool has_draft = false;
    std::string type;                    ///< the draft's `_type` when there is one, else the published form's
    std::vector<std::uint8_t> published;  ///< per role: the facts of the published form
    std::vector<std::uint8_t> draft;      ///< ... and of the draft
  };

  const decide::model& model_;
  std::vector<const decide::role*> roles_;
  std::vector<signed char> results_;
  std::unordered_map<std::string, document> documents_;
};

}  // namespace rolec::audit
