#include "groq/print.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <unordered_set>

#include "util/json_text.hpp"

namespace rolec::groq {
namespace {

// Precedence levels of the spec's chapter "Precedence and associativity" (11 binds tightest).
int level(const node* n) {
  if (is_comparison(n->kind)) return 4;
  switch (n->kind) {
    case node_kind::pair: return 1;
    case node_kind::or_: return 2;
    case node_kind::and_: return 3;
    case node_kind::asc:
    case node_kind::desc: return 4;
    case node_kind::range: return 5;
    case node_kind::add:
    case node_kind::subtract: return 6;
    case node_kind::multiply:
    case node_kind::divide:
    case node_kind::modulo: return 7;
    case node_kind::negate: return 8;
    case node_kind::power: return 9;
    case node_kind::not_:
    case node_kind::unary_plus: return 10;
    default: return 11;
  }
}

bool is_identifier(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) != 0 || s[0] == '_')) return false;
  for (char c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_')) return false;
  }
  return true;
}

class printer {
 public:
  std::string out;

  // A shorthand object attribute is named after the first `.name` (or bare name) of its chain,
  // so `{x["b"]}` is `{"x": x.b}` while `{x.b}` is `{"b": x.b}`: the brackets met on the way
  // there are meaning, and stay.
  void keep_naming_brackets(const node* entry) {
    const node* name = naming_node(entry);
    for (const node* n = entry; n != name && n != nullptr && is_traversal(n->kind); n = n->lhs) {
      if (n->kind == node_kind::attribute_access) kept_brackets_.insert(n);
    }
  }

  void expression(const node* n, int min_level) {
    const bool parens = level(n) < min_level;
    if (parens) out += '(';
    body(n);
    if (parens) out += ')';
  }

  void enclosed(char open, std::span<node* const> items, char close) {
    out += open;
    list(items);
    out += close;
  }

  void list(std::span<node* const> items) {
    bool first = true;
    for (const node* item : items) {
      if (!first) out += ", ";
      first = false;
      expression(item, 1);
    }
  }

  // A traversal base: anything looser than a primary needs parentheses, and a parenthesised
  // `*`, array literal, pipe call or traversal keeps them because they change the traversal's
  // meaning (`(a[]).b` is `.b` of an array, `a[].b` of each element).
  void base(const node* n) {
    const bool keep = n->has(flag::parenthesized) && (n->kind == node_kind::everything ||
                                                      n->kind == node_kind::array_literal ||
                                                      n->kind == node_kind::pipe_call || is_traversal(n->kind));
    if (keep) out += '(';
    expression(n, 11);
    if (keep) out += ')';
  }

  void call(const node* n) {
    if (n->ns != "global") {
      out += n->ns;
      out += "::";
    }
    out += n->text;
    enclosed('(', n->children(), ')');
  }

  void binary(const node* n, int left_level, int right_level) {
    expression(n->lhs, left_level);
    out += ' ';
    out += operator_text(*n);
    out += ' ';
    expression(n->rhs, right_level);
  }

