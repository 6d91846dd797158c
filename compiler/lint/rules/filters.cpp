// The GROQ front end's findings inside each custom permission's filter, moved into the policy
// file, and the warnings about what a valid filter says (lint/filters.cpp). Each filter was
// parsed once, by resolve; two permissions with the same text share that parse.

#include "lint/filters.hpp"
#include "lint/rules/context.hpp"
#include "util/parallel.hpp"

namespace rolec::lint {

void check_filters(context& c) {
  const std::vector<const resolve::permission*> permissions = c.all_custom_permissions();
  std::vector<std::vector<diag::diagnostic>> found(permissions.size());
  // Filters are independent: check them on every core, but start threads only for many.
  const unsigned threads = permissions.size() < 512 ? 1 : 0;
  util::parallel_for(permissions.size(), threads, [&](std::size_t i) {
    const resolve::permission& p = *permissions[i];
    if (p.filter == nullptr) return;
    const policy::filter_source& written = *p.written->filter;
    check_filter_syntax(written, p.filter->parsed(), found[i]);
    if (p.filter->ok()) check_filter_meaning(written, p.filter->parsed(), found[i]);
  });
  for (auto& list : found) {
    for (auto& d : list) c.found.push_back(std::move(d));
  }
  // A property's `where` is a filter on documents too, read by the analysis: its syntax is checked
  // as a permission filter's is (the fragment the analysis decides is within it).
  for (std::size_t i = 0; i < c.written.properties.size(); ++i) {
    const resolve::filter* where = c.resolved.property_filters[i];
    if (where != nullptr) check_filter_syntax(*c.written.properties[i].where, where->parsed(), c.found);
  }
}

}  // namespace rolec::lint
