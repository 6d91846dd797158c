#pragma once
// GROQ grammar, GROQ-1 revision 3 (https://spec.groq.dev, sanity-io/GROQ tag GROQ-1.revision3),
// as PEGTL rule types only. Rules carry the names of the spec's productions where one exists.
// The actions that build the AST live in compiler/groq/parse_actions.hpp and the error
// messages in compiler/groq/parse_errors.hpp.
//
// The grammar accepts every construct of the language, including those a permission filter may
// not use (`*`, `->`, `^`, pipes); the validation passes reject them with precise diagnostics.

#include <string_view>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

namespace rolec::groq::grammar {

namespace pegtl = tao::pegtl;
using pegtl::at;
using pegtl::eof;
using pegtl::if_must;
using pegtl::must;
using pegtl::not_at;
using pegtl::one;
using pegtl::opt;
using pegtl::plus;
using pegtl::ranges;
using pegtl::rep;
using pegtl::seq;
using pegtl::sor;
using pegtl::star;
using pegtl::string;
using pegtl::success;
using pegtl::two;
namespace utf8 = pegtl::utf8;

// clang-format off

// --- Syntax: white space and comments -------------------------------------------------------
// WhiteSpace is TAB, LF, VT, FF, CR, SPACE, U+0085 and U+00A0; a Comment runs from `//` to the end
// of the line. The parser tries `ws` before nearly every token, so it is one hand-written loop
// rather than a composition of rules. A comment stops at bytes that are not UTF-8, so that the
// next token reports them.
struct ws {
  using rule_t = ws;
  using subs_t = pegtl::empty_list;

  template<typename ParseInput>
  [[nodiscard]] static bool match(ParseInput& in) noexcept {
    const char* const begin = in.current();
    const char* const end = in.end();
    const char* p = begin;
    while (p < end) {
      const auto c = static_cast<unsigned char>(*p);
      if (c == ' ' || (c >= '\t' && c <= '\r')) {
        ++p;
      } else if (c == 0xC2 && p + 1 < end && (static_cast<unsigned char>(p[1]) == 0x85 || static_cast<unsigned char>(p[1]) == 0xA0)) {
        p += 2;
      } else if (c == '/' && p + 1 < end && p[1] == '/') {
        p = skip_comment(p + 2, end);
      } else {
        break;
      }
    }
    in.bump(static_cast<std::size_t>(p - begin));
    return true;
  }

 private:
  static const char* skip_comment(const char* p, const char* end) noexcept {
    while (p < end && *p != '\n') {
      const auto c = static_cast<unsigned char>(*p);
      if (c < 0x80) {
        ++p;
        continue;
      }
      const int length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
      if (length == 0 || end - p < length) return p;
      const char32_t first = c & (0x7F >> length);
      char32_t cp = first;
      for (int i = 1; i < length; ++i) {
        const auto k = static_cast<unsigned char>(p[i]);
        if ((k & 0xC0) != 0x80) return p;
        cp = (cp << 6) | (k & 0x3F);
      }
      const char32_t minimum = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
      if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return p;
      p += length;
    }
    return p;
  }
};

struct whitespace_char : one<' ', '\t', '\n', '\v', '\f', '\r'> {};

// --- Syntax: identifiers and keywords -------------------------------------------------------
struct identifier_first : ranges<'a', 'z', 'A', 'Z', '_'> {};
struct identifier_other : ranges<'a', 'z', 'A', 'Z', '0', '9', '_'> {};
// Identifier : /[A-Za-z_][A-Za-z_0-9]*/, matched by a loop: names are the most frequent token.
struct identifier {
  using rule_t = identifier;
  using subs_t = pegtl::empty_list;

  template<typename ParseInput>
  [[nodiscard]] static bool match(ParseInput& in) noexcept {
    const char* p = in.current();
    const char* const end = in.end();
    const auto word = [](char c, bool first) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (!first && c >= '0' && c <= '9');
    };
    if (p == end || !word(*p, true)) return false;
    ++p;
    while (p < end && word(*p, false)) ++p;
    in.bump(static_cast<std::size_t>(p - in.current()));
    return true;
  }
};
template<typename Word> struct keyword : seq<Word, not_at<identifier_other>> {};
struct kw_null : keyword<string<'n', 'u', 'l', 'l'>> {};
struct kw_true : keyword<string<'t', 'r', 'u', 'e'>> {};
struct kw_false : keyword<string<'f', 'a', 'l', 's', 'e'>> {};
struct kw_in : keyword<string<'i', 'n'>> {};
struct kw_match : keyword<string<'m', 'a', 't', 'c', 'h'>> {};
struct kw_asc : keyword<string<'a', 's', 'c'>> {};
struct kw_desc : keyword<string<'d', 'e', 's', 'c'>> {};
struct kw_fn : keyword<string<'f', 'n'>> {};

