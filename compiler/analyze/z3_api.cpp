#include "analyze/z3_api.hpp"

#include <dlfcn.h>

#include <fmt/format.h>

#include <cstdlib>
#include <mutex>

namespace rolec::analyze {

const z3_api& z3() {
  static z3_api api;
  static std::once_flag once;
  std::call_once(once, [] {
    const char* named = std::getenv("ROLEC_Z3_LIBRARY");
    const std::string library_name = named != nullptr && *named != '\0' ? named : "libz3.so.4";
    void* library = ::dlopen(library_name.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
      api.error = fmt::format("cannot load the Z3 solver ({}): {}; install Debian's libz3-4", library_name, ::dlerror());
      return;
    }
#define ROLEC_Z3_FIND(name)                                                                    \
  api.name = reinterpret_cast<decltype(api.name)>(::dlsym(library, #name));                   \
  if (api.name == nullptr && api.error.empty()) api.error = fmt::format("{} lacks `{}`", library_name, #name);
    ROLEC_Z3_FUNCTIONS(ROLEC_Z3_FIND)
#undef ROLEC_Z3_FIND
  });
  return api;
}

}  // namespace rolec::analyze
