#pragma once
/// Names for the custom permissions an import makes from bare filters (`system.group` grants and
/// legacy permission resources have none): readable slugs of the filter text, the same for the
/// same input whatever order it was read in.

#include <map>
#include <string>
#include <utility>

#include "schemas/catalog.hpp"

namespace rolec::adopt {

/// Collects the (type, filter) pairs first, then names them all at once, so that which filter
/// gets a suffix on a clash depends on the filters only, never on input order.
class filter_names {
 public:
  /// Notes a filter of permission type `type` that needs a name.
  void add(const std::string& type, const std::string& filter);
  /// Names every filter noted: its slug (`_type == 'post'` is `type-post`), with `-2`, `-3`, ...
  /// on a clash in the order of the filter texts, and never a predefined permission's name.
  void assign(const schemas::catalog& catalog);
  /// The name given to a noted filter (after assign).
  [[nodiscard]] const std::string& name(const std::string& type, const std::string& filter) const;

 private:
  std::map<std::pair<std::string, std::string>, std::string> names_;
};

/// The slug of `text`: its runs of ASCII letters and digits, lowercase, joined by `-`, at most
/// about 40 characters (cut at a `-`); `filter` when nothing is left.
[[nodiscard]] std::string slug_of(const std::string& text);

/// A permission title for `filter`: `Documents matching FILTER`, cut to the API's 100 characters.
[[nodiscard]] std::string title_for_filter(const std::string& filter);

}  // namespace rolec::adopt
