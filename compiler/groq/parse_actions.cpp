#include "groq/parse_actions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "groq/constant.hpp"
#include "groq/functions.hpp"
#include "groq/parse.hpp"
#include "util/utf8.hpp"

namespace rolec::groq::detail {

void fail(diag::rule rule, diag::span where, std::string message, std::string help) {
  throw syntax_error{diag::make(rule, where, std::move(message), std::move(help))};
}

std::string_view parse_state::copy(std::string_view s) {
  auto* buffer = static_cast<char*>(arena->allocate(s.size() + 1, 1));
  std::memcpy(buffer, s.data(), s.size());
  return {buffer, s.size()};
}

void parse_state::too_deep(const node* n) {
  fail(diag::rule::nesting_too_deep, n->where,
       fmt::format("the expression nests more than {} operators deep", max_tree_depth),
       "split the expression into simpler parts");
}

std::span<node* const> parse_state::pop_items_since(std::uint32_t from, std::uint32_t& count) {
  std::size_t first = nodes.size();
  while (first > 0 && nodes[first - 1]->where.begin >= from) --first;
  count = static_cast<std::uint32_t>(nodes.size() - first);
  node** items = make_items(count);
  std::copy(nodes.begin() + static_cast<std::ptrdiff_t>(first), nodes.end(), items);
  nodes.resize(first);
  return {items, count};
}

void on_number(parse_state& st, std::string_view text, std::uint32_t at) {
  node* n = st.make(node_kind::number_literal, {at, at + static_cast<std::uint32_t>(text.size())});
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc::result_out_of_range) {
    // from_chars leaves the value untouched on overflow and underflow; decide which it was.
    const auto e = text.find_first_of("eE");
    const bool negative_exponent = e != std::string_view::npos && e + 1 < text.size() && text[e + 1] == '-';
    value = negative_exponent ? 0.0 : std::numeric_limits<double>::infinity();
  }
  n->number = value;
  st.push(n);
}

namespace {

unsigned hex_value(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  return static_cast<unsigned>(c - 'A' + 10);
}

// Decodes the escape starting at body[i] == '\\'; the grammar has checked its form.
// Returns the number of bytes consumed.
std::size_t decode_escape(std::string_view body, std::size_t i, std::string& out, std::uint32_t body_at) {
  const char c = body[i + 1];
  switch (c) {
    case 'b': out += '\b'; return 2;
    case 'f': out += '\f'; return 2;
    case 'n': out += '\n'; return 2;
    case 'r': out += '\r'; return 2;
    case 't': out += '\t'; return 2;
    case 'u': break;
    default: out += c; return 2;
  }
  const auto here = [&](std::size_t from, std::size_t to) {
    return diag::span{body_at + static_cast<std::uint32_t>(from), body_at + static_cast<std::uint32_t>(to)};
  };
  std::size_t j = i + 2;
  char32_t cp = 0;
  if (body[j] == '{') {
    ++j;
    while (body[j] != '}') {
      cp = cp > 0x10FFFF ? cp : cp * 16 + hex_value(body[j]);
      ++j;
    }
    ++j;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      fail(diag::rule::invalid_escape, here(i, j),
           fmt::format("`{}` is not a Unicode scalar value", body.substr(i, j - i)),
           "code points run from U+0000 to U+10FFFF, without the surrogates U+D800 to U+DFFF");
    }
    util::utf8_append(out, cp);
    return j - i;
  }
  for (int k = 0; k < 4; ++k) cp = cp * 16 + hex_value(body[j++]);
  if (cp >= 0xDC00 && cp <= 0xDFFF) {
    fail(diag::rule::invalid_escape, here(i, j),
         fmt::format("`{}` is a low surrogate without a high surrogate before it", body.substr(i, j - i)),
         "write the character as `\\u{...}` with its code point, or as UTF-8");
  }
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    // A high surrogate must be followed by `\uDC00`..`\uDFFF`; together they name one code point.
    char32_t low = 0;
    const bool has_low = j + 6 <= body.size() && body[j] == '\\' && body[j + 1] == 'u' &&
                         std::all_of(body.begin() + static_cast<std::ptrdiff_t>(j + 2),
                                     body.begin() + static_cast<std::ptrdiff_t>(j + 6),
                                     [](char h) { return std::isxdigit(static_cast<unsigned char>(h)) != 0; });
    if (has_low) {
      for (std::size_t k = j + 2; k < j + 6; ++k) low = low * 16 + hex_value(body[k]);
    }
    if (!has_low || low < 0xDC00 || low > 0xDFFF) {
      fail(diag::rule::invalid_escape, here(i, j),
           fmt::format("`{}` is a high surrogate without a low surrogate after it", body.substr(i, j - i)),
           "write the character as `\\u{...}` with its code point, or as UTF-8");
    }
    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    j += 6;
  }
  util::utf8_append(out, cp);
  return j - i;
}

}  // namespace

