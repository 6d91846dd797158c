// libFuzzer entry point of fuzz_plan_file (see fuzz/targets.hpp).

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return rolec::fuzz::fuzz_plan_file(data, size);
}
