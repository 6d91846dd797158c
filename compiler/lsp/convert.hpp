#pragma once
/// Values of rolec turned into the protocol's: spans into ranges, diagnostics into its
/// diagnostics, places into locations.

#include <string>

#include <nlohmann/json.hpp>

#include "diag/diagnostic.hpp"
#include "lsp/folder.hpp"
#include "lsp/text.hpp"

namespace rolec::lsp {

/// A policy folder read with an agreed encoding: what every feature converts with.
struct view {
  const policy_folder& folder;
  encoding enc;
  std::string docs_base;  ///< the folder of rule pages, with a slash at its end

  /// The range of `where` in registered text `id`.
  [[nodiscard]] nlohmann::json range_of(diag::source_id id, diag::span where) const;
  /// The location (URI and range) of `where` in registered text `id`.
  [[nodiscard]] nlohmann::json location_of(diag::source_id id, diag::span where) const;
  /// `d` as the protocol's diagnostic: code and page of its rule, notes with a place as related
  /// information, the others and the help in the message.
  [[nodiscard]] nlohmann::json diagnostic_of(const diag::diagnostic& d) const;
};

/// The protocol's range from a JSON value (`{"start": {...}, "end": {...}}`).
[[nodiscard]] range range_from(const nlohmann::json& j);
/// The protocol's position from a JSON value.
[[nodiscard]] position position_from(const nlohmann::json& j);

}  // namespace rolec::lsp