void on_string(parse_state& st, std::string_view text, std::uint32_t at) {
  node* n = st.make(node_kind::string_literal, {at, at + static_cast<std::uint32_t>(text.size())});
  const std::string_view body = text.substr(1, text.size() - 2);
  if (body.find('\\') == std::string_view::npos) {
    n->text = body;  // the common case: no escapes, no copy
  } else {
    std::string decoded;
    decoded.reserve(body.size());
    for (std::size_t i = 0; i < body.size();) {
      if (body[i] == '\\') {
        i += decode_escape(body, i, decoded, at + 1);
      } else {
        decoded += body[i++];
      }
    }
    n->text = st.copy(decoded);
  }
  st.push(n);
}

void on_call(parse_state& st, bool namespaced, std::uint32_t end) {
  const name_token name = st.names.back();
  st.names.pop_back();
  name_token ns{"global", name.where};
  if (namespaced) {
    ns = st.names.back();
    st.names.pop_back();
  }
  std::uint32_t count = 0;
  const auto args = st.pop_items_since(name.where.end, count);
  node* n = st.make(node_kind::func_call, {ns.where.begin, end});
  n->text = name.text;
  n->ns = ns.text;
  n->items = const_cast<node**>(args.data());
  n->count = count;
  n->op = name.where.begin;
  n->function = find_function(n->ns, n->text);
  if (namespaced) n->flags |= flag::namespaced;
  st.push(n);
}

void on_pipe_call(parse_state& st, std::uint32_t end) {
  // The names stack holds the function name on top and, when written `ns::name`, the namespace
  // below it; both were pushed after the base expression started.
  std::uint32_t count = 0;
  const name_token name = st.names.back();
  st.names.pop_back();
  const auto args = st.pop_items_since(name.where.end, count);
  node* base = st.pop();
  name_token ns{"global", name.where};
  const bool namespaced = name.function;
  if (namespaced) {
    ns = st.names.back();
    st.names.pop_back();
  }
  node* n = st.make(node_kind::pipe_call, {base->where.begin, end});
  n->lhs = base;
  n->text = name.text;
  n->ns = ns.text;
  n->items = const_cast<node**>(args.data());
  n->count = count;
  n->op = ns.where.begin;
  n->function = find_function(n->ns, n->text);
  if (namespaced) n->flags |= flag::namespaced;
  st.push(n);
}

void on_traversal(parse_state& st, node_kind kind, std::uint32_t end, std::string_view name, std::uint8_t flags) {
  node* operand = nullptr;
  if (kind == node_kind::projection) operand = st.pop();
  node* base = st.pop();
  node* n = st.make(kind, {base->where.begin, end});
  n->lhs = base;
  n->rhs = operand;
  n->text = name;
  n->flags |= flags;
  n->op = operand != nullptr ? operand->where.begin : base->where.end;
  st.push(n);
}

void on_group_traversal(parse_state& st, std::uint32_t begin, std::uint32_t end) {
  std::uint32_t count = 0;
  const auto items = st.pop_items_since(begin + 1, count);
  node* base = st.pop();
  node* n = st.make(node_kind::group_traversal, {base->where.begin, end});
  n->lhs = base;
  n->items = const_cast<node**>(items.data());
  n->count = count;
  n->op = begin;
  st.push(n);
}

void on_square_bracket(parse_state& st, std::uint32_t end) {
  const std::uint32_t open = st.brackets.back().at;
  st.brackets.pop_back();
  node* inside = st.pop();
  node* base = st.pop();
  node_kind kind = node_kind::filter;
  std::string_view name;
  std::uint8_t flags = 0;
  // Spec "Disambiguating square bracket traversal": decided by the constant value inside.
  if (inside->kind == node_kind::range) {
    kind = node_kind::slice;
  } else if (const auto value = constant_evaluate(inside, *st.arena)) {
    if (value->kind == constant::type::string) {
      kind = node_kind::attribute_access;
      name = value->string;
      flags = flag::bracketed;
    } else if (value->kind == constant::type::number) {
      kind = node_kind::element_access;
    } else if (value->kind == constant::type::parameter) {
      flags = flag::parameter_key;  // decided by the evaluator, which knows the parameters
    }
  }
  node* n = st.make(kind, {base->where.begin, end});
  n->lhs = base;
  n->op = open;
  n->text = name;
  n->flags |= flags;
  if (kind != node_kind::attribute_access) n->rhs = inside;
  st.push(n);
}

