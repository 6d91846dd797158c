#include "support/compiled.hpp"

#include <catch2/catch.hpp>

#include "support/run.hpp"

namespace rolec::test {

std::unique_ptr<compiled_policy> compile_policy(const std::string& name, const std::string& toml) {
  auto out = std::make_unique<compiled_policy>();
  const std::string file = temp_file(name, toml);
  out->linted = lint::lint({file}, out->sources);
  REQUIRE(out->linted.errors.empty());
  for (const auto& d : out->linted.findings) {
    INFO(toml << "\n" << d.message);
    REQUIRE(d.level != diag::severity::error);
  }
  std::string error;
  out->compiled = build::compile(out->linted.merged, out->linted.resolved, std::nullopt, error);
  INFO(error);
  REQUIRE(out->compiled);
  return out;
}

}  // namespace rolec::test
