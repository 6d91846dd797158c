#include <array>

#include "targets.hpp"

namespace rolec::fuzz {

std::span<const target> all_targets() {
  static constexpr std::array<target, 5> targets{{
      {"fuzz_groq_parse", fuzz_groq_parse},
      {"fuzz_groq_eval", fuzz_groq_eval},
      {"fuzz_policy_load", fuzz_policy_load},
      {"fuzz_live_state", fuzz_live_state},
      {"fuzz_plan_file", fuzz_plan_file},
  }};
  return targets;
}

}  // namespace rolec::fuzz
