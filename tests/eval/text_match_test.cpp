#include <catch2/catch.hpp>

#include "eval/text_match.hpp"