namespace {

enum class associativity : unsigned char { left, right, none };

struct precedence {
  std::uint8_t level;
  associativity assoc;
};

// The spec's table "Precedence and associativity" (level 11, traversals, is the grammar's
// traversal_expression; prefix `-` sits below `**`, so `-2 ** 2` is `-(2 ** 2)`).
precedence operator_precedence(node_kind kind, bool prefix) {
  if (prefix) return {static_cast<std::uint8_t>(kind == node_kind::negate ? 8 : 10), associativity::right};
  switch (kind) {
    case node_kind::pair: return {1, associativity::none};
    case node_kind::or_: return {2, associativity::left};
    case node_kind::and_: return {3, associativity::left};
    case node_kind::range: return {5, associativity::none};
    case node_kind::add:
    case node_kind::subtract: return {6, associativity::left};
    case node_kind::multiply:
    case node_kind::divide:
    case node_kind::modulo: return {7, associativity::left};
    case node_kind::power: return {9, associativity::right};
    default: return {4, associativity::none};  // comparisons, `in`, `match`
  }
}

node_kind binary_kind(std::string_view op) {
  switch (op[0]) {
    case '=': return op[1] == '>' ? node_kind::pair : node_kind::equal;
    case '!': return node_kind::not_equal;
    case '<': return op.size() > 1 && op[1] == '=' ? node_kind::less_equal : node_kind::less;
    case '>': return op.size() > 1 && op[1] == '=' ? node_kind::greater_equal : node_kind::greater;
    case 'i': return node_kind::in;
    case 'm': return node_kind::match;
    case '|': return node_kind::or_;
    case '&': return node_kind::and_;
    case '.': return node_kind::range;
    case '+': return node_kind::add;
    case '-': return node_kind::subtract;
    case '/': return node_kind::divide;
    case '%': return node_kind::modulo;
    default: return op.size() > 1 ? node_kind::power : node_kind::multiply;
  }
}

std::size_t frame_base(const parse_state& st) { return st.frames.empty() ? 0 : st.frames.back(); }

// Applies the operator on top of the stack to the operands on top of the node stack. A run of
// `&&` (or `||`) becomes one n-ary node: `a && b && c` has three operands.
void reduce(parse_state& st) {
  const pending_operator op = st.operators.back();
  if (op.prefix) {
    st.operators.pop_back();
    node* operand = st.pop();
    node* n = st.make(op.kind, {op.where.begin, operand->where.end});
    n->lhs = operand;
    st.push(n);
    return;
  }
  if (op.kind == node_kind::and_ || op.kind == node_kind::or_) {
    const std::size_t base = frame_base(st);
    std::size_t run = 0;
    while (st.operators.size() - run > base && st.operators[st.operators.size() - 1 - run].kind == op.kind &&
           !st.operators[st.operators.size() - 1 - run].prefix) {
      ++run;
    }
    st.operators.resize(st.operators.size() - run);
    const std::size_t first = st.nodes.size() - run - 1;
    std::size_t total = 0;
    for (std::size_t i = first; i < st.nodes.size(); ++i) total += st.nodes[i]->kind == op.kind ? st.nodes[i]->count : 1;
    node** items = st.make_items(total);
    std::size_t k = 0;
    for (std::size_t i = first; i < st.nodes.size(); ++i) {
      node* operand = st.nodes[i];
      if (operand->kind == op.kind) {  // `a && (b && c)` means `a && b && c`
        for (node* inner : operand->children()) items[k++] = inner;
      } else {
        items[k++] = operand;
      }
    }
    node* n = st.make(op.kind, {st.nodes[first]->where.begin, st.nodes.back()->where.end});
    n->items = items;
    n->count = static_cast<std::uint32_t>(total);
    n->op = op.where.begin;
    st.nodes.resize(first);
    st.push(n);
    return;
  }
  st.operators.pop_back();
  node* rhs = st.pop();
  node* lhs = st.pop();
  node* n = st.make(op.kind, {lhs->where.begin, rhs->where.end});
  n->lhs = lhs;
  n->rhs = rhs;
  n->op = op.where.begin;
  n->flags |= op.flags;
  st.push(n);
}

std::string_view operator_name(const pending_operator& op, std::string_view text) {
  return text.substr(op.where.begin, op.where.end - op.where.begin);
}

}  // namespace

void on_prefix_operator(parse_state& st, node_kind kind, std::uint32_t at) {
  const precedence p = operator_precedence(kind, true);
  st.operators.push_back({kind, p.level, 0, true, {at, at + 1}});
  st.last_operator = {at, at + 1};
}