// --- Data types: Number ---------------------------------------------------------------------
struct digits : plus<pegtl::digit> {};
struct fractional : seq<one<'.'>, digits> {};
struct exponent_digits : digits {};
struct exponent : seq<one<'e', 'E'>, opt<one<'+', '-'>>, must<exponent_digits>> {};
struct number : seq<digits, opt<fractional>, opt<exponent>> {};

// --- Data types: String ---------------------------------------------------------------------
struct single_escape : one<'"', '\'', '\\', '/', 'b', 'f', 'n', 'r', 't'> {};
struct braced_code_point : seq<plus<pegtl::xdigit>, one<'}'>> {};
struct unicode_escape : seq<one<'u'>, sor<if_must<one<'{'>, braced_code_point>, rep<4, pegtl::xdigit>>> {};
struct escape_sequence : sor<single_escape, unicode_escape> {};
struct backslash : one<'\\'> {};
struct escape : seq<backslash, must<escape_sequence>> {};
struct non_ascii_char : utf8::range<0x80, 0x10FFFF> {};
// One or more ASCII characters other than the quote Q and `\` (a loop: strings are frequent).
template<char Q>
struct plain_run {
  using rule_t = plain_run;
  using subs_t = pegtl::empty_list;

  template<typename ParseInput>
  [[nodiscard]] static bool match(ParseInput& in) noexcept {
    const char* p = in.current();
    const char* const end = in.end();
    while (p < end && *p != Q && *p != '\\' && static_cast<unsigned char>(*p) < 0x80) ++p;
    if (p == in.current()) return false;
    in.bump(static_cast<std::size_t>(p - in.current()));
    return true;
  }
};
struct double_plain : plain_run<'"'> {};
struct single_plain : plain_run<'\''> {};
struct double_quote : one<'"'> {};
struct single_quote : one<'\''> {};
struct double_close : one<'"'> {};
struct single_close : one<'\''> {};
struct double_string : seq<double_quote, star<sor<double_plain, escape, non_ascii_char>>, must<double_close>> {};
struct single_string : seq<single_quote, star<sor<single_plain, escape, non_ascii_char>>, must<single_close>> {};
struct string_literal : sor<double_string, single_string> {};

// --- Punctuation ----------------------------------------------------------------------------
struct open_paren : one<'('> {};
struct close_paren : one<')'> {};
struct open_bracket : one<'['> {};
struct close_bracket : one<']'> {};
struct open_brace : one<'{'> {};
struct close_brace : one<'}'> {};
struct comma : one<','> {};
struct colon : seq<one<':'>, not_at<one<':'>>> {};
struct double_colon : two<':'> {};
struct dot : seq<one<'.'>, not_at<one<'.'>>> {};
struct ellipsis : string<'.', '.', '.'> {};
struct arrow : string<'-', '>'> {};
struct pipe : seq<one<'|'>, not_at<one<'|'>>> {};
struct separator : seq<ws, comma, ws> {};

struct expression;

// --- Simple expressions ---------------------------------------------------------------------
struct null_ : kw_null {};
struct true_ : kw_true {};
struct false_ : kw_false {};
struct this_ : one<'@'> {};
struct parent : seq<one<'^'>, star<seq<one<'.'>, one<'^'>>>> {};
struct everything : one<'*'> {};
struct parameter_name : identifier {};
struct parameter : seq<one<'$'>, must<parameter_name>> {};

// Function calls: `name(args)`, `ns::name(args)`; a bare `name` is a this-attribute.
struct name : identifier {};
struct func_identifier : identifier {};
// Lists of arguments, elements and attributes may end with a comma (`select(a => b,)`, as
// groq-js accepts), but a comma needs something before it (`[,]` is an error).
struct func_call_args : if_must<open_paren, ws, opt<expression, star<separator, expression>, opt<ws, comma>>, ws, close_paren> {};
struct namespaced_call : seq<ws, double_colon, ws, must<func_identifier>, ws, must<func_call_args>> {};
struct plain_call : seq<ws, func_call_args> {};
struct this_attribute : success {};
struct identifier_expression : seq<name, sor<namespaced_call, plain_call, this_attribute>> {};

