#include <catch2/catch.hpp>

#include <tao/pegtl/contrib/analyze.hpp>

#include "groq_grammar.hpp"

TEST_CASE("the GROQ grammar has no rules that can loop without consuming input", "[groq][grammar]") {
  // pegtl::analyze reports cycles that make no progress; it returns the number of problems.
  CHECK(tao::pegtl::analyze<rolec::groq::grammar::query>() == 0);
}
