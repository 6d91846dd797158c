#pragma once
/// Permission filters parsed once: every stage that needs a filter's syntax tree (lint's checks,
/// the canonical text plan compares, decide's evaluator) reads it from here, so that each
/// distinct filter text is parsed once per command.

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "groq/parse.hpp"
#include "util/arena.hpp"

namespace rolec::resolve {

/// A filter's text and its one parse as a permission filter, both held by the filter_set.
class filter {
 public:
  filter(std::string_view text, std::string_view trimmed) : text_(text), trimmed_(trimmed) {}
  filter(const filter&) = delete;
  filter& operator=(const filter&) = delete;

  /// The text as written (a policy's TOML string, a listing's `config.filter`).
  [[nodiscard]] std::string_view text() const { return text_; }
  /// The text without surrounding white space, as the Access API is sent it.
  [[nodiscard]] std::string_view trimmed() const { return trimmed_; }
  /// The parse (groq::analyze in filter mode); its spans are offsets into text().
  [[nodiscard]] const groq::parse_result& parsed() const { return parsed_; }
  /// True when the text is a valid permission filter.
  [[nodiscard]] bool ok() const { return parsed_.ok(); }
  /// One text per meaning (groq::print), or the text itself when it does not parse; printed on
  /// first use (not from several threads at once).
  [[nodiscard]] const std::string& canonical() const;

 private:
  friend class filter_set;

  std::string_view text_;     // in the set's arena
  std::string_view trimmed_;  // a part of text_
  groq::parse_result parsed_;
  mutable std::optional<std::string> canonical_;
};

/// Filters by text, each parsed once and shared by every permission that has that text. The
/// texts and syntax trees live in arenas of the set, a few large chunks for any number of filters.
class filter_set {
 public:
  filter_set() = default;
  filter_set(const filter_set&) = delete;
  filter_set& operator=(const filter_set&) = delete;
  filter_set(filter_set&&) noexcept = default;
  filter_set& operator=(filter_set&&) noexcept = default;

  /// The filter with `text`, parsed now if it is new. A text that is another's without its
  /// surrounding white space (what build sends of a filter written over several lines) is that
  /// filter.
  const filter& intern(std::string_view text);
  /// Interns every text of `texts`, parsing the new ones on every core when there are many.
  void intern_all(const std::vector<std::string_view>& texts);
  /// The filter with exactly `text`, if it was interned.
  [[nodiscard]] const filter* find(std::string_view text) const;
  /// Every filter, in the order they were first interned.
  [[nodiscard]] const std::deque<filter>& all() const { return filters_; }
  [[nodiscard]] std::size_t size() const { return filters_.size(); }

 private:
  filter& add(std::string_view text);
  static void parse(filter& f, util::arena& into);

  std::deque<util::arena> arenas_{1};  // the first for texts and single parses; more for parallel ones
  std::deque<filter> filters_;         // never moves an element
  std::unordered_map<std::string_view, const filter*> by_text_;     // views of the filters' own texts
  std::unordered_map<std::string_view, const filter*> by_trimmed_;  // ... and of their trimmed texts
};

}  // namespace rolec::resolve
