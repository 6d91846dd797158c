#pragma once
/// GROQ datetimes: RFC 3339 timestamps, compared as instants (spec "Datetime", `dateTime()`).

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rolec::eval {

/// An instant in UTC: whole seconds since 1970-01-01T00:00:00Z and nanoseconds within the second
/// (0..999,999,999). Seconds may be negative (dates before 1970).
struct datetime {
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;
  friend constexpr auto operator<=>(const datetime&, const datetime&) = default;
};

/// Parses an RFC 3339 timestamp `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)` (`t` and `z`
/// may be lowercase, as RFC 3339 allows; fraction digits past milliseconds are dropped, as in JavaScript). Returns
/// nothing for anything else: a date without a time, a space for `T`, impossible calendar values
/// (February 30, hour 25, minute 60, leap second 60), trailing text, or an instant outside years
/// 0001-9999 UTC.
[[nodiscard]] std::optional<datetime> parse_datetime(std::string_view text);

/// The current time, to the millisecond (GROQ keeps milliseconds): the default of `now()`.
[[nodiscard]] datetime current_time();

/// Formats in UTC with a `Z` suffix: no fraction when the instant has no sub-second part,
/// 3 digits when it has millisecond precision, 6 or 9 digits when finer (`2006-01-02T15:04:05Z`,
/// `2006-01-02T15:04:05.508Z`).
[[nodiscard]] std::string format_datetime(const datetime& value);

/// Formats as JavaScript's `Date.prototype.toISOString` does, which is what `now()` returns in
/// groq-js (and so in Studio): always three fraction digits, anything finer dropped
/// (`2006-01-02T15:04:05.000Z`).
[[nodiscard]] std::string format_datetime_millis(const datetime& value);

/// `value` shifted by `seconds` (fractions kept to the nanosecond); nothing if the result falls
/// outside years 0001-9999.
[[nodiscard]] std::optional<datetime> add_seconds(const datetime& value, double seconds);

/// `a - b` in seconds.
[[nodiscard]] double seconds_between(const datetime& a, const datetime& b);

}  // namespace rolec::eval
