#pragma once
// TOML 1.0.0 (https://toml.io/en/v1.0.0, the ABNF of toml-lang/toml tag 1.0.0), as PEGTL rule types
// only: the concrete syntax `rolec fmt` keeps, every byte of it, comments and white space
// included. Rules carry the names of the ABNF's productions. Which rules become nodes of the tree
// is decided in compiler/format/parse_control.hpp, with the error messages.
//
// Only the structure is exact: where a value, key or comment begins and ends. What a string or a
// number means is toml++'s to check (compiler/format/format.cpp runs it first), so escapes and
// the characters of comments are accepted loosely here. The grammar chooses each alternative by
// its first characters and commits to it with `must<>`: a rule that produces nodes never fails
// after it has consumed input, so the tree needs no undoing.

#include <tao/pegtl.hpp>

namespace rolec::format::grammar {

// The rule templates (seq, sor, one, ...) by their own names, as the ABNF reads.
using namespace tao::pegtl;

// clang-format off

// --- White space, newlines and comments ----------------------------------------------------
struct ws : plus<one<' ', '\t'>> {};
struct newline : sor<one<'\n'>, string<'\r', '\n'>> {};
struct comment : seq<one<'#'>, star<not_one<'\n', '\r'>>> {};
struct utf8_bom : string<'\xEF', '\xBB', '\xBF'> {};
// ws-comment-newline: what may stand between the values of an array.
struct ws_comment_newline : star<sor<ws, newline, comment>> {};

// --- Strings -------------------------------------------------------------------------------
struct escaped : seq<one<'\\'>, any> {};
struct quotation_mark : one<'"'> {};
struct ml_basic_delim : rep<3, one<'"'>> {};
struct apostrophe : one<'\''> {};
struct ml_literal_delim : rep<3, one<'\''>> {};
struct basic_close : one<'"'> {};
struct literal_close : one<'\''> {};
struct ml_basic_close : seq<ml_basic_delim, opt<one<'"'>>, opt<one<'"'>>> {};
struct ml_literal_close : seq<ml_literal_delim, opt<one<'\''>>, opt<one<'\''>>> {};
struct basic_string : seq<quotation_mark, star<sor<escaped, not_one<'"', '\\', '\n', '\r'>>>, must<basic_close>> {};
struct literal_string : seq<apostrophe, star<not_one<'\'', '\n', '\r'>>, must<literal_close>> {};
// Up to two quotes may end the content, just before the closing delimiter.
struct ml_basic_string
    : seq<ml_basic_delim, star<sor<escaped, seq<not_at<ml_basic_delim>, any>>>, must<ml_basic_close>> {};
struct ml_literal_string : seq<ml_literal_delim, star<not_at<ml_literal_delim>, any>, must<ml_literal_close>> {};

// --- Keys ----------------------------------------------------------------------------------
struct bare_key : plus<ranges<'A', 'Z', 'a', 'z', '0', '9', '-', '-', '_'>> {};
struct quoted_key : sor<basic_string, literal_string> {};
struct simple_key : sor<quoted_key, bare_key> {};
struct dot_sep : one<'.'> {};
struct key_after_dot : simple_key {};
// A dotted key's parts: spaces may stand around each dot.
struct key : seq<simple_key, star<at<opt<ws>, dot_sep>, opt<ws>, dot_sep, opt<ws>, must<key_after_dot>>> {};

// --- Numbers, booleans, dates and times ----------------------------------------------------
// A value that is not a string ends where no letter, digit or `_ - + . :` follows it.
struct value_end : not_at<ranges<'A', 'Z', 'a', 'z', '0', '9'>> {};
struct bare_value_end : seq<value_end, not_at<one<'_', '-', '+', '.', ':'>>> {};
struct sign : one<'+', '-'> {};
struct unsigned_dec_int : sor<seq<range<'1', '9'>, plus<opt<one<'_'>>, digit>>, digit> {};
struct dec_int : seq<opt<sign>, unsigned_dec_int> {};
template<char Prefix, typename Digit> struct prefixed_int : seq<one<'0'>, one<Prefix>, Digit, star<opt<one<'_'>>, Digit>> {};
struct hex_int : prefixed_int<'x', xdigit> {};
struct oct_int : prefixed_int<'o', range<'0', '7'>> {};
struct bin_int : prefixed_int<'b', one<'0', '1'>> {};
struct integer : seq<sor<hex_int, oct_int, bin_int, dec_int>, bare_value_end> {};
struct zero_prefixable_int : seq<digit, star<opt<one<'_'>>, digit>> {};
struct frac : seq<one<'.'>, zero_prefixable_int> {};
struct exp : seq<one<'e', 'E'>, opt<sign>, zero_prefixable_int> {};
struct special_float : seq<opt<sign>, sor<string<'i', 'n', 'f'>, string<'n', 'a', 'n'>>> {};
struct float_ : seq<sor<seq<dec_int, sor<exp, seq<frac, opt<exp>>>>, special_float>, bare_value_end> {};
struct boolean : seq<sor<string<'t', 'r', 'u', 'e'>, string<'f', 'a', 'l', 's', 'e'>>, bare_value_end> {};
struct full_date : seq<rep<4, digit>, one<'-'>, rep<2, digit>, one<'-'>, rep<2, digit>> {};
struct partial_time : seq<rep<2, digit>, one<':'>, rep<2, digit>, opt<one<':'>, rep<2, digit>>, opt<one<'.'>, plus<digit>>> {};
struct time_offset : sor<one<'Z', 'z'>, seq<sign, rep<2, digit>, one<':'>, rep<2, digit>>> {};
struct date_time
    : seq<sor<seq<full_date, opt<one<'T', 't', ' '>, partial_time, opt<time_offset>>>, partial_time>, bare_value_end> {};

// --- Values, arrays and inline tables ------------------------------------------------------
struct val;
struct array_open : one<'['> {};
struct array_sep : one<','> {};
struct array_close : one<']'> {};
struct array_value : seq<val> {};
// After a comma, either the closing bracket (a trailing comma) or another value.
struct array_values
    : seq<val, ws_comment_newline, star<array_sep, ws_comment_newline, opt<not_at<array_close>, must<array_value>, ws_comment_newline>>> {};
struct array : seq<array_open, ws_comment_newline, opt<array_values>, must<array_close>> {};

struct keyval;
struct inline_table_open : one<'{'> {};
struct inline_table_sep : one<','> {};
struct inline_table_close : one<'}'> {};
struct inline_keyval : seq<keyval> {};
struct inline_table_keyvals : seq<keyval, opt<ws>, star<inline_table_sep, opt<ws>, must<inline_keyval>, opt<ws>>> {};
struct inline_table : seq<inline_table_open, opt<ws>, opt<inline_table_keyvals>, must<inline_table_close>> {};

struct val : sor<ml_basic_string, basic_string, ml_literal_string, literal_string, array, inline_table,
                 date_time, float_, integer, boolean> {};
struct keyval_sep : one<'='> {};
struct keyval_value : seq<val> {};
struct keyval : seq<key, opt<ws>, must<keyval_sep>, opt<ws>, must<keyval_value>> {};

// --- Tables --------------------------------------------------------------------------------
struct std_table_open : one<'['> {};
struct std_table_close : one<']'> {};
struct array_table_open : two<'['> {};
struct array_table_close : two<']'> {};
struct table_key : seq<key> {};
struct std_table : seq<std_table_open, opt<ws>, must<table_key>, opt<ws>, must<std_table_close>> {};
struct array_table : seq<array_table_open, opt<ws>, must<table_key>, opt<ws>, must<array_table_close>> {};

// --- The document: one expression per line -------------------------------------------------
struct expression : sor<array_table, std_table, keyval> {};
struct line : seq<opt<ws>, opt<expression>, opt<ws>, opt<comment>> {};
// What follows the last line that a newline ends: the end of the file, or an error.
struct line_end : eof {};
struct toml : seq<opt<utf8_bom>, line, star<newline, line>, must<line_end>> {};

// clang-format on

}  // namespace rolec::format::grammar
