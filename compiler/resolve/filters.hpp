#pragma once
/// Permission filters parsed once: every stage that needs a filter's syntax tree (lint's checks,
/// the canonical text plan compares, decide's evaluator) reads it from here, so that each
/// distinct filter text is parsed once per command.

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "groq/parse.hpp"

namespace rolec::resolve {

/// A filter's text, owned, and its one parse as a permission filter.
class filter {
 public:
  explicit filter(std::string text);
  filter(const filter&) = delete;
  filter& operator=(const filter&) = delete;

  /// The text as written (a policy's TOML string, a listing's `config.filter`).
  [[nodiscard]] const std::string& text() const { return *text_; }
  /// The text without surrounding white space, as the Access API is sent it.
  [[nodiscard]] const std::string& trimmed() const { return *trimmed_; }
  /// The parse (groq::analyze in filter mode); its spans are offsets into text().
  [[nodiscard]] const groq::parse_result& parsed() const { return parsed_; }
  /// True when the text is a valid permission filter.
  [[nodiscard]] bool ok() const { return parsed_.ok(); }
  /// One text per meaning (groq::print), or the text itself when it does not parse.
  [[nodiscard]] const std::string& canonical() const { return canonical_; }

 private:
  friend class filter_set;
  void parse();

  std::unique_ptr<const std::string> text_;  // on the heap: the parse points into it
  std::unique_ptr<const std::string> trimmed_;
  groq::parse_result parsed_;
  std::string canonical_;
};

/// Filters by text, each parsed once and shared by every permission that has that text.
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
  std::deque<filter> filters_;  // never moves an element
  std::unordered_map<std::string_view, const filter*> by_text_;     // views of the filters' own texts
  std::unordered_map<std::string_view, const filter*> by_trimmed_;  // ... and of their trimmed texts
  filter& add(std::string_view text);
};

}  // namespace rolec::resolve
