#include "eval/path_glob.hpp"

#include <cstddef>

namespace rolec::eval {
namespace {

std::vector<std::string_view> split_on_dots(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t dot = text.find('.'); dot != std::string_view::npos; dot = text.find('.', start)) {
    parts.push_back(text.substr(start, dot - start));
    start = dot + 1;
  }
  parts.push_back(text.substr(start));
  return parts;
}

}  // namespace

path_glob::path_glob(std::string_view pattern) : pattern_(pattern) {
  for (const std::string_view segment : split_on_dots(pattern)) segments_.emplace_back(segment);
}

bool path_glob::matches(std::string_view id) const {
  // Segment-level dynamic programming instead of regex or backtracking, so that patterns with
  // many `**` segments stay O(pattern segments × id length). Ids may contain empty segments
  // ("a..b"): only a literal empty segment matches one on its own; `*` needs a non-empty segment
  // and `**` needs non-empty text, i.e. anything but a single empty segment. That is exactly the
  // text-level reading "`*` is one or more non-dot characters, `**` one or more of any".
  const std::vector<std::string_view> parts = split_on_dots(id);
  const std::size_t n = parts.size();

  // rest[j]: the pattern segments after the current one match parts[j..]. Initially the empty
  // pattern suffix, which matches only the empty id suffix.
  std::vector<unsigned char> rest(n + 1, 0);
  rest[n] = 1;
  std::vector<unsigned char> current(n + 1, 0);
  // rest_from[j]: rest[k] for some k >= j, which lets `**` try every extent in O(1).
  std::vector<unsigned char> rest_from(n + 2, 0);

  for (std::size_t i = segments_.size(); i-- > 0;) {
    const std::string& segment = segments_[i];
    rest_from[n + 1] = 0;
    for (std::size_t j = n + 1; j-- > 0;) rest_from[j] = rest_from[j + 1] | rest[j];

    // Every pattern segment consumes at least one id segment, so nothing matches an empty suffix.
    current[n] = 0;
    for (std::size_t j = 0; j < n; ++j) {
      if (segment == "**") {
        current[j] = static_cast<unsigned char>((!parts[j].empty() && rest[j + 1]) || rest_from[j + 2]);
      } else if (segment == "*") {
        current[j] = static_cast<unsigned char>(!parts[j].empty() && rest[j + 1]);
      } else {
        current[j] = static_cast<unsigned char>(parts[j] == segment && rest[j + 1]);
      }
    }
    rest.swap(current);
  }
  return rest[0] != 0;
}

}  // namespace rolec::eval
