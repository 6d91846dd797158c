// `[permissions.NAME]`: custom permissions, and the file position of every byte of their filters.

#include "policy/reader.hpp"

#include <fmt/format.h>

#include "policy/toml_string.hpp"

namespace rolec::policy {

using diag::rule;

// Maps every byte of the filter back to the file; if the literal cannot be re-read exactly,
// every position falls back to the start of the string rather than to a wrong column.
filter_source filter_of(reader& r, const toml::value<std::string>& value, location literal) {
  filter_source out;
  out.text = value.get();
  out.literal = literal;
  const std::string_view raw = r.file.text().substr(literal.where.begin, literal.where.size());
  const auto mapped = map_toml_string(raw);
  if (mapped && mapped->value == out.text) {
    out.offsets.reserve(mapped->offsets.size());
    for (std::uint32_t o : mapped->offsets) out.offsets.push_back(literal.where.begin + o);
  } else {
    out.exact = false;
    out.offsets.assign(out.text.size() + 1, literal.where.begin);
  }
  return out;
}

void read_permission(reader& r, const toml::key& key, const toml::node& n) {
  const toml::table* t = r.entry_table(n, "permission", "permissions", key);
  if (t == nullptr) return;
  r.check_keys(*t, {"title", "description", "type", "filter"}, fmt::format("permission `{}`", key.str()));
  permission out;
  out.name = {std::string(key.str()), r.at(key.source()), true};
  out.title = r.read_text(*t, "title");
  out.description = r.read_text(*t, "description");
  out.type = r.read_text(*t, "type");
  if (const toml::node* f = t->get("filter")) {
    if (const auto* s = f->as_string()) {
      out.filter = filter_of(r, *s, r.at(f->source()));
    } else {
      r.report(rule::invalid_type, r.at(f->source()), "`filter` must be a string",
               "write the GROQ filter in a literal string: filter = '''_type == \"post\"'''");
    }
  }
  r.result.merged.permissions.push_back(std::move(out));
}

}  // namespace rolec::policy
