#pragma once
/// `path()` globs for document ids (Sanity "path" vendor function, GROQ spec "Vendor functions").

#include <string>
#include <string_view>
#include <vector>

namespace rolec::eval {

/// A compiled glob such as `drafts.**` or `team-a.*`. The pattern is split on `.`: a segment `*`
/// matches exactly one non-empty segment without dots; a segment `**` matches one or more
/// segments, dots included; any other segment (including one with `*` inside, such as `a*`)
/// matches itself literally. The match is anchored at both ends: `drafts.**` matches `drafts.x`
/// and `drafts.x.y` but not `drafts` or `draftsXabc`.
class path_glob {
 public:
  explicit path_glob(std::string_view pattern);

  /// True if `id` matches the whole pattern.
  [[nodiscard]] bool matches(std::string_view id) const;

  [[nodiscard]] const std::string& pattern() const { return pattern_; }

 private:
  std::string pattern_;
  std::vector<std::string> segments_;
};

}  // namespace rolec::eval
