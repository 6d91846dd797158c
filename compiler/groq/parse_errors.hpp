#pragma once
// Error policy of the GROQ grammar (internal): which rule's failure means what, and the PEGTL
// control that turns a failed `must<>` into a positioned diagnostic. The messages themselves
// are in parse_errors.cpp.

#include <tao/pegtl.hpp>

#include "groq_grammar.hpp"
#include "groq/parse.hpp"
#include "groq/parse_state.hpp"

namespace rolec::groq::detail {

/// What the parser expected when a `must<>` failed.
enum class expectation : unsigned char {
  generic,
  expression,         // the whole query, or an operand after an operator or opening token
  end_of_query,       // the expression is complete; anything else is unexpected
  close_paren,
  close_bracket,
  close_brace,
  bracket_close,      // the `]` of a traversal
  string_close,
  escape_sequence,
  braced_code_point,
  exponent_digits,
  parameter_name,
  func_identifier,
  func_call_args,
  dot_target,
  bracket_inner,
  pipe_target,
  assignment,
  func_params,
  func_parameter,
  func_decl_equals,
  func_decl_end,
};

// clang-format off
template<typename Rule> inline constexpr expectation expected_of = expectation::generic;
template<> inline constexpr expectation expected_of<grammar::expression> = expectation::expression;
template<> inline constexpr expectation expected_of<grammar::traversal_expression> = expectation::expression;
template<> inline constexpr expectation expected_of<grammar::operand> = expectation::expression;
template<> inline constexpr expectation expected_of<grammar::end_of_query> = expectation::end_of_query;
template<> inline constexpr expectation expected_of<grammar::close_paren> = expectation::close_paren;
template<> inline constexpr expectation expected_of<grammar::close_bracket> = expectation::close_bracket;
template<> inline constexpr expectation expected_of<grammar::close_brace> = expectation::close_brace;
template<> inline constexpr expectation expected_of<grammar::bracket_close> = expectation::bracket_close;
template<> inline constexpr expectation expected_of<grammar::double_close> = expectation::string_close;
template<> inline constexpr expectation expected_of<grammar::single_close> = expectation::string_close;
template<> inline constexpr expectation expected_of<grammar::escape_sequence> = expectation::escape_sequence;
template<> inline constexpr expectation expected_of<grammar::braced_code_point> = expectation::braced_code_point;
template<> inline constexpr expectation expected_of<grammar::exponent_digits> = expectation::exponent_digits;
template<> inline constexpr expectation expected_of<grammar::parameter_name> = expectation::parameter_name;
template<> inline constexpr expectation expected_of<grammar::func_identifier> = expectation::func_identifier;
template<> inline constexpr expectation expected_of<grammar::func_call_args> = expectation::func_call_args;
template<> inline constexpr expectation expected_of<grammar::dot_target> = expectation::dot_target;
template<> inline constexpr expectation expected_of<grammar::bracket_inner> = expectation::bracket_inner;
template<> inline constexpr expectation expected_of<grammar::pipe_target> = expectation::pipe_target;
template<> inline constexpr expectation expected_of<grammar::single_equals> = expectation::assignment;
template<> inline constexpr expectation expected_of<grammar::func_decl_name> = expectation::func_identifier;
template<> inline constexpr expectation expected_of<grammar::func_params> = expectation::func_params;
template<> inline constexpr expectation expected_of<grammar::parameter> = expectation::func_parameter;
template<> inline constexpr expectation expected_of<grammar::func_decl_equals> = expectation::func_decl_equals;
template<> inline constexpr expectation expected_of<grammar::func_decl_end> = expectation::func_decl_end;

// clang-format on

/// Throws the syntax error for a failed expectation at byte offset `at`.
[[noreturn]] void raise_syntax_error(expectation what, const parse_state& st, std::uint32_t at);

/// Throws the "nesting too deep" error at byte offset `at`.
[[noreturn]] void raise_too_deep(const parse_state& st, std::uint32_t at);

/// PEGTL control: bounded recursion, one operator-precedence frame per expression, and
/// positioned diagnostics instead of PEGTL's messages. The grammar recurses only through
/// `expression`, so bounding its depth bounds the stack.
template<typename Rule>
struct control : tao::pegtl::normal<Rule> {
  static constexpr bool is_expression = std::is_same_v<Rule, grammar::expression>;

  template<typename Input>
  static void start(const Input& in, parse_state& st) {
    if constexpr (is_expression) {
      if (++st.nesting > max_nesting) raise_too_deep(st, st.offset(in.current()));
      st.frames.push_back(st.operators.size());
    }
  }
  template<typename Input>
  static void success(const Input&, parse_state& st) {
    if constexpr (is_expression) {
      --st.nesting;
      st.frames.pop_back();
    }
  }
  template<typename Input>
  static void failure(const Input&, parse_state& st) {
    if constexpr (is_expression) {
      --st.nesting;
      st.frames.pop_back();
    }
  }
  template<typename Input>
  [[noreturn]] static void raise(const Input& in, parse_state& st) {
    raise_syntax_error(expected_of<Rule>, st, st.offset(in.current()));
  }
};

}  // namespace rolec::groq::detail
