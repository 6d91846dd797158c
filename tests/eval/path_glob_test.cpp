#include <catch2/catch.hpp>

#include "eval/path_glob.hpp"
