// Letter case as JavaScript has it. The expected strings are what node's toLowerCase() and
// toUpperCase() give (Unicode's full default case mapping), checked when these tests were written.

#include <catch2/catch.hpp>

#include "util/text_case.hpp"

using rolec::util::regex_case_key;
using rolec::util::to_lower;
using rolec::util::to_upper;
using rolec::util::utf16_of;
using rolec::util::utf8_of;

TEST_CASE("lower and upper case are JavaScript's, full mappings included", "[util]") {
  CHECK(to_upper("straße") == "STRASSE");
  CHECK(to_upper("ﬀ") == "FF");
  CHECK(to_upper("ŉ") == "ʼN");
  CHECK(to_upper("ᾀ") == "ἈΙ");
  CHECK(to_upper("😀ß") == "😀SS");
  CHECK(to_lower("İstanbul") == "i̇stanbul");  // i and a combining dot above
  CHECK(to_lower("ΌΣΟΣ") == "όσος");           // the final sigma
  CHECK(to_lower("ǅ") == "ǆ");
  CHECK(to_lower("Ω") == "ω");                 // the Ohm sign
  CHECK(to_lower("ABC xyz") == "abc xyz");
  CHECK(to_upper("") == "");
}

TEST_CASE("an invalid UTF-8 byte becomes U+FFFD, and UTF-16 round trips", "[util]") {
  CHECK(to_upper("a\xFF" "é") == "A\uFFFDÉ");
  CHECK(utf8_of(utf16_of("x😀é")) == "x😀é");
  CHECK(utf16_of("😀").size() == 2);
  const char16_t lone_surrogate[] = {u'a', 0xD800, u'b'};
  CHECK(utf8_of(std::u16string_view(lone_surrogate, 3)) == "a\uFFFDb");
}

TEST_CASE("case-insensitive regular expressions compare units by their one-unit upper case", "[util]") {
  CHECK(regex_case_key(u'a') == u'A');
  CHECK(regex_case_key(u'A') == u'A');
  CHECK(regex_case_key(u'σ') == u'Σ');
  CHECK(regex_case_key(u'ς') == u'Σ');
  CHECK(regex_case_key(u'ß') == u'ß');            // upper case is two units: kept
  CHECK(regex_case_key(u'ſ') == u'ſ');            // upper case is ASCII `S`: kept
  CHECK(regex_case_key(u'ı') == u'ı');            // likewise `I`
  CHECK(regex_case_key(0x212A) == 0x212A);        // the Kelvin sign is upper case already
  CHECK(regex_case_key(0xD83D) == 0xD83D);        // half of a surrogate pair
}
