#pragma once
/// What a place in a policy file names: a permission, a role, a rule, or a GROQ function in a
/// filter. Hover and definition both start here.

#include <cstdint>
#include <string>

#include "diag/span.hpp"
#include "lsp/folder.hpp"
#include "policy/model.hpp"

namespace rolec::lsp {

/// A name at a place.
struct named {
  enum class kind { nothing, permission, role, rule, function } what = kind::nothing;
  std::string name;         ///< for a function, `ns::name` or `name`
  diag::span where;         ///< the name in the file
  bool definition = false;  ///< the place defines it (`[roles.NAME]`) rather than refers to it
};

/// What `offset` of `file` names, by the folder's last lint.
[[nodiscard]] named name_at(const policy_folder& folder, const folder_file& file, std::uint32_t offset);

/// The identifier of GROQ text `text` around `at` (`string::startsWith`, `_type`), and where it
/// starts; empty when `at` is not in one.
[[nodiscard]] std::pair<std::string, std::uint32_t> groq_word_at(std::string_view text, std::uint32_t at);

}  // namespace rolec::lsp
