#pragma once
// The TOML the format tests run on: the repository's policy files and a set of awkward texts.

#include <string>
#include <vector>

namespace rolec::test {

/// Every `*.toml` under examples/, tests/lint/cases/ and tests/golden/, sorted.
[[nodiscard]] std::vector<std::string> policy_corpus();

/// Texts that exercise the corners of TOML's syntax, each valid TOML.
[[nodiscard]] const std::vector<std::string>& awkward_inputs();

}  // namespace rolec::test