  void body(const node* n) {
    const int own = level(n);
    switch (n->kind) {
      case node_kind::null_literal: out += "null"; return;
      case node_kind::boolean_literal: out += n->has(flag::true_value) ? "true" : "false"; return;
      case node_kind::number_literal: out += format_number(n->number); return;
      case node_kind::string_literal: out += quote(n->text); return;
      case node_kind::array_literal: enclosed('[', n->children(), ']'); return;
      case node_kind::object_literal:
        for (const node* entry : n->children()) keep_naming_brackets(entry);
        enclosed('{', n->children(), '}');
        return;
      case node_kind::this_: out += '@'; return;
      case node_kind::parent:
        out += '^';
        for (std::uint32_t i = 1; i < n->count; ++i) out += ".^";
        return;
      case node_kind::everything: out += '*'; return;
      case node_kind::parameter:
        out += '$';
        out += n->text;
        return;
      case node_kind::this_attribute: out += n->text; return;
      case node_kind::func_call: call(n); return;
      case node_kind::attribute_access:
        base(n->lhs);
        if (is_identifier(n->text) && !kept_brackets_.contains(n)) {
          out += '.';
          out += n->text;
        } else {
          out += '[';
          out += quote(n->text);
          out += ']';
        }
        return;
      case node_kind::element_access:
      case node_kind::slice:
      case node_kind::filter:
        base(n->lhs);
        out += '[';
        expression(n->rhs, 1);
        out += ']';
        return;
      case node_kind::array_postfix:
        base(n->lhs);
        out += "[]";
        return;
      case node_kind::projection:
        base(n->lhs);
        out += ' ';
        body(n->rhs);
        return;
      case node_kind::dereference:
        base(n->lhs);
        out += "->";
        out += n->text;
        return;
      case node_kind::pipe_call:
        base(n->lhs);
        out += " | ";
        call(n);
        return;
      case node_kind::group_traversal:
        base(n->lhs);
        out += '.';
        enclosed('(', n->children(), ')');
        return;
      case node_kind::tuple: enclosed('(', n->children(), ')'); return;
      case node_kind::and_:
      case node_kind::or_: {
        bool first = true;
        for (const node* operand : n->children()) {
          if (!first) {
            out += ' ';
            out += operator_text(*n);
            out += ' ';
          }
          first = false;
          expression(operand, own + 1);
        }
        return;
      }
      case node_kind::not_:
      case node_kind::unary_plus:
      case node_kind::negate:
        out += operator_text(*n);
        // `- -x` would read back the same, but `--x` is shorter and unambiguous in GROQ.
        expression(n->lhs, own);
        return;
      case node_kind::power: binary(n, own + 1, 8); return;
      case node_kind::multiply:
      case node_kind::divide:
      case node_kind::modulo:
      case node_kind::add:
      case node_kind::subtract: binary(n, own, own + 1); return;
      case node_kind::range:  // non-associative: both sides one level tighter
      case node_kind::equal:
      case node_kind::not_equal:
      case node_kind::less:
      case node_kind::less_equal:
      case node_kind::greater:
      case node_kind::greater_equal:
      case node_kind::in:
      case node_kind::match:
      case node_kind::pair: binary(n, own + 1, own + 1); return;
      case node_kind::asc:
      case node_kind::desc:
        if (n->lhs->kind == node_kind::asc || n->lhs->kind == node_kind::desc) {
          expression(n->lhs, own + 1);
        } else {
          expression(n->lhs, own);
        }
        out += ' ';
        out += operator_text(*n);
        return;
      case node_kind::array_splat:
        out += "...";
        expression(n->lhs, 1);
        return;
      case node_kind::object_pair:
        out += quote(n->text);
        out += ": ";
        expression(n->rhs, 1);
        return;
      case node_kind::object_splat:
        out += "...";
        if (n->lhs != nullptr) expression(n->lhs, 1);
        return;
    }
  }

 private:
  std::unordered_set<const node*> kept_brackets_;
};

void dump_into(std::string& out, const node* n, int indent) {
  out.append(static_cast<std::size_t>(indent) * 2, ' ');
  fmt::format_to(std::back_inserter(out), "({} {}..{}", kind_name(n->kind), n->where.begin, n->where.end);
  switch (n->kind) {
    case node_kind::boolean_literal: out += n->has(flag::true_value) ? " true" : " false"; break;
    case node_kind::number_literal: out += ' ' + format_number(n->number); break;
    case node_kind::parent: fmt::format_to(std::back_inserter(out), " {}", n->count); break;
    case node_kind::func_call:
    case node_kind::pipe_call: fmt::format_to(std::back_inserter(out), " {}::{}", n->ns, n->text); break;
    case node_kind::range: out += n->has(flag::exclusive) ? " exclusive" : " inclusive"; break;
    default:
      if (!n->text.empty()) out += ' ' + quote(n->text);
  }
  if (n->has(flag::parenthesized)) out += " parenthesized";
  const bool leaf = n->lhs == nullptr && n->rhs == nullptr && n->count == 0;
  if (leaf || n->kind == node_kind::parent) {
    out += ")";
    return;
  }
  for (const node* child : {n->lhs, n->rhs}) {
    if (child == nullptr) continue;
    out += '\n';
    dump_into(out, child, indent + 1);
  }
  for (const node* item : n->children()) {
    out += '\n';
    dump_into(out, item, indent + 1);
  }
  out += ')';
}

}  // namespace

std::string quote(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 2);
  util::append_json_string(out, value);
  return out;
}

std::string format_number(double value) {
  if (std::isinf(value)) return value > 0 ? "1e999" : "-1e999";
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return {buffer, result.ptr};
}

std::string print(const node* n) {
  printer p;
  p.expression(n, 1);
  return std::move(p.out);
}

std::string print(std::span<const function_decl> functions, const node* root) {
  printer p;
  for (const function_decl& f : functions) {
    fmt::format_to(std::back_inserter(p.out), "fn {}::{}(", f.ns, f.name);
    p.list(f.params);
    p.out += ") = ";
    p.expression(f.body, 1);
    p.out += "; ";
  }
  p.expression(root, 1);
  return std::move(p.out);
}

std::string dump(const node* n) {
  std::string out;
  dump_into(out, n, 0);
  return out;
}

}  // namespace rolec::groq
