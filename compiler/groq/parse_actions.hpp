#pragma once
// PEGTL actions that build the GROQ AST from the rules of grammar/groq_grammar.hpp (internal).
// Actions run when a rule has matched; the grammar commits (`must`) right after every token
// that opens a construct, so a node pushed here is never undone by backtracking.

#include <tao/pegtl.hpp>

#include "groq_grammar.hpp"
#include "groq/parse_state.hpp"

namespace rolec::groq::detail {

namespace g = grammar;

template<typename Rule>
struct action : tao::pegtl::nothing<Rule> {};

// Helpers shared by the specialisations (defined in parse_actions.cpp).
void on_number(parse_state& st, std::string_view text, std::uint32_t at);
void on_string(parse_state& st, std::string_view text, std::uint32_t at);
void on_call(parse_state& st, bool namespaced, std::uint32_t end);
void on_pipe_call(parse_state& st, std::uint32_t end);
void on_square_bracket(parse_state& st, std::uint32_t end);
void on_prefix_operator(parse_state& st, node_kind kind, std::uint32_t at);
void on_binary_operator(parse_state& st, std::string_view text, std::uint32_t at);
void on_ordering(parse_state& st, node_kind kind, diag::span where);
void on_expression_end(parse_state& st);
void on_object_splat(parse_state& st, std::uint32_t begin, std::uint32_t end);
void on_object_key_value(parse_state& st);
void on_group(parse_state& st, std::uint32_t begin, std::uint32_t end);
void on_collection(parse_state& st, node_kind kind, std::uint32_t begin, std::uint32_t end);
void on_group_traversal(parse_state& st, std::uint32_t begin, std::uint32_t end);
void on_traversal(parse_state& st, node_kind kind, std::uint32_t end, std::string_view name = {},
                  std::uint8_t flags = 0);
void on_func_decl(parse_state& st, std::uint32_t begin, std::uint32_t end);

/// Action for rules that only record their position as the last operator seen.
struct remember_operator {
  template<typename Input>
  static void apply(const Input& in, parse_state& st) {
    st.last_operator = {st.offset(in.begin()), st.offset(in.end())};
  }
};

/// Action for opening brackets: remembered for "unclosed `(`" and as an operator.
struct open {
  template<typename Input>
  static void apply(const Input& in, parse_state& st) {
    const std::uint32_t at = st.offset(in.begin());
    st.brackets.push_back({*in.begin(), at});
    st.last_operator = {at, at + 1};
  }
};

struct close {
  template<typename Input>
  static void apply(const Input&, parse_state& st) {
    st.brackets.pop_back();
  }
};

// clang-format off
template<> struct action<g::number> { template<typename I> static void apply(const I& in, parse_state& st) { on_number(st, in.string_view(), st.offset(in.begin())); } };
template<> struct action<g::double_quote> { template<typename I> static void apply(const I& in, parse_state& st) { st.string_open = st.offset(in.begin()); } };
template<> struct action<g::single_quote> : action<g::double_quote> {};
template<> struct action<g::backslash> { template<typename I> static void apply(const I& in, parse_state& st) { st.escape_at = st.offset(in.begin()); } };
template<> struct action<g::string_literal> { template<typename I> static void apply(const I& in, parse_state& st) { on_string(st, in.string_view(), st.offset(in.begin())); } };

template<typename Kind>
struct leaf {
  template<typename I>
  static void apply(const I& in, parse_state& st) {
    st.push(st.make(Kind::value, {st.offset(in.begin()), st.offset(in.end())}));
  }
};
template<node_kind K> using kind_t = std::integral_constant<node_kind, K>;
template<> struct action<g::null_> : leaf<kind_t<node_kind::null_literal>> {};
template<> struct action<g::false_> : leaf<kind_t<node_kind::boolean_literal>> {};
template<> struct action<g::this_> : leaf<kind_t<node_kind::this_>> {};
template<> struct action<g::everything> : leaf<kind_t<node_kind::everything>> {};
template<> struct action<g::true_> {
  template<typename I> static void apply(const I& in, parse_state& st) {
    node* n = st.make(node_kind::boolean_literal, {st.offset(in.begin()), st.offset(in.end())});
    n->flags |= flag::true_value;
    st.push(n);
  }
};
template<> struct action<g::parent> {
  template<typename I> static void apply(const I& in, parse_state& st) {
    node* n = st.make(node_kind::parent, {st.offset(in.begin()), st.offset(in.end())});
    for (char c : in.string_view()) n->count += c == '^';
    st.push(n);
  }
};
template<> struct action<g::parameter_name> {
  template<typename I> static void apply(const I& in, parse_state& st) {
    node* n = st.make(node_kind::parameter, {st.offset(in.begin()) - 1, st.offset(in.end())});
    n->text = in.string_view();
    st.push(n);
  }
};

template<> struct action<g::name> { template<typename I> static void apply(const I& in, parse_state& st) { st.names.push_back({in.string_view(), {st.offset(in.begin()), st.offset(in.end())}}); } };
template<> struct action<g::func_identifier> { template<typename I> static void apply(const I& in, parse_state& st) { st.names.push_back({in.string_view(), {st.offset(in.begin()), st.offset(in.end())}, true}); } };
template<> struct action<g::namespaced_call> { template<typename I> static void apply(const I& in, parse_state& st) { on_call(st, true, st.offset(in.end())); } };
template<> struct action<g::plain_call> { template<typename I> static void apply(const I& in, parse_state& st) { on_call(st, false, st.offset(in.end())); } };
template<> struct action<g::this_attribute> {
  static void apply0(parse_state& st) {
    const name_token name = st.names.back();
    st.names.pop_back();
    node* n = st.make(node_kind::this_attribute, name.where);
    n->text = name.text;
    st.push(n);
  }
};

template<> struct action<g::open_paren> : open {};
template<> struct action<g::open_bracket> : open {};
template<> struct action<g::open_brace> : open {};
template<> struct action<g::close_paren> : close {};
template<> struct action<g::close_bracket> : close {};
template<> struct action<g::close_brace> : close {};

template<> struct action<g::parenthesis> { template<typename I> static void apply(const I& in, parse_state& st) { on_group(st, st.offset(in.begin()), st.offset(in.end())); } };
template<> struct action<g::array_splat> {
  template<typename I> static void apply(const I& in, parse_state& st) {
    node* inner = st.pop();
    node* n = st.make(node_kind::array_splat, {st.offset(in.begin()), st.offset(in.end())});
    n->lhs = inner;
    st.push(n);
  }
};
template<> struct action<g::array_> { template<typename I> static void apply(const I& in, parse_state& st) { on_collection(st, node_kind::array_literal, st.offset(in.begin()), st.offset(in.end())); } };
template<> struct action<g::object_splat> { template<typename I> static void apply(const I& in, parse_state& st) { on_object_splat(st, st.offset(in.begin()), st.offset(in.end())); } };
template<> struct action<g::object_key_value> { static void apply0(parse_state& st) { on_object_key_value(st); } };
template<> struct action<g::object> { template<typename I> static void apply(const I& in, parse_state& st) { on_collection(st, node_kind::object_literal, st.offset(in.begin()), st.offset(in.end())); } };

template<> struct action<g::attribute_name> { template<typename I> static void apply(const I& in, parse_state& st) { on_traversal(st, node_kind::attribute_access, st.offset(in.end()), in.string_view()); } };
template<> struct action<g::group_traversal> { template<typename I> static void apply(const I& in, parse_state& st) { on_group_traversal(st, st.offset(in.begin()), st.offset(in.end())); } };
template<> struct action<g::array_postfix> {
  template<typename I> static void apply(const I& in, parse_state& st) {
    st.brackets.pop_back();
    on_traversal(st, node_kind::array_postfix, st.offset(in.end()));
  }
};
template<> struct action<g::bracket_close> { template<typename I> static void apply(const I& in, parse_state& st) { on_square_bracket(st, st.offset(in.end())); } };
template<> struct action<g::named_dereference> {
  template<typename I> static void apply(const I& in, parse_state& st) {
    std::string_view text = in.string_view();
    std::size_t start = text.size();
    while (start > 0 && (std::isalnum(static_cast<unsigned char>(text[start - 1])) || text[start - 1] == '_')) --start;
    on_traversal(st, node_kind::dereference, st.offset(in.end()), text.substr(start));
  }
};
template<> struct action<g::dereference> { template<typename I> static void apply(const I& in, parse_state& st) { on_traversal(st, node_kind::dereference, st.offset(in.end())); } };
template<> struct action<g::projection> { template<typename I> static void apply(const I& in, parse_state& st) { on_traversal(st, node_kind::projection, st.offset(in.end())); } };
template<> struct action<g::pipe_projection> { template<typename I> static void apply(const I& in, parse_state& st) { on_traversal(st, node_kind::projection, st.offset(in.end()), {}, flag::pipe_form); } };
template<> struct action<g::pipe_func_call> { template<typename I> static void apply(const I& in, parse_state& st) { on_pipe_call(st, st.offset(in.end())); } };

template<typename Kind>
struct prefix_operator_action {
  template<typename I> static void apply(const I& in, parse_state& st) { on_prefix_operator(st, Kind::value, st.offset(in.begin())); }
};
template<> struct action<g::not_operator> : prefix_operator_action<kind_t<node_kind::not_>> {};
template<> struct action<g::unary_plus_operator> : prefix_operator_action<kind_t<node_kind::unary_plus>> {};
template<> struct action<g::unary_minus_operator> : prefix_operator_action<kind_t<node_kind::negate>> {};
template<> struct action<g::binary_operator> { template<typename I> static void apply(const I& in, parse_state& st) { on_binary_operator(st, in.string_view(), st.offset(in.begin())); } };
template<> struct action<g::ordering> {
  template<typename I> static void apply(const I& in, parse_state& st) {
    on_ordering(st, *in.begin() == 'a' ? node_kind::asc : node_kind::desc, {st.offset(in.begin()), st.offset(in.end())});
  }
};
template<> struct action<g::expression> { static void apply0(parse_state& st) { on_expression_end(st); } };

template<> struct action<g::comma> : remember_operator {};
template<> struct action<g::colon> : remember_operator {};
template<> struct action<g::ellipsis> : remember_operator {};
template<> struct action<g::dot> : remember_operator {};
template<> struct action<g::pipe> : remember_operator {};
template<> struct action<g::double_colon> : remember_operator {};
template<> struct action<g::func_decl_equals> : remember_operator {};
template<> struct action<g::func_decl> { template<typename I> static void apply(const I& in, parse_state& st) { on_func_decl(st, st.offset(in.begin()), st.offset(in.end())); } };
// clang-format on

}  // namespace rolec::groq::detail
