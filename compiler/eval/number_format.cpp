#include "eval/number_format.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <string_view>
#include <system_error>

namespace rolec::eval {

std::string format_js_number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  // Also covers -0, which JavaScript prints without its sign.
  if (value == 0) return "0";

  // Scientific notation without a precision yields the shortest digits that round-trip, choosing
  // the closest such digits, which is the digit string ECMAScript's Number::toString asks for.
  // It looks like "-1.2345e+02"; the layout rules below are applied to its parts.
  std::array<char, 32> buffer{};
  const std::to_chars_result converted =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                    std::chars_format::scientific);
  if (converted.ec != std::errc{}) return "NaN";  // Unreachable: the buffer is large enough.
  const std::string_view text(buffer.data(),
                              static_cast<std::size_t>(converted.ptr - buffer.data()));

  const std::size_t e_pos = text.find('e');
  std::string_view mantissa = text.substr(0, e_pos);
  int exponent = 0;
  const std::string_view exponent_text = text.substr(e_pos + 1);
  const char* exponent_begin = exponent_text.data() + (exponent_text.front() == '+' ? 1 : 0);
  std::from_chars(exponent_begin, exponent_text.data() + exponent_text.size(), exponent);

  std::string result;
  if (mantissa.front() == '-') {
    result += '-';
    mantissa.remove_prefix(1);
  }
  std::string digits;
  for (const char c : mantissa) {
    if (c != '.') digits += c;
  }

  // In the specification's terms, the value is 0.digits × 10^n with k significant digits.
  const auto k = static_cast<int>(digits.size());
  const int n = exponent + 1;

  if (k <= n && n <= 21) {
    result += digits;
    result.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    result.append(digits, 0, static_cast<std::size_t>(n));
    result += '.';
    result.append(digits, static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    result += "0.";
    result.append(static_cast<std::size_t>(-n), '0');
    result += digits;
  } else {
    result += digits[0];
    if (k > 1) {
      result += '.';
      result.append(digits, 1);
    }
    result += 'e';
    result += n - 1 < 0 ? '-' : '+';
    result += std::to_string(n - 1 < 0 ? 1 - n : n - 1);
  }
  return result;
}

}  // namespace rolec::eval
