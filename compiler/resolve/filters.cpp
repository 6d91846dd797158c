#include "resolve/filters.hpp"

#include "groq/analyze.hpp"
#include "groq/print.hpp"
#include "util/parallel.hpp"

namespace rolec::resolve {

namespace {

std::string trim(const std::string& t) {
  const auto begin = t.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  return t.substr(begin, t.find_last_not_of(" \t\r\n") - begin + 1);
}

}  // namespace

filter::filter(std::string text)
    : text_(std::make_unique<const std::string>(std::move(text))), trimmed_(std::make_unique<const std::string>(trim(*text_))) {}

void filter::parse() {
  parsed_ = groq::analyze(*text_, {groq::mode::filter, nullptr});
  canonical_ = parsed_.ok() ? groq::print(parsed_.functions, parsed_.root) : *text_;
}

filter& filter_set::add(std::string_view text) {
  filter& f = filters_.emplace_back(std::string(text));
  by_text_.emplace(f.text(), &f);
  by_trimmed_.emplace(f.trimmed(), &f);  // kept by the first filter of that trimmed text
  return f;
}

const filter& filter_set::intern(std::string_view text) {
  if (const filter* found = find(text)) return *found;
  if (const auto it = by_trimmed_.find(text); it != by_trimmed_.end()) return *it->second;
  filter& f = add(text);
  f.parse();
  return f;
}

void filter_set::intern_all(const std::vector<std::string_view>& texts) {
  std::vector<filter*> fresh;
  for (const std::string_view text : texts) {
    if (find(text) != nullptr) continue;
    fresh.push_back(&add(text));
  }
  // Filters are independent: parse them on every core, but start threads only for many, as a
  // pre-commit run on a small policy would pay more for them than it saves.
  const unsigned threads = fresh.size() < 512 ? 1 : 0;
  util::parallel_for(fresh.size(), threads, [&](std::size_t i) { fresh[i]->parse(); });
}

const filter* filter_set::find(std::string_view text) const {
  const auto it = by_text_.find(text);
  return it == by_text_.end() ? nullptr : it->second;
}

}  // namespace rolec::resolve
