#include "eval/datetime.hpp"

#include <chrono>
#include <algorithm>
#include <cmath>
#include <cstddef>

namespace rolec::eval {

namespace {

constexpr std::int64_t seconds_per_day = 86'400;
constexpr std::int32_t nanos_per_second = 1'000'000'000;

struct civil_date {
  std::int64_t year;
  int month;  // 1..12
  int day;    // 1..31
};

// Day count relative to 1970-01-01 in the proleptic Gregorian calendar. Eras of 400 years repeat
// exactly, and starting the year in March puts the leap day last, so month lengths follow a
// fixed pattern that (153 * m + 2) / 5 reproduces.
constexpr std::int64_t days_from_civil(std::int64_t year, int month, int day) {
  const std::int64_t y = month <= 2 ? year - 1 : year;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t year_of_era = y - era * 400;
  const std::int64_t shifted_month = month > 2 ? month - 3 : month + 9;
  const std::int64_t day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146'097 + day_of_era - 719'468;
}

// The inverse of days_from_civil.
constexpr civil_date civil_from_days(std::int64_t days) {
  const std::int64_t z = days + 719'468;
  const std::int64_t era = (z >= 0 ? z : z - 146'096) / 146'097;
  const std::int64_t day_of_era = z - era * 146'097;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1'460 + day_of_era / 36'524 - day_of_era / 146'096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;
  const auto day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  const auto month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return {year, month, day};
}

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11'017);
static_assert(civil_from_days(11'017).year == 2000 && civil_from_days(11'017).month == 3);

constexpr bool is_leap_year(std::int64_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

constexpr int days_in_month(std::int64_t year, int month) {
  constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return lengths[month - 1];
}

// GROQ datetimes serialise with a four-digit year, so only years 0001-9999 (UTC) are
// representable; an offset may not push a parsed value outside that range either.
constexpr std::int64_t min_seconds = days_from_civil(1, 1, 1) * seconds_per_day;
constexpr std::int64_t max_seconds = days_from_civil(10'000, 1, 1) * seconds_per_day - 1;

constexpr bool in_range(std::int64_t seconds) {
  return seconds >= min_seconds && seconds <= max_seconds;
}

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A cursor over the input that reads fixed-width fields; every read fails once anything is
// missing, so the parser can check all fields and test for failure once per step.
class reader {
 public:
  explicit reader(std::string_view text) : text_(text) {}

  std::optional<int> digits(std::size_t count) {
    if (text_.size() - pos_ < count) return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const char c = text_[pos_ + i];
      if (!is_digit(c)) return std::nullopt;
      value = value * 10 + (c - '0');
    }
    pos_ += count;
    return value;
  }

  // RFC 3339 (section 5.6) allows `t` and `z` in lowercase, so `literal` matches either case
  // when given an uppercase letter.
  bool literal(char expected) {
    if (pos_ >= text_.size()) return false;
    const char c = text_[pos_];
    const bool matches = c == expected || (expected >= 'A' && expected <= 'Z' &&
                                           c == static_cast<char>(expected - 'A' + 'a'));
    if (matches) ++pos_;
    return matches;
  }

  [[nodiscard]] std::optional<char> peek() const {
    if (pos_ >= text_.size()) return std::nullopt;
    return text_[pos_];
  }

  void skip() { ++pos_; }

  [[nodiscard]] bool at_end() const { return pos_ == text_.size(); }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// Reads the digits after the decimal point, in nanoseconds. Date-times hold milliseconds, as
// groq-js's (JavaScript's) do and as the specification requires; finer digits are dropped rather
// than rounded, as JavaScript drops them, so that rounding can never carry into the seconds.
std::optional<std::int32_t> read_fraction(reader& in) {
  std::int32_t nanos = 0;
  int count = 0;
  while (true) {
    const std::optional<char> c = in.peek();
    if (!c || !is_digit(*c)) break;
    if (count < 3) nanos = nanos * 10 + (*c - '0');
    ++count;
    in.skip();
  }
  if (count == 0) return std::nullopt;
  for (int i = std::min(count, 3); i < 9; ++i) nanos *= 10;
  return nanos;
}

// Offset of local time from UTC in seconds: `Z` is 0, `+01:00` is 3600.
std::optional<std::int64_t> read_offset(reader& in) {
  if (in.literal('Z')) return 0;
  const std::optional<char> sign = in.peek();
  if (!sign || (*sign != '+' && *sign != '-')) return std::nullopt;
  in.skip();
  const std::optional<int> hours = in.digits(2);
  if (!hours || !in.literal(':')) return std::nullopt;
  const std::optional<int> minutes = in.digits(2);
  if (!minutes || *hours > 23 || *minutes > 59) return std::nullopt;
  const std::int64_t magnitude = *hours * 3'600 + *minutes * 60;
  return *sign == '-' ? -magnitude : magnitude;
}

void append_padded(std::string& out, std::int64_t value, int width) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  if (value < 0) out += '-';
  for (auto i = static_cast<int>(digits.size()); i < width; ++i) out += '0';
  out += digits;
}

}  // namespace

std::optional<datetime> parse_datetime(std::string_view text) {
  reader in(text);
  const std::optional<int> year = in.digits(4);
  if (!year || !in.literal('-')) return std::nullopt;
  const std::optional<int> month = in.digits(2);
  if (!month || !in.literal('-')) return std::nullopt;
  const std::optional<int> day = in.digits(2);
  if (!day || !in.literal('T')) return std::nullopt;
  const std::optional<int> hour = in.digits(2);
  if (!hour || !in.literal(':')) return std::nullopt;
  const std::optional<int> minute = in.digits(2);
  if (!minute || !in.literal(':')) return std::nullopt;
  const std::optional<int> second = in.digits(2);
  if (!second) return std::nullopt;

  std::int32_t nanos = 0;
  if (in.literal('.')) {
    const std::optional<std::int32_t> fraction = read_fraction(in);
    if (!fraction) return std::nullopt;
    nanos = *fraction;
  }
  const std::optional<std::int64_t> offset = read_offset(in);
  if (!offset || !in.at_end()) return std::nullopt;

  // Leap seconds (second 60) are rejected: the value could not be told apart from the next
  // minute, and GROQ requires that only valid date/time combinations exist.
  if (*month < 1 || *month > 12 || *day < 1 || *day > days_in_month(*year, *month) ||
      *hour > 23 || *minute > 59 || *second > 59) {
    return std::nullopt;
  }

  const std::int64_t local = days_from_civil(*year, *month, *day) * seconds_per_day +
                             *hour * 3'600 + *minute * 60 + *second;
  const std::int64_t utc = local - *offset;
  if (!in_range(utc)) return std::nullopt;
  return datetime{utc, nanos};
}

std::string format_datetime(const datetime& value) {
  // Floor division keeps the time of day non-negative for instants before 1970.
  std::int64_t days = value.seconds / seconds_per_day;
  std::int64_t second_of_day = value.seconds % seconds_per_day;
  if (second_of_day < 0) {
    second_of_day += seconds_per_day;
    --days;
  }
  const civil_date date = civil_from_days(days);

  std::string out;
  out.reserve(30);
  append_padded(out, date.year, 4);
  out += '-';
  append_padded(out, date.month, 2);
  out += '-';
  append_padded(out, date.day, 2);
  out += 'T';
  append_padded(out, second_of_day / 3'600, 2);
  out += ':';
  append_padded(out, second_of_day / 60 % 60, 2);
  out += ':';
  append_padded(out, second_of_day % 60, 2);

  if (value.nanos != 0) {
    out += '.';
    if (value.nanos % 1'000'000 == 0) {
      append_padded(out, value.nanos / 1'000'000, 3);
    } else if (value.nanos % 1'000 == 0) {
      append_padded(out, value.nanos / 1'000, 6);
    } else {
      append_padded(out, value.nanos, 9);
    }
  }
  out += 'Z';
  return out;
}

std::string format_datetime_millis(const datetime& value) {
  // The whole seconds as format_datetime writes them, then the milliseconds, always three digits.
  std::string out = format_datetime(datetime{value.seconds, 0});
  out.pop_back();  // the `Z`
  out += '.';
  append_padded(out, value.nanos / 1'000'000, 3);
  out += 'Z';
  return out;
}

std::optional<datetime> add_seconds(const datetime& value, double seconds) {
  // Anything beyond the width of the representable range fails anyway; checking first keeps the
  // conversion to an integer defined.
  constexpr double limit = static_cast<double>(max_seconds - min_seconds) + 1.0;
  if (!std::isfinite(seconds) || std::fabs(seconds) > limit) return std::nullopt;

  // In milliseconds, as JavaScript's Date adds them: the sum in doubles, truncated toward zero
  // (every instant of years 0000 to 9999 is an integer of milliseconds a double holds exactly).
  const double millis = std::trunc(static_cast<double>(value.seconds) * 1000.0 + value.nanos / 1'000'000 + seconds * 1000.0);
  const auto total = static_cast<std::int64_t>(millis);
  std::int64_t result_seconds = total / 1000;
  std::int64_t rest = total % 1000;
  if (rest < 0) {
    rest += 1000;
    --result_seconds;
  }
  if (!in_range(result_seconds)) return std::nullopt;
  return datetime{result_seconds, static_cast<std::int32_t>(rest * 1'000'000)};
}

double seconds_between(const datetime& a, const datetime& b) {
  // Dividing (rather than multiplying by 1e-9) gives exact results for exact fractions such
  // as half a second.
  return static_cast<double>(a.seconds - b.seconds) +
         static_cast<double>(a.nanos - b.nanos) / static_cast<double>(nanos_per_second);
}

datetime current_time() {
  const auto since = std::chrono::system_clock::now().time_since_epoch();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since);
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(since - seconds);
  const auto millis = nanos.count() / 1000000 * 1000000;
  return {seconds.count(), static_cast<std::int32_t>(millis)};
}

}  // namespace rolec::eval
