// libFuzzer entry point of fuzz_groq_eval (see fuzz/targets.hpp).

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return rolec::fuzz::fuzz_groq_eval(data, size);
}