// --- Compound expressions and literals ------------------------------------------------------
struct group_body : if_must<open_paren, ws, expression, star<separator, must<expression>>, ws, close_paren> {};
struct parenthesis : group_body {};  // `(e)`, or a selector tuple `(a, b)`
struct array_splat : seq<ellipsis, ws, must<expression>> {};
struct array_element : sor<array_splat, expression> {};
struct array_ : if_must<open_bracket, ws, opt<array_element, star<separator, array_element>, opt<ws, comma>>, ws, close_bracket> {};
struct object_splat : seq<ellipsis, opt<ws, expression>> {};
struct object_key_value : seq<ws, colon, ws, must<expression>> {};
struct object_attribute : sor<object_splat, seq<expression, opt<object_key_value>>> {};
struct object : if_must<open_brace, ws, opt<object_attribute, star<separator, object_attribute>, opt<ws, comma>>, ws, close_brace> {};

// `null`, `true` and `false` are reserved; everything else that starts like a name is one.
struct keyword_literal : seq<at<one<'n', 't', 'f'>>, sor<null_, true_, false_>> {};
// Ordered by how often each starts an operand in real filters.
struct primary : sor<keyword_literal, identifier_expression, string_literal, number, this_, parenthesis,
                     array_, everything, parent, parameter, object> {};

// --- Traversal operators (level 11) ---------------------------------------------------------
struct attribute_name : identifier {};
struct group_traversal : group_body {};  // `.(selectors)`
struct dot_target : sor<group_traversal, attribute_name> {};
struct attribute_traversal : seq<dot, ws, must<dot_target>> {};
struct array_postfix : one<']'> {};
struct bracket_close : one<']'> {};
struct bracket_content : seq<expression, ws, must<bracket_close>> {};
struct bracket_inner : sor<array_postfix, bracket_content> {};
struct square_bracket_traversal : seq<open_bracket, ws, must<bracket_inner>> {};
struct operator_keyword : sor<kw_in, kw_match, kw_asc, kw_desc> {};
struct dereference_name : identifier {};
struct named_dereference : seq<arrow, sor<dereference_name, seq<plus<whitespace_char>, not_at<operator_keyword>, dereference_name>>> {};
struct dereference : arrow {};
struct projection : seq<object> {};
struct pipe_projection : seq<object> {};
struct pipe_func_call : seq<name, opt<ws, double_colon, ws, must<func_identifier>>, ws, must<func_call_args>> {};
struct pipe_target : sor<pipe_projection, pipe_func_call> {};
struct pipe_traversal : seq<pipe, ws, must<pipe_target>> {};
struct traversal : sor<attribute_traversal, square_bracket_traversal, named_dereference, dereference, projection, pipe_traversal> {};
// The first characters a traversal can start with: a cheap test before trying six alternatives.
struct traversal_start : one<'.', '[', '-', '{', '|'> {};
struct traversal_expression : seq<primary, star<seq<ws, at<traversal_start>, traversal>>> {};

// --- Operators (spec "Operators") ---------------------------------------------------------
// The spec's operator productions are ambiguous (`And : Expression && Expression`) and resolved
// by its table in "Precedence and associativity". This grammar does the same: an operator call is
// a flat sequence of operands and operators, and the actions build the tree from that table
// (`operator_precedence` in compiler/groq/parse_actions.cpp), rejecting chained non-associative
// operators (`a < b < c`) there. Longer operators are listed before their prefixes.
struct not_operator : seq<one<'!'>, not_at<one<'='>>> {};
struct unary_plus_operator : one<'+'> {};
struct unary_minus_operator : seq<one<'-'>, not_at<one<'>'>>> {};
struct prefix_operator : sor<not_operator, unary_plus_operator, unary_minus_operator> {};
struct prefixed_operand : seq<plus<seq<prefix_operator, ws>>, must<traversal_expression>> {};
struct operand : sor<prefixed_operand, traversal_expression> {};

