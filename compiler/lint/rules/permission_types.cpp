// RC312 unknown-permission-type, RC320 custom-permission-type, RC311 filter-mismatch and RC304
// for a permission with neither filter nor type: what the Access API accepts as the type of a
// custom permission (validate/rules.hpp).

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "lint/rules/context.hpp"
#include "util/spell.hpp"
#include "validate/rules.hpp"

namespace rolec::lint {
namespace {

using diag::rule;

// The help for a type custom permissions cannot have: what to grant instead.
std::string custom_type_help(const schemas::permission_type& type, const schemas::catalog& catalog) {
  const std::string allowed = fmt::format("`{}`", fmt::join(validate::custom_types(model::scope::project, catalog), "` or `"));
  if (type.scope != model::scope::project) {
    return fmt::format("`{}` is a type of organizations; a project's custom permissions are document filters ({})", type.type,
                       allowed);
  }
  for (const schemas::predefined_permission& p : catalog.permissions()) {
    if (p.type == type.type) {
      return fmt::format("a custom permission is a document filter ({}); to give `{}` actions, grant the predefined `{}`",
                         allowed, type.type, p.name);
    }
  }
  return fmt::format("a custom permission is a document filter ({})", allowed);
}

void check_type(context& c, const resolve::permission& p) {
  const policy::permission& perm = *p.written;
  if (perm.type.present && p.type == nullptr) {
    std::vector<std::string> type_names;
    for (const auto& t : c.catalog.types()) type_names.push_back(t.type);
    std::string help = "see the permission resource types in schemas/permission-types.json";
    if (auto guess = util::closest(perm.type.value, type_names)) help = fmt::format("did you mean `{}`?", *guess);
    c.report(rule::unknown_permission_type, perm.type.at, fmt::format("`{}` is not a permission resource type", perm.type.value),
             help);
    return;
  }
  if (!perm.type.present && !perm.filter) {
    c.report(rule::missing_key, perm.name.at, fmt::format("permission `{}` has neither a `filter` nor a `type`", perm.name.value),
             "add filter = '''...''' for a document permission");
    return;
  }
  const auto found = validate::check_type(p.type_name(), p.scope, c.catalog);
  if (found && found->problem == validate::problem::custom_type) {
    c.report(rule::custom_permission_type, perm.type.at,
             fmt::format("permission `{}` has the type `{}`, which a custom permission cannot have", perm.name.value,
                         p.type_name()),
             custom_type_help(*p.type, c.catalog));
    return;
  }
  if (const auto filter = validate::check_filter(p.filter != nullptr, nullptr);
      filter && filter->problem == validate::problem::missing_filter) {
    c.report(rule::filter_mismatch, perm.type.at,
             fmt::format("permission `{}` is of type `{}`, which needs a `filter`", perm.name.value, p.type_name()),
             "add filter = '''...''' with the documents it covers");
  }
}

}  // namespace

void check_permission_types(context& c) {
  for (const resolve::permission* p : c.all_custom_permissions()) check_type(c, *p);
}

}  // namespace rolec::lint
