// RC305 invalid-name, RC306 invalid-title, RC313 builtin-redefined, RC409 case-collision, and
// RC410 for titles: what the Access API requires of the names and titles of custom roles and
// permissions (validate/rules.hpp), and what makes two of them hard to tell apart.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "lint/filters.hpp"
#include "lint/rules/context.hpp"
#include "model/resources.hpp"
#include "util/text_case.hpp"
#include "validate/rules.hpp"

namespace rolec::lint {
namespace {

using diag::rule;

std::optional<std::string> title_of(const policy::text& title) {
  return title.present ? std::optional<std::string>(title.value) : std::nullopt;
}

void check_name_and_title(context& c, const policy::text& name, const policy::text& title, std::string_view kind) {
  std::vector<validate::finding> findings;
  validate::check_name_and_title(name.value, title_of(title), findings);
  for (const validate::finding& f : findings) {
    switch (f.problem) {
      case validate::problem::invalid_name: {
        const std::string suggestion = model::name_like(name.value);
        c.report(rule::invalid_name, name.at,
                 fmt::format("the {} name `{}` may only contain lowercase letters, digits, `-` and `_`", kind, name.value),
                 suggestion.empty() ? std::string("Sanity rejects it; rename it with lowercase letters, digits, `-` and `_`")
                                    : fmt::format("Sanity rejects it; rename it, for example to `{}`", suggestion));
        break;
      }
      case validate::problem::missing_title:
        // A title of the wrong TOML type is reported by load.
        if (!title.invalid) {
          c.report(rule::invalid_title, name.at, fmt::format("{} `{}` has no title", kind, name.value),
                   fmt::format("add title = \"...\" (1 to {} characters); Sanity requires one", validate::max_title_length));
        }
        break;
      case validate::problem::invalid_title:
        if (f.count == 0) {
          c.report(rule::invalid_title, title.at, fmt::format("the title of {} `{}` is empty", kind, name.value),
                   fmt::format("a title has 1 to {} characters", validate::max_title_length));
        } else {
          c.report(rule::invalid_title, title.at,
                   fmt::format("the title of {} `{}` has {} characters, more than {}", kind, name.value, f.count,
                               validate::max_title_length),
                   "shorten it; longer explanations belong in `description`");
        }
        break;
      default: break;
    }
  }
  if (title.present) {
    if (const std::string what = confusable(title.value); !what.empty() && what.find("invisible") != std::string::npos) {
      c.report(rule::confusable_text, title.at, fmt::format("this title contains {}", what), "retype it with plain characters");
    }
  }
}

// Names that differ only in case, and titles (what the console shows) that are equal but for case.
template<typename Entries>
void check_case_collisions(context& c, const Entries& entries, std::string_view kind) {
  std::vector<std::string_view> names;
  names.reserve(entries.size());
  for (const auto& e : entries) names.push_back(e.name.value);
  for (const auto& [first, later] : util::case_duplicates(names)) {
    const policy::text& a = entries[first].name;
    const policy::text& b = entries[later].name;
    auto& d = c.report(rule::case_collision, b.at, fmt::format("the {} names `{}` and `{}` differ only in case", kind, a.value, b.value),
                       "give them names that differ in more than case; readers and tools confuse them");
    d.notes.push_back({"the other one", a.at.where, a.at.source});
  }
  std::vector<std::string_view> titles;
  std::vector<std::size_t> owner;  // entry of each title
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (!entries[i].title.present || entries[i].title.value.empty()) continue;
    titles.push_back(entries[i].title.value);
    owner.push_back(i);
  }
  for (const auto& [first, later] : util::case_duplicates(titles)) {
    const auto& a = entries[owner[first]];
    const auto& b = entries[owner[later]];
    const std::string message =
        a.title.value == b.title.value
            ? fmt::format("{}s `{}` and `{}` have the same title `{}`", kind, a.name.value, b.name.value, b.title.value)
            : fmt::format("the titles of {}s `{}` and `{}` differ only in case: `{}` and `{}`", kind, a.name.value,
                          b.name.value, a.title.value, b.title.value);
    auto& d = c.report(rule::case_collision, b.title.at, message,
                       fmt::format("give each {} a title that tells it apart in the Sanity console", kind));
    d.notes.push_back({"the other one", a.title.at.where, a.title.at.source});
  }
}

}  // namespace

void check_names(context& c) {
  check_case_collisions(c, c.written.permissions, "permission");
  check_case_collisions(c, c.written.roles, "role");
  for (const resolve::permission* p : c.all_custom_permissions()) {
    const policy::permission& perm = *p->written;
    check_name_and_title(c, perm.name, perm.title, "permission");
    if (validate::reserved_permission_name(perm.name.value, p->scope, c.catalog)) {
      c.report(rule::builtin_redefined, perm.name.at,
               fmt::format("`{}` is a predefined permission and cannot be redefined", perm.name.value),
               "grant the predefined permission directly, or give the custom one another name");
    }
  }
  for (const resolve::role* resolved : c.all_custom_roles()) {
    const policy::role& r = *resolved->written;
    check_name_and_title(c, r.name, r.title, "role");
    if (validate::reserved_role_name(r.name.value, resolved->scope, c.catalog)) {
      c.report(rule::builtin_redefined, r.name.at, fmt::format("`{}` is a built-in role and cannot be redefined", r.name.value),
               fmt::format("name the custom role differently and use extends = [\"{}\"] to build on it", r.name.value));
    }
  }
}

}  // namespace rolec::lint
