#include "policy/toml_string.hpp"

#include <algorithm>

#include "util/utf8.hpp"

namespace rolec::policy {
namespace {

unsigned hex(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<unsigned>(c - 'A' + 10);
  return 16;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::optional<mapped_string> map_toml_string(std::string_view literal) {
  if (literal.size() < 2) return std::nullopt;
  const char quote = literal[0];
  if (quote != '"' && quote != '\'') return std::nullopt;
  const bool multi = literal.size() >= 6 && literal.substr(0, 3) == std::string(3, quote) &&
                     literal.substr(literal.size() - 3) == std::string(3, quote);
  const std::size_t open = multi ? 3 : 1;
  const std::size_t close = literal.size() - open;
  if (close < open) return std::nullopt;
  mapped_string out;
  std::size_t i = open;
  // A newline right after the opening delimiter of a multi-line string is not part of the value.
  if (multi) {
    if (literal.substr(i, 2) == "\r\n") {
      i += 2;
    } else if (i < close && literal[i] == '\n') {
      ++i;
    }
  }
  const auto emit = [&](std::string_view bytes, std::size_t from) {
    for (char c : bytes) {
      out.value += c;
      out.offsets.push_back(static_cast<std::uint32_t>(from));
    }
  };
  while (i < close) {
    const char c = literal[i];
    if (quote == '\'' || c != '\\') {  // literal strings have no escapes
      emit(literal.substr(i, 1), i);
      ++i;
      continue;
    }
    const std::size_t start = i;
    if (i + 1 >= close) return std::nullopt;
    const char e = literal[i + 1];
    switch (e) {
      case 'b': emit("\b", start); i += 2; break;
      case 't': emit("\t", start); i += 2; break;
      case 'n': emit("\n", start); i += 2; break;
      case 'f': emit("\f", start); i += 2; break;
      case 'r': emit("\r", start); i += 2; break;
      case 'e': emit("\x1B", start); i += 2; break;
      case '"': emit("\"", start); i += 2; break;
      case '\\': emit("\\", start); i += 2; break;
      case 'u':
      case 'U': {
        const std::size_t digits = e == 'u' ? 4 : 8;
        if (i + 2 + digits > close) return std::nullopt;
        char32_t cp = 0;
        for (std::size_t k = 0; k < digits; ++k) {
          const unsigned h = hex(literal[i + 2 + k]);
          if (h > 15) return std::nullopt;
          cp = cp * 16 + h;
        }
        std::string encoded;
        util::utf8_append(encoded, cp);
        emit(encoded, start);
        i += 2 + digits;
        break;
      }
      default: {
        // A line-ending backslash in a multi-line basic string swallows the newline and the
        // white space that follows.
        std::size_t j = i + 1;
        while (j < close && is_space(literal[j])) ++j;
        if (!multi || j >= close || (literal[j] != '\n' && literal[j] != '\r')) return std::nullopt;
        while (j < close && (is_space(literal[j]) || literal[j] == '\n' || literal[j] == '\r')) ++j;
        i = j;
      }
    }
  }
  out.offsets.push_back(static_cast<std::uint32_t>(close));
  return out;
}

diag::span file_span(const filter_source& filter, diag::span in_filter) {
  const auto last = static_cast<std::uint32_t>(filter.offsets.size() - 1);
  const std::uint32_t begin = filter.offsets[std::min(in_filter.begin, last)];
  // The end of a span is the position after its last byte: map that byte and step past it.
  std::uint32_t end = begin;
  if (in_filter.end > in_filter.begin) {
    const std::uint32_t final_byte = std::min(in_filter.end - 1, last);
    end = filter.offsets[final_byte] + 1;
    if (final_byte + 1 <= last && filter.offsets[final_byte + 1] > end) end = filter.offsets[final_byte + 1];
  }
  if (!filter.exact) return filter.literal.where;
  return {begin, std::max(begin, end)};
}

}  // namespace rolec::policy
