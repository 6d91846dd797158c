#include "util/json_lines.hpp"

#include <simdjson.h>

#include <fmt/format.h>

namespace rolec::util {

bool string_lines::decode(std::string_view content, std::string& error) {
  const simdjson::padded_string padded(content);
  simdjson::dom::parser parser;  // the DOM API picks the best kernel at run time
  buffer_.clear();
  buffer_.reserve(content.size());
  entries_.clear();
  std::size_t begin = 0;
  std::uint32_t line = 0;
  while (begin < content.size()) {
    ++line;
    std::size_t end = content.find('\n', begin);
    if (end == std::string_view::npos) end = content.size();
    std::size_t stop = end;
    if (stop > begin && content[stop - 1] == '\r') --stop;
    const std::string_view raw = content.substr(begin, stop - begin);
    if (raw.find_first_not_of(" \t") != std::string_view::npos) {
      std::string_view value;
      // `padded` keeps SIMDJSON_PADDING readable bytes after every line, so no copy is needed.
      if (parser.parse(padded.data() + begin, stop - begin, false).get(value) != simdjson::SUCCESS) {
        error = fmt::format("line {}: expected one JSON string per line", line);
        return false;
      }
      entries_.push_back({line, buffer_.size(), value.size()});
      buffer_.append(value);
    }
    begin = end + 1;
  }
  return true;
}

}  // namespace rolec::util
