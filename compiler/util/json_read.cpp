#include "util/json_read.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "util/utf8.hpp"

namespace rolec::util {
namespace {

// nlohmann's message without its exception id and position prefix (`[json.exception.parse_error.101]
// parse error at line 1, column 2: `), which the caller gives in its own form.
std::string reason_of(const nlohmann::json::exception& e) {
  std::string message = e.what();
  if (const auto colon = message.find(": "); colon != std::string::npos) message.erase(0, colon + 2);
  return message;
}

bool number_char(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'; }

// The first offset outside JSON strings at which `found(offset)` is true.
template<typename Found>
std::optional<std::size_t> find_outside_strings(std::string_view text, Found found) {
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (found(i)) {
      return i;
    }
  }
  return std::nullopt;
}

// Where the number `token` first stands on its own outside strings; 0 when it is not found.
std::size_t find_number(std::string_view text, std::string_view token) {
  return find_outside_strings(text, [&](std::size_t i) {
    return text.compare(i, token.size(), token) == 0 && (i == 0 || !number_char(text[i - 1])) &&
           (i + token.size() == text.size() || !number_char(text[i + token.size()]));
  }).value_or(0);
}

}  // namespace

text_position position_of(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t last_newline = before.rfind('\n');
  const std::size_t column = last_newline == std::string_view::npos ? offset + 1 : offset - last_newline;
  return {line, column};
}

std::optional<std::size_t> too_deep(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0;
  return find_outside_strings(text, [&](std::size_t i) {
    const char c = text[i];
    if (c == '[' || c == '{') return ++depth > max_depth;
    if ((c == ']' || c == '}') && depth > 0) --depth;
    return false;
  });
}

namespace detail {

json_error json_error_of(std::string_view text, const nlohmann::json::exception& e) {
  if (const auto* syntax = dynamic_cast<const nlohmann::json::parse_error*>(&e)) {
    // byte counts the bytes read, the offending one included; for a byte that is not UTF-8 it
    // stops at the string around it, so look for the byte itself from there.
    std::size_t offset = syntax->byte == 0 ? 0 : std::min<std::size_t>(syntax->byte - 1, text.size());
    std::string reason = reason_of(e);
    if (reason.find("UTF-8") != std::string::npos) {
      // It may also stop at the second byte of a bad sequence: start at the character before.
      std::size_t start = offset >= 3 ? offset - 3 : 0;
      while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
      const std::size_t bad = find_invalid_utf8(text.substr(start));
      if (bad != std::string_view::npos) offset = start + bad;
    }
    return {position_of(text, offset), std::move(reason)};
  }
  // The one other error of parsing: a number beyond the range of a double (406), which has no
  // position of its own. Its message quotes the number: find it in the text.
  const std::string message = e.what();
  const auto open = message.find('\'');
  const auto close = message.rfind('\'');
  if (e.id == 406 && open != std::string::npos && close > open) {
    const std::string number = message.substr(open + 1, close - open - 1);
    return {position_of(text, find_number(text, number)), fmt::format("the number `{}` is out of range", number)};
  }
  return {position_of(text, 0), reason_of(e)};
}

json_error nesting_error(std::string_view text, std::size_t offset, std::size_t max_depth) {
  return {position_of(text, offset), fmt::format("nested deeper than {} levels", max_depth), true};
}

}  // namespace detail
}  // namespace rolec::util
