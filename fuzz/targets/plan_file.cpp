// fuzz_plan_file: plan files as `rolec apply` reads them (a plan file may have been edited by
// hand or cut short), and what is done with one that reads: rendering, writing it again, comparing
// its live state, and applying it.

#include <fmt/format.h>

#include "targets/common.hpp"
#include "targets/plan_checks.hpp"
#include "plan/plan.hpp"
#include "util/json_read.hpp"

namespace rolec::fuzz {

namespace {

void read_plan(const nlohmann::json& parsed, bool digest_fixed) {
  std::string error;
  const auto p = plan::from_json(parsed, error);
  if (!p) {
    // The refusal of a changed plan names its digest; other errors may quote `plan_digest` as a value.
    check(!digest_fixed || error.find("does not match its `plan_digest`") == std::string::npos,
          "the fuzz target's `plan_digest` fix-up no longer matches plan files: " + error);
    return;
  }
  // A stale plan: apply digests the live state and lists what changed since the plan was made.
  static_cast<void>(plan::digest(p->live));
  check(plan::differences(p->live, p->live).empty(), "a live state differs from itself");
  const nlohmann::json empty = {{"permissions", nlohmann::json::object()}, {"roles", nlohmann::json::object()},
                                {"users", nlohmann::json::object()}};
  static_cast<void>(plan::differences(p->live, empty));
  static_cast<void>(plan::differences(empty, p->live));
  check_plan_round_trip(*p);
  check_apply(*p);
}

}  // namespace

int fuzz_plan_file(const std::uint8_t* data, std::size_t size) {
  // Read as `rolec apply` reads it: with nesting bounded before anything walks the value.
  util::json_error why;
  const auto read = util::parse_json<nlohmann::json>(text_of(data, size), why);
  if (!read) return 0;
  const nlohmann::json& parsed = *read;
  read_plan(parsed, false);
  // A plan file carries a digest of the rest of its content (`plan_digest`), so that apply refuses
  // an edited plan; nearly every input a fuzzer makes would stop there. Each input is read again
  // with its digest made to match, as by someone who edits a plan and its digest on purpose.
  // INVARIANT: `plan_digest` is plan::digest of the file less `plan_digest` (plan_file.cpp).
  if (parsed.is_object()) {
    nlohmann::json fixed = parsed;
    fixed.erase("plan_digest");
    fixed["plan_digest"] = plan::digest(fixed);
    read_plan(fixed, true);
  }
  return 0;
}

}  // namespace rolec::fuzz
