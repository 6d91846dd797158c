// libFuzzer entry point of fuzz_policy_load (see fuzz/targets.hpp).

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return rolec::fuzz::fuzz_policy_load(data, size);
}
