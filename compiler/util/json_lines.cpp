#include "util/json_lines.hpp"

#include <algorithm>

#include <simdjson.h>

#include <fmt/format.h>

#include <cstring>

namespace rolec::util {

string_lines::string_lines(std::string content) : content_(std::move(content)) {
  const std::size_t size = content_.size();
  content_.append(simdjson::SIMDJSON_PADDING, '\0');  // simdjson reads a little past each line
  // Room for lines of 32 bytes on average: a large input is not copied while the table grows, and
  // pages that stay unused are never touched.
  entries_.reserve(size / 32 + 16);
  std::size_t begin = 0;
  std::uint32_t line = 0;
  while (begin < size) {
    ++line;
    const char* newline = static_cast<const char*>(std::memchr(content_.data() + begin, '\n', size - begin));
    const std::size_t end = newline == nullptr ? size : static_cast<std::size_t>(newline - content_.data());
    std::size_t stop = end;
    while (stop > begin && (content_[stop - 1] == '\r' || content_[stop - 1] == ' ' || content_[stop - 1] == '\t')) --stop;
    std::size_t start = begin;
    while (start < stop && (content_[start] == ' ' || content_[start] == '\t')) ++start;
    if (start < stop) entries_.push_back({line, start, stop - start});
    begin = end + 1;
  }
}

bool string_lines::decode(const entry& e, std::string& out, std::string& error) const {
  thread_local simdjson::dom::parser parser;  // the DOM API picks the best kernel at run time
  std::string_view value;
  if (parser.parse(content_.data() + e.offset, e.length, false).get(value) != simdjson::SUCCESS) {
    error = fmt::format("line {}: expected one JSON string per line", e.line);
    return false;
  }
  out.assign(value);
  return true;
}

}  // namespace rolec::util
