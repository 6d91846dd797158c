#include "eval/number_format.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

// Every expected string below was taken from node 20 (`String(x)`).

using rolec::eval::format_js_number;

TEST_CASE("Zero prints as 0 whatever its sign", "[eval][number_format]") {
  CHECK(format_js_number(0.0) == "0");
  CHECK(format_js_number(-0.0) == "0");
}

TEST_CASE("Integers print without a fraction or exponent", "[eval][number_format]") {
  CHECK(format_js_number(1.0) == "1");
  CHECK(format_js_number(-1.0) == "-1");
  CHECK(format_js_number(100.0) == "100");
  CHECK(format_js_number(100000.0) == "100000");
  CHECK(format_js_number(123456.0) == "123456");
  CHECK(format_js_number(2147483648.0) == "2147483648");
  CHECK(format_js_number(4294967296.0) == "4294967296");
  CHECK(format_js_number(1e16) == "10000000000000000");
}

TEST_CASE("Integers up to 2^53 print exactly and larger ones with shortest digits padded by zeros",
          "[eval][number_format]") {
  CHECK(format_js_number(9007199254740991.0) == "9007199254740991");
  CHECK(format_js_number(9007199254740992.0) == "9007199254740992");
  CHECK(format_js_number(-9007199254740992.0) == "-9007199254740992");
  CHECK(format_js_number(9007199254740994.0) == "9007199254740994");
  CHECK(format_js_number(12345678901234567.0) == "12345678901234568");
  CHECK(format_js_number(std::ldexp(1.0, 63)) == "9223372036854776000");
  CHECK(format_js_number(std::ldexp(1.0, 64)) == "18446744073709552000");
}

TEST_CASE("Fractions print with the shortest digits that round-trip", "[eval][number_format]") {
  CHECK(format_js_number(0.1) == "0.1");
  CHECK(format_js_number(0.2) == "0.2");
  CHECK(format_js_number(0.1 + 0.2) == "0.30000000000000004");
  CHECK(format_js_number(0.1 * 3) == "0.30000000000000004");
  CHECK(format_js_number(1.0 / 3) == "0.3333333333333333");
  CHECK(format_js_number(2.0 / 3) == "0.6666666666666666");
  CHECK(format_js_number(-1.0 / 3) == "-0.3333333333333333");
  CHECK(format_js_number(100.0 / 3) == "33.333333333333336");
  CHECK(format_js_number(1.5) == "1.5");
  CHECK(format_js_number(-2.5) == "-2.5");
  CHECK(format_js_number(3.14159) == "3.14159");
  CHECK(format_js_number(4.35) == "4.35");
  CHECK(format_js_number(123.456) == "123.456");
}

TEST_CASE("Numbers below 1e21 stay plain and from 1e21 on use an exponent with a plus sign",
          "[eval][number_format]") {
  CHECK(format_js_number(1e20) == "100000000000000000000");
  CHECK(format_js_number(123456789012345680000.0) == "123456789012345680000");
  CHECK(format_js_number(999999999999999900000.0) == "999999999999999900000");
  CHECK(format_js_number(9.999999999999999e20) == "999999999999999900000");
  CHECK(format_js_number(1e21) == "1e+21");
  CHECK(format_js_number(-1e21) == "-1e+21");
  CHECK(format_js_number(1.5e21) == "1.5e+21");
  CHECK(format_js_number(1.2345e25) == "1.2345e+25");
  CHECK(format_js_number(6.02214076e23) == "6.02214076e+23");
  CHECK(format_js_number(1e100) == "1e+100");
}

TEST_CASE("Numbers from 1e-6 on stay plain and smaller ones use a negative exponent",
          "[eval][number_format]") {
  CHECK(format_js_number(0.00001) == "0.00001");
  CHECK(format_js_number(0.000123) == "0.000123");
  CHECK(format_js_number(0.000001) == "0.000001");
  CHECK(format_js_number(0.0000015) == "0.0000015");
  CHECK(format_js_number(0.0000009999) == "9.999e-7");
  CHECK(format_js_number(1e-7) == "1e-7");
  CHECK(format_js_number(-1e-7) == "-1e-7");
  CHECK(format_js_number(1.5e-7) == "1.5e-7");
  CHECK(format_js_number(5e-7) == "5e-7");
  CHECK(format_js_number(25e-8) == "2.5e-7");
  CHECK(format_js_number(1e-100) == "1e-100");
}

TEST_CASE("The extreme finite doubles print like JavaScript", "[eval][number_format]") {
  CHECK(format_js_number(5e-324) == "5e-324");
  CHECK(format_js_number(-5e-324) == "-5e-324");
  CHECK(format_js_number(std::numeric_limits<double>::denorm_min()) == "5e-324");
  CHECK(format_js_number(2.2250738585072014e-308) == "2.2250738585072014e-308");
  CHECK(format_js_number(1.7976931348623157e308) == "1.7976931348623157e+308");
  CHECK(format_js_number(-1.7976931348623157e308) == "-1.7976931348623157e+308");
  CHECK(format_js_number(std::numeric_limits<double>::max()) == "1.7976931348623157e+308");
  CHECK(format_js_number(1.7e308) == "1.7e+308");
}

TEST_CASE("Non-finite values print as JavaScript names them", "[eval][number_format]") {
  CHECK(format_js_number(std::numeric_limits<double>::quiet_NaN()) == "NaN");
  CHECK(format_js_number(std::numeric_limits<double>::infinity()) == "Infinity");
  CHECK(format_js_number(-std::numeric_limits<double>::infinity()) == "-Infinity");
}
