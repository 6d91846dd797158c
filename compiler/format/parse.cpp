// The grammar (grammar/toml_grammar.hpp), the nodes it makes and its errors
// (format/parse_control.hpp) meet here.

#include "format/parse.hpp"

#include <tao/pegtl.hpp>

#include "format/parse_control.hpp"

namespace rolec::format {

template<typename Rule>
struct no_action : tao::pegtl::nothing<Rule> {};

parse_result parse(std::string_view text) {
  parse_result result;
  detail::builder b;
  b.begin = text.data();
  b.open.push_back({kind::document, {}, {}, false});
  tao::pegtl::memory_input<tao::pegtl::tracking_mode::lazy> input(text.data(), text.size(), "");
  try {
    tao::pegtl::parse<grammar::toml, no_action, detail::control>(input, b);
    result.root = std::move(b.open.front());
  } catch (const detail::syntax_error& e) {
    const std::uint32_t at = e.offset;
    result.error = diag::make(diag::rule::toml_syntax, {at, at + 1}, "invalid TOML: " + std::string(e.message),
                              "the file is left as it is");
  }
  return result;
}

}  // namespace rolec::format
