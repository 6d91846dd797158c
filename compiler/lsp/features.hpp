#pragma once
/// What the server answers about a place in a policy file: completion, hover, definition,
/// document symbols and code actions. Each reads the folder's last lint; none changes it.

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/diagnostic.hpp"
#include "lsp/convert.hpp"
#include "lsp/folder.hpp"

namespace rolec::lsp {

/// Completion items at `offset` of `file` (a CompletionList).
[[nodiscard]] nlohmann::json completion(const view& v, const folder_file& file, std::uint32_t offset);

/// A Hover for what is at `offset`, or null.
[[nodiscard]] nlohmann::json hover(const view& v, const folder_file& file, std::uint32_t offset);

/// The Location where what is named at `offset` is defined, or null.
[[nodiscard]] nlohmann::json definition(const view& v, const folder_file& file, std::uint32_t offset);

/// The DocumentSymbols of `file`: its targets, permissions, roles (with their grants), tests and properties.
[[nodiscard]] nlohmann::json document_symbols(const view& v, const folder_file& file);

/// The CodeActions for the part `[begin, end)` of `file`: each certain fix of a finding there,
/// and a suppression comment of each finding's rule, with a reason to write.
[[nodiscard]] nlohmann::json code_actions(const view& v, const folder_file& file, std::uint32_t begin, std::uint32_t end,
                                          const std::vector<diag::diagnostic>& findings);

/// The TextEdits that put `file` in the layout of `rolec fmt` (none when it is in it, or is not TOML).
[[nodiscard]] nlohmann::json formatting(const view& v, const folder_file& file);

}  // namespace rolec::lsp
