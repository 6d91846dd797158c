#pragma once
/// Numbers as text, the way GROQ implementations show them (`string(x)`).

#include <string>

namespace rolec::eval {

/// The text of a finite double as JavaScript's Number.prototype.toString gives it, which is what
/// groq-js and the conformance suite expect from `string()`: shortest round-trip digits, plain
/// notation for 1e-6 <= |x| < 1e21 (`0.30000000000000004`, `100000`, `0.000001`), exponent
/// notation otherwise (`1e-7`, `1.5e-7`, `1e+21`), `-0` as `0`.
[[nodiscard]] std::string format_js_number(double value);

}  // namespace rolec::eval