// BinaryOperator: `=>` `||` `&&` `==` `!=` `<=` `>=` `<` `>` `in` `match` `...` `..` `**` `*` `/`
// `%` `+` `-`, longest first (`**` is not `*`, `->` is not `-`, `/*` is not `/`). One hand-written
// rule rather than a choice of nineteen, because it is tried after every operand.
struct binary_operator {
  using rule_t = binary_operator;
  using subs_t = pegtl::empty_list;

  template<typename ParseInput>
  [[nodiscard]] static bool match(ParseInput& in) noexcept {
    const char* p = in.current();
    const std::size_t left = static_cast<std::size_t>(in.end() - p);
    if (left == 0) return false;
    const char next = left > 1 ? p[1] : '\0';
    std::size_t length = 0;
    switch (p[0]) {
      case '=': length = next == '>' || next == '=' ? 2 : 0; break;
      case '!': length = next == '=' ? 2 : 0; break;
      case '<':
      case '>': length = next == '=' ? 2 : 1; break;
      case '|': length = next == '|' ? 2 : 0; break;
      case '&': length = next == '&' ? 2 : 0; break;
      case '.': length = next == '.' ? (left > 2 && p[2] == '.' ? 3 : 2) : 0; break;
      case '*': length = next == '*' ? 2 : 1; break;
      case '/': length = next == '*' ? 0 : 1; break;
      case '%':
      case '+': length = 1; break;
      case '-': length = next == '>' ? 0 : 1; break;
      case 'i': length = keyword_length(p, left, "in"); break;
      case 'm': length = keyword_length(p, left, "match"); break;
      default: break;
    }
    if (length == 0) return false;
    in.bump(length);
    return true;
  }

 private:
  static std::size_t keyword_length(const char* p, std::size_t left, std::string_view word) noexcept {
    if (left < word.size() || std::string_view(p, word.size()) != word) return 0;
    if (left > word.size()) {
      const char c = p[word.size()];
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') return 0;
    }
    return word.size();
  }
};
struct binary_tail : seq<binary_operator, ws, must<operand>> {};
struct ordering : sor<kw_asc, kw_desc> {};  // postfix `asc`, `desc`
struct single_equals : seq<one<'='>, not_at<one<'=', '>'>>> {};
struct assignment : seq<at<single_equals>, pegtl::raise<single_equals>> {};  // `=` where `==` is meant
// The first characters of binary operators, `asc`/`desc` and `=`: a cheap test before the sor.
struct operator_start : one<'=', '!', '<', '>', 'i', 'm', '|', '&', '.', '+', '-', '*', '/', '%', 'a', 'd'> {};
struct operator_call : seq<operand, star<seq<ws, at<operator_start>, sor<binary_tail, ordering, assignment>>>> {};
struct expression : operator_call {};

// --- Custom functions (spec "Custom functions") ---------------------------------------------
struct func_decl_name : seq<name, ws, double_colon, ws, must<func_identifier>> {};
struct func_params : if_must<open_paren, ws, opt<parameter, star<separator, must<parameter>>>, ws, close_paren> {};
struct func_decl_equals : single_equals {};
struct func_decl_end : one<';'> {};
struct func_decl : seq<kw_fn, ws, at<identifier, ws, double_colon>, must<func_decl_name>, ws, must<func_params>, ws,
                       must<func_decl_equals>, ws, must<expression>, ws, must<func_decl_end>> {};

// --- Query ----------------------------------------------------------------------------------
struct end_of_query : eof {};
struct query : seq<ws, star<seq<func_decl, ws>>, must<expression>, ws, must<end_of_query>> {};

// clang-format on

}  // namespace rolec::groq::grammar

// For pegtl::analyze: `ws` may succeed without consuming input, like `star<...>`; the other
// hand-written rules consume input when they succeed, like `plus<...>`.
template<typename Name>
struct tao::pegtl::analyze_traits<Name, rolec::groq::grammar::ws> : tao::pegtl::analyze_opt_traits<> {};
template<typename Name>
struct tao::pegtl::analyze_traits<Name, rolec::groq::grammar::identifier> : tao::pegtl::analyze_any_traits<> {};
template<typename Name>
struct tao::pegtl::analyze_traits<Name, rolec::groq::grammar::binary_operator> : tao::pegtl::analyze_any_traits<> {};
template<typename Name, char Q>
struct tao::pegtl::analyze_traits<Name, rolec::groq::grammar::plain_run<Q>> : tao::pegtl::analyze_any_traits<> {};
