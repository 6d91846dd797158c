#include "adopt/filter_names.hpp"

#include <fmt/format.h>

#include <set>

namespace rolec::adopt {

// Long enough to tell `type-article-author-ref-identity` from its neighbours, short enough to read
// in a grant.
constexpr std::size_t max_slug = 40;

std::string slug_of(const std::string& text) {
  std::string out;
  bool gap = false;
  for (const char ch : text) {
    const bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    if (!alnum) {
      gap = !out.empty();
      continue;
    }
    if (gap) {
      if (out.size() + 1 >= max_slug) break;
      out += '-';
      gap = false;
    }
    if (out.size() >= max_slug) break;
    out += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  }
  return out.empty() ? std::string("filter") : out;
}

void filter_names::add(const std::string& type, const std::string& filter) { names_.try_emplace({type, filter}); }

void filter_names::assign(const schemas::catalog& catalog) {
  std::set<std::string> taken;
  for (auto& [key, name] : names_) {
    std::string base = slug_of(key.second);
    // `sanity-*` names are Sanity's; an import would read such a permission back as predefined.
    if (base.rfind("sanity-", 0) == 0 || catalog.permission(base) != nullptr) base = "filter-" + base;
    name = base;
    for (int n = 2; !taken.insert(name).second; ++n) name = fmt::format("{}-{}", base, n);
  }
}

const std::string& filter_names::name(const std::string& type, const std::string& filter) const {
  return names_.at({type, filter});
}

std::string title_for_filter(const std::string& filter) {
  const std::string title = "Documents matching " + filter;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < title.size(); ++i) {
    if ((static_cast<unsigned char>(title[i]) & 0xC0) == 0x80) continue;  // inside a UTF-8 character
    if (++chars > 99) return title.substr(0, i) + "\u2026";
  }
  return title;
}

}  // namespace rolec::adopt
