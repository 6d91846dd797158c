#pragma once
// How the rules of grammar/toml_grammar.hpp become the tree (internal to parse.cpp): which rule
// is which node, what a failed `must<>` means, and the PEGTL control that builds nodes as rules
// match and turns a failure into a positioned error.

#include <tao/pegtl.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "format/cst.hpp"
#include "format/parse.hpp"
#include "toml_grammar.hpp"

namespace rolec::format::detail {

namespace g = grammar;

// clang-format off
// The node each rule makes when it matches; rules without one only group others.
template<typename Rule> inline constexpr std::optional<kind> node_of = std::nullopt;
template<> inline constexpr std::optional<kind> node_of<g::keyval> = kind::keyval;
template<> inline constexpr std::optional<kind> node_of<g::key> = kind::key;
template<> inline constexpr std::optional<kind> node_of<g::std_table> = kind::std_table;
template<> inline constexpr std::optional<kind> node_of<g::array_table> = kind::array_table;
template<> inline constexpr std::optional<kind> node_of<g::array> = kind::array;
template<> inline constexpr std::optional<kind> node_of<g::inline_table> = kind::inline_table;
template<> inline constexpr std::optional<kind> node_of<g::ws> = kind::whitespace;
template<> inline constexpr std::optional<kind> node_of<g::newline> = kind::newline;
template<> inline constexpr std::optional<kind> node_of<g::comment> = kind::comment;
template<> inline constexpr std::optional<kind> node_of<g::utf8_bom> = kind::byte_order_mark;
template<> inline constexpr std::optional<kind> node_of<g::dot_sep> = kind::punctuation;
template<> inline constexpr std::optional<kind> node_of<g::array_open> = kind::punctuation;
template<> inline constexpr std::optional<kind> node_of<g::array_sep> = kind::punctuation;
template<> inline constexpr std::optional<kind> node_of<g::array_close> = kind::punctuation;
template<> inline constexpr std::optional<kind> node_of<g::inline_table_open> = kind::punctuation;
template<> inline constexpr std::optional<kind> node_of<g::inline_table_sep> = kind::punctuation;
template<> inline constexpr std::optional<kind> node_of<g::inline_table_close> = kind::punctuation;
template<> inline constexpr std::optional<kind> node_of<g::keyval_sep> = kind::punctuation;
template<> inline constexpr std::optional<kind> node_of<g::std_table_open> = kind::punctuation;
template<> inline constexpr std::optional<kind> node_of<g::std_table_close> = kind::punctuation;
template<> inline constexpr std::optional<kind> node_of<g::array_table_open> = kind::punctuation;
template<> inline constexpr std::optional<kind> node_of<g::array_table_close> = kind::punctuation;
template<> inline constexpr std::optional<kind> node_of<g::bare_key> = kind::bare_key;
template<> inline constexpr std::optional<kind> node_of<g::basic_string> = kind::basic_string;
template<> inline constexpr std::optional<kind> node_of<g::literal_string> = kind::literal_string;
template<> inline constexpr std::optional<kind> node_of<g::ml_basic_string> = kind::ml_basic_string;
template<> inline constexpr std::optional<kind> node_of<g::ml_literal_string> = kind::ml_literal_string;
template<> inline constexpr std::optional<kind> node_of<g::integer> = kind::integer;
template<> inline constexpr std::optional<kind> node_of<g::float_> = kind::float_number;
template<> inline constexpr std::optional<kind> node_of<g::boolean> = kind::boolean;
template<> inline constexpr std::optional<kind> node_of<g::date_time> = kind::date_time;

// What was expected where a `must<>` failed.
template<typename Rule> inline constexpr std::string_view expected_of = "unexpected character";
template<> inline constexpr std::string_view expected_of<g::basic_close> = "expected `\"` to close the string on this line";
template<> inline constexpr std::string_view expected_of<g::literal_close> = "expected `'` to close the string on this line";
template<> inline constexpr std::string_view expected_of<g::ml_basic_close> = "expected `\"\"\"` to close the string";
template<> inline constexpr std::string_view expected_of<g::ml_literal_close> = "expected `'''` to close the string";
template<> inline constexpr std::string_view expected_of<g::key_after_dot> = "expected a key after `.`";
template<> inline constexpr std::string_view expected_of<g::table_key> = "expected a key in the table header";
template<> inline constexpr std::string_view expected_of<g::std_table_close> = "expected `]` to close the table header";
template<> inline constexpr std::string_view expected_of<g::array_table_close> = "expected `]]` to close the table header";
template<> inline constexpr std::string_view expected_of<g::keyval_sep> = "expected `=` after the key";
template<> inline constexpr std::string_view expected_of<g::keyval_value> = "expected a value after `=`";
template<> inline constexpr std::string_view expected_of<g::array_value> = "expected a value or `]` after `,`";
template<> inline constexpr std::string_view expected_of<g::array_close> = "expected `,` or `]` after the array's value";
template<> inline constexpr std::string_view expected_of<g::inline_keyval> = "expected `key = value` after `,`";
template<> inline constexpr std::string_view expected_of<g::inline_table_close> = "expected `,` or `}` in the inline table";
template<> inline constexpr std::string_view expected_of<g::line_end> = "expected the end of the line";
// clang-format on

/// A syntax error: the offset of the byte and the message.
struct syntax_error {
  std::uint32_t offset = 0;
  std::string_view message;
};

/// The tree under construction: the composites that are open, the document first.
struct builder {
  const char* begin = nullptr;
  std::vector<node> open;
  int nesting = 0;  ///< arrays and inline tables open