void on_binary_operator(parse_state& st, std::string_view text, std::uint32_t at) {
  const node_kind kind = binary_kind(text);
  const precedence p = operator_precedence(kind, false);
  const diag::span where{at, at + static_cast<std::uint32_t>(text.size())};
  const std::size_t base = frame_base(st);
  while (st.operators.size() > base) {
    const pending_operator& top = st.operators.back();
    if (top.level < p.level) break;
    if (top.level == p.level && !top.prefix) {
      if (p.assoc == associativity::none) {
        const std::string_view first = operator_name(top, st.text);
        const std::string message =
            kind == node_kind::range ? std::string("ranges cannot be chained")
            : kind == node_kind::pair
                ? std::string("pairs (`=>`) cannot be chained")
                : fmt::format("comparisons cannot be chained: `{}` follows `{}`", text, first);
        const std::string help = kind == node_kind::range  ? "a range has two ends, as in `1..10`"
                                 : kind == node_kind::pair ? "group the pair on the right: `a => (b => c)`"
                                                           : "combine the comparisons with `&&`, as in `a < b && b < c`";
        diag::diagnostic d = diag::make(diag::rule::chained_comparison, where, message, help);
        d.notes.push_back({fmt::format("the first `{}` is here", first), top.where});
        throw syntax_error{std::move(d)};
      }
      const bool run = top.kind == kind && (kind == node_kind::and_ || kind == node_kind::or_);
      if (p.assoc == associativity::right || run) break;  // right-assoc, or an n-ary `&&`/`||` run
    }
    reduce(st);
  }
  const std::uint8_t flags = kind == node_kind::range && text == "..." ? flag::exclusive : 0;
  st.operators.push_back({kind, p.level, flags, false, where});
  st.last_operator = where;
}

void on_ordering(parse_state& st, node_kind kind, diag::span where) {
  // `asc`/`desc` are postfix at level 4: they take the comparison before them, not an `&&`.
  const std::size_t base = frame_base(st);
  while (st.operators.size() > base && st.operators.back().level >= 4) reduce(st);
  node* operand = st.pop();
  node* n = st.make(kind, {operand->where.begin, where.end});
  n->op = where.begin;
  n->lhs = operand;
  st.push(n);
}

void on_expression_end(parse_state& st) {
  const std::size_t base = frame_base(st);
  while (st.operators.size() > base) reduce(st);
}

void on_object_splat(parse_state& st, std::uint32_t begin, std::uint32_t end) {
  node* inner = nullptr;
  if (!st.nodes.empty() && st.nodes.back()->where.begin >= begin + 3) inner = st.pop();
  node* n = st.make(node_kind::object_splat, {begin, end});
  n->lhs = inner;
  st.push(n);
}

void on_object_key_value(parse_state& st) {
  node* value = st.pop();
  node* key = st.pop();
  if (key->kind != node_kind::string_literal) {
    fail(diag::rule::invalid_object_key, key->where, "an object key must be a string literal",
         "quote the key: `\"name\": value`; to compute keys, there is no syntax in GROQ");
  }
  node* n = st.make(node_kind::object_pair, {key->where.begin, value->where.end});
  n->lhs = key;
  n->rhs = value;
  n->text = key->text;
  st.push(n);
}

void on_group(parse_state& st, std::uint32_t begin, std::uint32_t end) {
  std::uint32_t count = 0;
  const auto items = st.pop_items_since(begin + 1, count);
  if (count == 1) {
    node* inner = items[0];
    inner->flags |= flag::parenthesized;
    inner->where = {begin, end};
    st.push(inner);
    return;
  }
  node* n = st.make(node_kind::tuple, {begin, end});
  n->items = const_cast<node**>(items.data());
  n->count = count;
  st.push(n);
}

void on_collection(parse_state& st, node_kind kind, std::uint32_t begin, std::uint32_t end) {
  std::uint32_t count = 0;
  const auto items = st.pop_items_since(begin + 1, count);
  node* n = st.make(kind, {begin, end});
  n->items = const_cast<node**>(items.data());
  n->count = count;
  st.push(n);
}

void on_func_decl(parse_state& st, std::uint32_t begin, std::uint32_t end) {
  node* body = st.pop();
  const name_token name = st.names.back();
  st.names.pop_back();
  const name_token ns = st.names.back();
  st.names.pop_back();
  std::uint32_t count = 0;
  const auto params = st.pop_items_since(name.where.end, count);
  function_decl decl;
  decl.ns = ns.text;
  decl.name = name.text;
  decl.params = params;
  decl.body = body;
  decl.where = {begin, end};
  decl.name_where = {ns.where.begin, name.where.end};
  st.functions.push_back(decl);
}

}  // namespace rolec::groq::detail
