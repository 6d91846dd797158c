#include "adopt/import_input.hpp"

#include <fmt/format.h>

#include "adopt/blueprint_import.hpp"
#include "adopt/groups_import.hpp"
#include "adopt/legacy_roles_import.hpp"
#include "adopt/live.hpp"
#include "util/file.hpp"

namespace rolec::adopt {
namespace {

std::string_view described(import_source kind) {
  switch (kind) {
    case import_source::groups: return "`system.group` documents";
    case import_source::legacy_roles: return "a Roles API listing";
    case import_source::blueprint: return "a Sanity Blueprint";
    case import_source::live: break;
  }
  return "live state";
}

std::string header_of(const live_state& live) {
  return fmt::format("# Imported by `rolec import` from the legacy Roles API listing of {}.\n"
                     "# Only custom roles are here, each permission resource as a permission: built-in ones are Sanity's.\n",
                     live.resource_id ? fmt::format("project `{}`", *live.resource_id) : std::string("a project"));
}

}  // namespace

import_source kind_of_input(std::string_view text) {
  if (looks_like_blueprint(text)) return import_source::blueprint;
  if (looks_like_groups(text)) return import_source::groups;
  if (looks_like_legacy_roles(text)) return import_source::legacy_roles;
  return import_source::live;
}

std::optional<imported_policy> import_files(const std::vector<std::string>& paths, const schemas::catalog& catalog,
                                            std::string& error) {
  if (paths.empty()) {
    error = "no live state given";
    return std::nullopt;
  }
  std::optional<import_source> kind;
  std::string first;
  live_state live;
  group_export groups;
  for (const std::string& path : paths) {
    const auto text = util::read_file(path, error);
    if (!text) return std::nullopt;
    const std::string name = path == "-" ? "<stdin>" : path;
    const import_source this_kind = kind_of_input(*text);
    if (kind && *kind != this_kind) {
      error = fmt::format("{} holds {}, but {} holds {}; import one kind of input at a time", name, described(this_kind),
                          first, described(*kind));
      return std::nullopt;
    }
    // A blueprint is a whole stack's document: imported alone.
    if (kind == import_source::blueprint || (this_kind == import_source::blueprint && paths.size() > 1)) {
      error = fmt::format("{} is a blueprint, which is imported alone: give it without other files",
                          this_kind == import_source::blueprint ? name : first);
      return std::nullopt;
    }
    // Legacy resources have no names: they are named across the whole listing, so it is one file.
    if (kind == import_source::legacy_roles) {
      error = fmt::format("{}: import reads one Roles API listing at a time (also given: {})", name, first);
      return std::nullopt;
    }
    if (!kind) first = name;
    kind = this_kind;
    if (this_kind == import_source::blueprint) {
      const auto blueprint = parse_blueprint(*text, name, error);
      if (!blueprint) return std::nullopt;
      imported_policy out = import_blueprint(*blueprint, catalog);
      out.source = import_source::blueprint;
      return out;
    }
    bool read = false;
    switch (this_kind) {
      case import_source::blueprint: break;
      case import_source::groups: read = parse_groups(*text, name, groups, error); break;
      case import_source::legacy_roles: read = parse_legacy_roles(*text, name, catalog, live, error); break;
      case import_source::live: read = parse_live(*text, name, live, error); break;
    }
    if (!read) return std::nullopt;
  }
  std::optional<imported_policy> out;
  if (kind == import_source::groups) {
    if (groups.groups.empty()) {
      error = fmt::format("{}: no `system.group` documents in {} document{}", first, groups.other_documents,
                          groups.other_documents == 1 ? "" : "s");
      return std::nullopt;
    }
    out = import_groups(groups, catalog, error);
    if (!out) return std::nullopt;
  } else {
    out = import_policy(live, catalog);
    if (kind == import_source::legacy_roles) {
      out->source = import_source::legacy_roles;
      out->header = header_of(live);
    }
  }
  out->warnings.insert(out->warnings.begin(), live.warnings.begin(), live.warnings.end());
  return out;
}

}  // namespace rolec::adopt
