#include "resolve/filters.hpp"

#include <cstring>

#include "groq/analyze.hpp"
#include "groq/print.hpp"
#include "util/parallel.hpp"

namespace rolec::resolve {
namespace {

std::string_view trim(std::string_view t) {
  const auto begin = t.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return t.substr(0, 0);
  return t.substr(begin, t.find_last_not_of(" \t\r\n") - begin + 1);
}

}  // namespace

const std::string& filter::canonical() const {
  if (!canonical_) {
    canonical_ = parsed_.ok() ? groq::print(parsed_.functions, parsed_.root) : std::string(text_);
  }
  return *canonical_;
}

filter& filter_set::add(std::string_view text) {
  // The text is copied into the arena: a parse points into it, and it never moves.
  char* copy = static_cast<char*>(arenas_.front().allocate(text.size() + 1, 1));
  if (!text.empty()) std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  const std::string_view owned(copy, text.size());
  filter& f = filters_.emplace_back(owned, trim(owned));
  by_text_.emplace(f.text(), &f);
  by_trimmed_.emplace(f.trimmed(), &f);  // kept by the first filter of that trimmed text
  return f;
}

void filter_set::parse(filter& f, util::arena& into) {
  groq::analyze_options options;
  options.mode = groq::mode::filter;
  options.arena = &into;
  f.parsed_ = groq::analyze(f.text_, options);
}

const filter& filter_set::intern(std::string_view text) {
  if (const filter* found = find(text)) return *found;
  if (const auto it = by_trimmed_.find(text); it != by_trimmed_.end()) return *it->second;
  filter& f = add(text);
  parse(f, arenas_.front());
  return f;
}

void filter_set::intern_all(const std::vector<std::string_view>& texts) {
  std::vector<filter*> fresh;
  for (const std::string_view text : texts) {
    if (find(text) == nullptr) fresh.push_back(&add(text));
  }
  // Filters are independent: parse them on every core, but start threads only for many, as a
  // pre-commit run on a small policy would pay more for them than it saves. An arena is not
  // shared between threads: each slice of the filters is parsed into one of its own.
  const unsigned threads = fresh.size() < 512 ? 1 : util::thread_count(0);
  if (threads <= 1) {
    for (filter* f : fresh) parse(*f, arenas_.front());
    return;
  }
  const std::size_t slices = threads * 4;
  std::vector<util::arena*> arenas;
  for (std::size_t i = 0; i < slices; ++i) arenas.push_back(&arenas_.emplace_back());
  util::parallel_for(slices, threads, [&](std::size_t slice) {
    for (std::size_t i = slice; i < fresh.size(); i += slices) parse(*fresh[i], *arenas[slice]);
  });
}

const filter* filter_set::find(std::string_view text) const {
  const auto it = by_text_.find(text);
  return it == by_text_.end() ? nullptr : it->second;
}

}  // namespace rolec::resolve
