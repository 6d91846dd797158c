#include "eval/datetime.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace {

using rolec::eval::add_seconds;
using rolec::eval::datetime;
using rolec::eval::format_datetime;
using rolec::eval::parse_datetime;
using rolec::eval::seconds_between;

// What `dateTime(text)` serialises to, or "null" when it gives no value.
std::string normalised(std::string_view text) {
  const std::optional<datetime> value = parse_datetime(text);
  return value ? format_datetime(*value) : "null";
}

datetime parsed(std::string_view text) {
  const std::optional<datetime> value = parse_datetime(text);
  REQUIRE(value.has_value());
  return *value;
}

// What `dateTime(text) + seconds` serialises to, or "null" when it gives no value.
std::string shifted(std::string_view text, double seconds) {
  const std::optional<datetime> value = add_seconds(parsed(text), seconds);
  return value ? format_datetime(*value) : "null";
}

}  // namespace

TEST_CASE("A UTC timestamp parses to seconds since the Unix epoch and formats unchanged",
          "[eval][datetime]") {
  CHECK(parsed("1970-01-01T00:00:00Z") == datetime{0, 0});
  CHECK(parsed("2002-10-02T12:34:56Z") == datetime{1'033'562'096, 0});
  CHECK(parsed("2000-02-29T00:00:00Z") == datetime{951'782'400, 0});
  CHECK(normalised("2002-10-02T12:34:56Z") == "2002-10-02T12:34:56Z");
  CHECK(normalised("2006-01-02T15:04:05Z") == "2006-01-02T15:04:05Z");
}

TEST_CASE("Instants before 1970 have negative seconds and format with the right time of day",
          "[eval][datetime]") {
  CHECK(parsed("1969-12-31T23:59:59Z") == datetime{-1, 0});
  CHECK(parsed("1969-12-31T23:59:59.250Z") == datetime{-1, 250'000'000});
  CHECK(parsed("1900-01-01T00:00:00Z") == datetime{-2'208'988'800, 0});
  CHECK(format_datetime(datetime{-1, 250'000'000}) == "1969-12-31T23:59:59.250Z");
  CHECK(format_datetime(datetime{-86'400, 0}) == "1969-12-31T00:00:00Z");
  CHECK(format_datetime(datetime{-86'401, 0}) == "1969-12-30T23:59:59Z");
}

TEST_CASE("Offsets are applied and the result is normalised to Z", "[eval][datetime]") {
  CHECK(normalised("2002-10-02T12:34:56+01:00") == "2002-10-02T11:34:56Z");
  CHECK(normalised("2002-10-02T12:34:56+00:00") == "2002-10-02T12:34:56Z");
  CHECK(normalised("2002-10-02T12:34:56-00:00") == "2002-10-02T12:34:56Z");
  CHECK(normalised("2002-10-02T12:34:56-05:30") == "2002-10-02T18:04:56Z");
  CHECK(normalised("2002-10-02T12:34:56+23:59") == "2002-10-01T12:35:56Z");
  CHECK(normalised("2020-01-01T00:30:00+01:00") == "2019-12-31T23:30:00Z");
  CHECK(normalised("2019-12-31T23:30:00-01:00") == "2020-01-01T00:30:00Z");
  CHECK(normalised("2020-03-01T00:00:00.5+00:01") == "2020-02-29T23:59:00.500Z");
}

TEST_CASE("Datetimes written with different offsets compare as the same instant",
          "[eval][datetime]") {
  CHECK(parsed("2020-01-01T13:00:00+01:00") == parsed("2020-01-01T12:00:00Z"));
  CHECK(parsed("2020-01-01T00:00:00Z") == parsed("2020-01-01T01:00:00+01:00"));
  CHECK(parsed("2020-01-01T12:00:00Z") < parsed("2020-01-01T13:00:00Z"));
  CHECK(parsed("2020-01-01T12:00:00.001Z") > parsed("2020-01-01T12:00:00Z"));
  CHECK(parsed("2020-01-01T12:00:00.001Z") != parsed("2020-01-01T12:00:00Z"));
  CHECK(parsed("2006-01-02T15:04:08Z") > parsed("2006-01-02T15:04:05Z"));
  CHECK(parsed("1969-12-31T23:59:59.9Z") < parsed("1970-01-01T00:00:00Z"));
  CHECK(parsed("2020-01-01T12:00:00.000Z") == parsed("2020-01-01T12:00:00Z"));
}

TEST_CASE("Text that is not a full RFC 3339 timestamp gives no value", "[eval][datetime]") {
  CHECK(normalised("2002-10-02 12:34:56Z") == "null");
  CHECK(normalised("2002-10-02") == "null");
  CHECK(normalised("2002-10-02T12:34:56") == "null");
  CHECK(normalised("2002-10-02T12:34Z") == "null");
  CHECK(normalised("2002-10-02T12:34:56Zx") == "null");
  CHECK(normalised("2002-10-02T12:34:56Z ") == "null");
  CHECK(normalised(" 2002-10-02T12:34:56Z") == "null");
  CHECK(normalised("2002-10-02T12:34:56+01:00Z") == "null");
  CHECK(normalised("2002-10-02T12:34:56+0100") == "null");
  CHECK(normalised("2002-10-02T12:34:56+01") == "null");
  CHECK(normalised("2002-10-02T12:34:56+1:00") == "null");
  CHECK(normalised("2002-10-02T12:34:56.Z") == "null");
  CHECK(normalised("2002-10-02T12:34:56,5Z") == "null");
  CHECK(normalised("2002-10-02T12:34:56.5.5Z") == "null");
  CHECK(normalised("2002-10-2T12:34:56Z") == "null");
  CHECK(normalised("2002-1-02T12:34:56Z") == "null");
  CHECK(normalised("02-10-02T12:34:56Z") == "null");
  CHECK(normalised("+2002-10-02T12:34:56Z") == "null");
  CHECK(normalised("20021002T123456Z") == "null");
  CHECK(normalised("2002-10-02T1:34:56Z") == "null");
  CHECK(normalised("2002-10-02X12:34:56Z") == "null");
  CHECK(normalised("") == "null");
  CHECK(normalised("not a date") == "null");
}

TEST_CASE("Impossible calendar and clock values give no value", "[eval][datetime]") {
  CHECK(normalised("2020-02-30T00:00:00Z") == "null");
  CHECK(normalised("2021-02-29T00:00:00Z") == "null");
  CHECK(normalised("1900-02-29T00:00:00Z") == "null");
  CHECK(normalised("2020-04-31T00:00:00Z") == "null");
  CHECK(normalised("2020-01-32T00:00:00Z") == "null");
  CHECK(normalised("2020-01-00T00:00:00Z") == "null");
  CHECK(normalised("2020-00-10T00:00:00Z") == "null");
  CHECK(normalised("2020-13-01T00:00:00Z") == "null");
  CHECK(normalised("2020-01-01T24:00:00Z") == "null");
  CHECK(normalised("2020-01-01T25:00:00Z") == "null");
  CHECK(normalised("2020-01-01T12:60:00Z") == "null");
  CHECK(normalised("2016-12-31T23:59:60Z") == "null");
  CHECK(normalised("2020-01-01T12:00:00+24:00") == "null");
  CHECK(normalised("2020-01-01T12:00:00+01:60") == "null");
}

TEST_CASE("Leap days exist exactly in Gregorian leap years", "[eval][datetime]") {
  CHECK(normalised("2020-02-29T12:00:00Z") == "2020-02-29T12:00:00Z");
  CHECK(normalised("2000-02-29T12:00:00Z") == "2000-02-29T12:00:00Z");
  CHECK(normalised("2400-02-29T12:00:00Z") == "2400-02-29T12:00:00Z");
  CHECK(normalised("2100-02-29T12:00:00Z") == "null");
  CHECK(normalised("2019-02-29T12:00:00Z") == "null");
  CHECK(normalised("2020-12-31T23:59:59Z") == "2020-12-31T23:59:59Z");
}

TEST_CASE("Lowercase t and z are accepted as RFC 3339 allows", "[eval][datetime]") {
  CHECK(normalised("2002-10-02t12:34:56z") == "2002-10-02T12:34:56Z");
  CHECK(normalised("2002-10-02t12:34:56Z") == "2002-10-02T12:34:56Z");
  CHECK(normalised("2002-10-02T12:34:56.5z") == "2002-10-02T12:34:56.500Z");
  CHECK(normalised("2002-10-02t12:34:56+01:00") == "2002-10-02T11:34:56Z");
}

TEST_CASE("Date-times hold milliseconds, shown with 3 digits when there are any", "[eval][datetime]") {
  CHECK(normalised("2002-10-02T12:34:56.001Z") == "2002-10-02T12:34:56.001Z");
  CHECK(normalised("1985-04-12T23:20:50.52Z") == "1985-04-12T23:20:50.520Z");
  CHECK(normalised("2020-01-01T11:59:59.5Z") == "2020-01-01T11:59:59.500Z");
  CHECK(normalised("2020-01-01T11:59:59.000Z") == "2020-01-01T11:59:59Z");
  CHECK(normalised("2020-01-01T11:59:59.0Z") == "2020-01-01T11:59:59Z");
  CHECK(normalised("2020-01-01T11:59:59.120000Z") == "2020-01-01T11:59:59.120Z");
  CHECK(parsed("2020-01-01T11:59:59.123Z").nanos == 123'000'000);
}

TEST_CASE("Fraction digits beyond milliseconds are dropped, never rounded, as JavaScript drops them", "[eval][datetime]") {
  CHECK(normalised("2020-01-01T11:59:59.123456Z") == "2020-01-01T11:59:59.123Z");
  CHECK(normalised("2020-01-01T11:59:59.0001Z") == "2020-01-01T11:59:59Z");
  CHECK(normalised("2020-01-01T11:59:59.123456789123Z") == "2020-01-01T11:59:59.123Z");
  CHECK(normalised("2020-12-31T23:59:59.9999999999Z") == "2020-12-31T23:59:59.999Z");
  CHECK(parsed("2020-01-01T11:59:59.1239Z") == parsed("2020-01-01T11:59:59.123Z"));
}

TEST_CASE("Only instants within years 0001 to 9999 UTC exist", "[eval][datetime]") {
  CHECK(parsed("0001-01-01T00:00:00Z") == datetime{-62'135'596'800, 0});
  CHECK(parsed("9999-12-31T23:59:59Z") == datetime{253'402'300'799, 0});
  CHECK(normalised("0001-01-01T00:00:00Z") == "0001-01-01T00:00:00Z");
  CHECK(normalised("0099-03-01T00:00:00Z") == "0099-03-01T00:00:00Z");
  CHECK(normalised("9999-12-31T23:59:59.999999999Z") == "9999-12-31T23:59:59.999Z");
  CHECK(normalised("0000-12-31T23:59:59Z") == "null");
  CHECK(normalised("0001-01-01T00:30:00+01:00") == "null");
  CHECK(normalised("9999-12-31T23:30:00-01:00") == "null");
}

TEST_CASE("Every day from 0001 to 9999 survives formatting and parsing again",
          "[eval][datetime]") {
  const std::int64_t first = parsed("0001-01-01T00:00:00Z").seconds / 86'400;
  const std::int64_t last = parsed("9999-12-31T00:00:00Z").seconds / 86'400;
  REQUIRE(last - first == 3'652'058);
  int failures = 0;
  for (std::int64_t day = first; day <= last; ++day) {
    const datetime value{day * 86'400 + 43'200, 0};
    const std::optional<datetime> again = parse_datetime(format_datetime(value));
    if (!again || *again != value) ++failures;
  }
  CHECK(failures == 0);
}

TEST_CASE("Adding seconds shifts the instant by whole milliseconds, truncated as JavaScript's Date does", "[eval][datetime]") {
  CHECK(shifted("2020-01-01T11:00:00Z", 3600) == "2020-01-01T12:00:00Z");
  CHECK(shifted("2020-01-01T12:00:00Z", -3600) == "2020-01-01T11:00:00Z");
  CHECK(shifted("2020-01-01T12:00:00Z", -5) == "2020-01-01T11:59:55Z");
  CHECK(shifted("2020-01-01T11:59:59.500Z", 0.5) == "2020-01-01T12:00:00Z");
  CHECK(shifted("2020-01-01T12:00:00Z", -0.5) == "2020-01-01T11:59:59.500Z");
  CHECK(shifted("2020-01-01T12:00:00Z", -0.25) == "2020-01-01T11:59:59.750Z");
  CHECK(shifted("2020-01-01T12:00:00.750Z", 0.5) == "2020-01-01T12:00:01.250Z");
  CHECK(shifted("2020-01-01T12:00:00Z", 0.1) == "2020-01-01T12:00:00.100Z");
  CHECK(shifted("2020-01-01T12:00:00Z", 0.3) == "2020-01-01T12:00:00.300Z");
  CHECK(shifted("2020-01-01T12:00:00Z", 1e-9) == "2020-01-01T12:00:00Z");
  CHECK(shifted("2020-01-01T12:00:00Z", 0.0019) == "2020-01-01T12:00:00.001Z");
  CHECK(shifted("2020-01-01T12:00:00Z", -1.5e-6) == "2020-01-01T11:59:59.999Z");
  CHECK(shifted("1969-12-31T23:59:59Z", 0.0005) == "1969-12-31T23:59:59.001Z");  // -999.5 ms truncates toward zero
  CHECK(shifted("1969-12-31T23:59:59Z", 0.5) == "1969-12-31T23:59:59.500Z");
  CHECK(shifted("2020-01-01T12:00:00Z", 0) == "2020-01-01T12:00:00Z");
}

TEST_CASE("Adding seconds crosses days, months, years and leap days", "[eval][datetime]") {
  CHECK(shifted("2020-02-28T12:00:00Z", 86'400) == "2020-02-29T12:00:00Z");
  CHECK(shifted("2021-02-28T12:00:00Z", 86'400) == "2021-03-01T12:00:00Z");
  CHECK(shifted("2019-12-31T23:59:59Z", 1) == "2020-01-01T00:00:00Z");
  CHECK(shifted("2020-01-01T00:00:00Z", -0.001) == "2019-12-31T23:59:59.999Z");
  CHECK(shifted("1970-01-01T00:00:00Z", -1) == "1969-12-31T23:59:59Z");
  CHECK(shifted("2000-01-01T00:00:00Z", 366.0 * 86'400) == "2001-01-01T00:00:00Z");
}

TEST_CASE("Adding seconds gives no value outside years 0001 to 9999 or for non-finite numbers",
          "[eval][datetime]") {
  CHECK(shifted("9999-12-31T23:59:59Z", 0.5) == "9999-12-31T23:59:59.500Z");
  CHECK(shifted("9999-12-31T23:59:59Z", 1) == "null");
  CHECK(shifted("0001-01-01T00:00:00Z", -0.001) == "null");
  CHECK(shifted("2020-01-01T00:00:00Z", 1e300) == "null");
  CHECK(shifted("2020-01-01T00:00:00Z", -1e300) == "null");
  CHECK(shifted("2020-01-01T00:00:00Z", std::numeric_limits<double>::infinity()) == "null");
  CHECK(shifted("2020-01-01T00:00:00Z", std::numeric_limits<double>::quiet_NaN()) == "null");
  CHECK(shifted("0001-01-01T00:00:00Z", 315'537'897'599.0) == "9999-12-31T23:59:59Z");
}

TEST_CASE("The difference between two datetimes is in seconds, with fractions",
          "[eval][datetime]") {
  CHECK(seconds_between(parsed("2020-01-01T12:00:00Z"), parsed("2020-01-01T11:00:00Z")) == 3600.0);
  CHECK(seconds_between(parsed("2020-01-01T12:00:00Z"), parsed("2020-01-01T11:59:55Z")) == 5.0);
  CHECK(seconds_between(parsed("2020-01-01T12:00:00Z"), parsed("2020-01-01T11:59:59.5Z")) == 0.5);
  CHECK(seconds_between(parsed("2020-01-01T11:59:59.5Z"), parsed("2020-01-01T12:00:00Z")) ==
        -0.5);
  CHECK(seconds_between(parsed("2020-01-01T12:00:00.25Z"), parsed("2020-01-01T11:59:59.75Z")) ==
        0.5);
  CHECK(seconds_between(parsed("2020-01-01T13:00:00+01:00"), parsed("2020-01-01T12:00:00Z")) ==
        0.0);
  CHECK(seconds_between(parsed("2021-01-01T00:00:00Z"), parsed("2020-01-01T00:00:00Z")) ==
        366.0 * 86'400);
  CHECK(seconds_between(parsed("2020-01-01T00:00:00.001Z"), parsed("2020-01-01T00:00:00Z")) ==
        Approx(0.001).epsilon(1e-12));
}