  [[nodiscard]] std::uint32_t offset(const char* at) const { return static_cast<std::uint32_t>(at - begin); }
};

/// PEGTL control: a rule with a node appends it to the innermost open composite when it
/// matches. Lookahead (`at<>`, `not_at<>`) matches without actions and makes no nodes; a
/// composite that fails is dropped with whatever it held.
template<typename Rule>
struct control : tao::pegtl::normal<Rule> {
  template<tao::pegtl::apply_mode A, tao::pegtl::rewind_mode M, template<typename...> class Action,
           template<typename...> class Control, typename ParseInput>
  [[nodiscard]] static bool match(ParseInput& in, builder& b) {
    using base = tao::pegtl::normal<Rule>;
    if constexpr (A == tao::pegtl::apply_mode::nothing || !node_of<Rule>.has_value()) {
      return base::template match<A, M, Action, Control>(in, b);
    } else if constexpr (*node_of<Rule> >= kind::whitespace) {
      const char* const start = in.current();
      if (!base::template match<A, M, Action, Control>(in, b)) return false;
      if (in.current() != start) {
        b.open.back().children.push_back(
            {*node_of<Rule>, std::string_view(start, static_cast<std::size_t>(in.current() - start)), {}, false});
      }
      return true;
    } else {
      constexpr bool nests = *node_of<Rule> == kind::array || *node_of<Rule> == kind::inline_table;
      if (nests && ++b.nesting > max_nesting) {
        throw syntax_error{b.offset(in.current()), "arrays and inline tables nest too deep"};
      }
      b.open.push_back({*node_of<Rule>, {}, {}, false});
      const bool matched = base::template match<A, M, Action, Control>(in, b);
      node done = std::move(b.open.back());
      b.open.pop_back();
      if (nests) --b.nesting;
      if (matched) {
        // Whether an array holds a comment is asked at every level of the layout: known here once.
        for (const node& child : done.children) {
          done.holds_comment = done.holds_comment || child.kind == kind::comment || child.holds_comment;
        }
        b.open.back().children.push_back(std::move(done));
      }
      return matched;
    }
  }

  template<typename ParseInput>
  [[noreturn]] static void raise(const ParseInput& in, builder& b) {
    throw syntax_error{b.offset(in.current()), expected_of<Rule>};
  }
};

}  // namespace rolec::format::detail
