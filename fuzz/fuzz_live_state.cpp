// libFuzzer entry point of fuzz_live_state (see fuzz/targets.hpp).

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return rolec::fuzz::fuzz_live_state(data, size);
}
