// The shape of the tree: precedence, associativity and the constructs the spec disambiguates.

#include <catch2/catch.hpp>

#include <string>

#include "groq/parse.hpp"
#include "groq/print.hpp"

namespace {

using rolec::groq::node_kind;

// The tree as an S-expression without spans, e.g. `(subtract (subtract a b) c)`.
std::string shape(const rolec::groq::node* n) {
  using rolec::groq::kind_name;
  switch (n->kind) {
    case node_kind::this_attribute: return std::string(n->text);
    case node_kind::number_literal: return rolec::groq::format_number(n->number);
    case node_kind::string_literal: return rolec::groq::quote(n->text);
    default: break;
  }
  std::string out = "(" + std::string(kind_name(n->kind));
  if (!n->text.empty()) out += " " + std::string(n->text);
  for (const auto* child : {n->lhs, n->rhs}) {
    if (child != nullptr) out += " " + shape(child);
  }
  for (const auto* item : n->children()) out += " " + shape(item);
  return out + ")";
}

std::string tree(const std::string& text) {
  static std::string keep;  // nodes point into the text
  keep = text;
  const auto result = rolec::groq::parse(keep);
  if (result.root == nullptr) return "error: " + result.diagnostics.front().message;
  return shape(result.root);
}

}  // namespace

TEST_CASE("arithmetic follows the spec's precedence table", "[groq][parse]") {
  CHECK(tree("a - b - c") == "(subtract (subtract a b) c)");
  CHECK(tree("a + b * c") == "(add a (multiply b c))");
  CHECK(tree("2 ** 3 ** 2") == "(power 2 (power 3 2))");
  CHECK(tree("-2 ** 2") == "(negate (power 2 2))");
  CHECK(tree("(-2) ** 2") == "(power (negate 2) 2)");
  CHECK(tree("2 ** -1") == "(power 2 (negate 1))");
  CHECK(tree("-a * b") == "(multiply (negate a) b)");
  CHECK(tree("10 % 3 % 2") == "(modulo (modulo 10 3) 2)");
  CHECK(tree("a - -b") == "(subtract a (negate b))");
}

TEST_CASE("logic and comparisons follow the spec's precedence table", "[groq][parse]") {
  CHECK(tree("!a == b") == "(equal (not a) b)");
  CHECK(tree("a && b || c && d") == "(or (and a b) (and c d))");
  CHECK(tree("a || b && c") == "(or a (and b c))");
  CHECK(tree("a && b && c") == "(and a b c)");
  CHECK(tree("a && (b && c)") == "(and a b c)");
  CHECK(tree("a == 1 + 2") == "(equal a (add 1 2))");
  CHECK(tree("x in 1..3") == "(in x (range 1 3))");
  CHECK(tree("a > 1 => \"b\"") == "(pair (greater a 1) \"b\")");
  CHECK(tree("true || true => false") == "(pair (or (boolean) (boolean)) (boolean))");
}

TEST_CASE("`asc` and `desc` bind like comparisons", "[groq][parse]") {
  CHECK(tree("@ && true asc") == "(and (this) (asc (boolean)))");
  CHECK(tree("(@ && true) asc") == "(asc (and (this) (boolean)))");
  CHECK(tree("a == b desc") == "(desc (equal a b))");
}

TEST_CASE("comparisons and ranges do not chain", "[groq][parse]") {
  CHECK(tree("a == b == c").rfind("error: comparisons cannot be chained", 0) == 0);
  CHECK(tree("a < b < c").rfind("error: comparisons cannot be chained", 0) == 0);
  CHECK(tree("a in b in c").rfind("error: comparisons cannot be chained", 0) == 0);
  CHECK(tree("1..2..3") == "error: ranges cannot be chained");
  CHECK(tree("(a == b) == c") == "(equal (equal a b) c)");
}

TEST_CASE("`in`, `match`, `asc` and `desc` are names in operand position", "[groq][parse]") {
  CHECK(tree("in == \"in\"") == "(equal in \"in\")");
  CHECK(tree("match match match") == "(match match match)");
  CHECK(tree("{asc, desc}") == "(object asc desc)");
  CHECK(tree("index > 1") == "(greater index 1)");
  CHECK(tree("nullable") == "nullable");
}

TEST_CASE("`1..3` is a range, `1.5` a number", "[groq][parse]") {
  CHECK(tree("x in 1..3") == "(in x (range 1 3))");
  CHECK(tree("x in 1...3") == "(in x (range 1 3))");
  CHECK(tree("1.5") == "1.5");
  CHECK(tree("1e3") == "1000");
  CHECK(tree("1.5e-3") == "0.0015");
}

TEST_CASE("square brackets are disambiguated by their constant value", "[groq][parse]") {
  CHECK(tree("a[0]") == "(element_access a 0)");
  CHECK(tree("a[-1]") == "(element_access a (negate 1))");
  CHECK(tree("a[\"b\"]") == "(attribute_access b a)");
  CHECK(tree("a[\"b\" + \"c\"]") == "(attribute_access bc a)");
  CHECK(tree("a[1..2]") == "(slice a (range 1 2))");
  CHECK(tree("a[x > 1]") == "(filter a (greater x 1))");
  CHECK(tree("a[true]") == "(filter a (boolean))");
  CHECK(tree("a[]") == "(array_postfix a)");
}

TEST_CASE("traversals chain left to right", "[groq][parse]") {
  CHECK(tree("a.b[0]->c") == "(dereference c (element_access (attribute_access b a) 0))");
  CHECK(tree("*[_type == \"x\"]{name}") == "(projection (filter (everything) (equal _type \"x\")) (object name))");
  CHECK(tree("* | order(a desc) | {b}") == "(projection (pipe_call order (everything) (desc a)) (object b))");
  CHECK(tree("^.^.x") == "(attribute_access x (parent))");
  CHECK(tree("a + b | order(c)") == "(add a (pipe_call order b c))");
}

TEST_CASE("function calls keep their namespace", "[groq][parse]") {
  const std::string text = "string::lower(a) == global::lower(b)";
  const auto result = rolec::groq::parse(text);
  REQUIRE(result.root != nullptr);
  CHECK(result.root->lhs->ns == "string");
  CHECK(result.root->rhs->ns == "global");
  CHECK(rolec::groq::print(result.root) == "string::lower(a) == lower(b)");
}

TEST_CASE("every node carries its byte span", "[groq][parse]") {
  const std::string text = "_type == \"post\" && (author._ref == identity())";
  const auto result = rolec::groq::parse(text);
  REQUIRE(result.root != nullptr);
  const auto* conjunction = result.root;
  CHECK(conjunction->where.begin == 0);
  CHECK(conjunction->where.end == text.size());
  const auto* comparison = conjunction->items[1];
  CHECK(text.substr(comparison->where.begin, comparison->where.size()) == "(author._ref == identity())");
  CHECK(text.substr(comparison->lhs->where.begin, comparison->lhs->where.size()) == "author._ref");
  CHECK(text.substr(comparison->rhs->where.begin, comparison->rhs->where.size()) == "identity()");
}

TEST_CASE("strings decode every escape GROQ defines", "[groq][parse]") {
  auto decoded = [](const std::string& literal) {
    const auto result = rolec::groq::parse(literal);
    REQUIRE(result.root != nullptr);
    return std::string(result.root->text);
  };
  CHECK(decoded(R"("a\"b\\c\/d")") == "a\"b\\c/d");
  CHECK(decoded(R"('it\'s')") == "it's");
  CHECK(decoded(R"("\b\f\n\r\t")") == "\b\f\n\r\t");
  CHECK(decoded(R"("\u00e9")") == "\xC3\xA9");
  CHECK(decoded(R"("\u{1F600}")") == "\xF0\x9F\x98\x80");
  CHECK(decoded(R"("\uD83D\uDE00")") == "\xF0\x9F\x98\x80");
  CHECK(decoded("\"line\nbreak\"") == "line\nbreak");
}

TEST_CASE("nesting is bounded instead of overflowing the stack", "[groq][parse]") {
  const std::string deep(100000, '(');
  const auto result = rolec::groq::parse(deep);
  REQUIRE(result.root == nullptr);
  CHECK(result.diagnostics.front().rule == rolec::diag::rule::nesting_too_deep);

  std::string brackets;
  for (int i = 0; i < 100000; ++i) brackets += "[";
  CHECK(rolec::groq::parse(brackets).diagnostics.front().rule == rolec::diag::rule::nesting_too_deep);

  std::string negations(100000, '!');
  negations += "a";
  CHECK(rolec::groq::parse(negations).diagnostics.front().rule == rolec::diag::rule::nesting_too_deep);

  std::string sum = "1";
  for (int i = 0; i < 100000; ++i) sum += "+1";
  CHECK(rolec::groq::parse(sum).diagnostics.front().rule == rolec::diag::rule::nesting_too_deep);

  std::string conjunction = "a";
  for (int i = 0; i < 100000; ++i) conjunction += " && a";
  const auto flat = rolec::groq::parse(conjunction);
  REQUIRE(flat.root != nullptr);  // `&&` chains are one n-ary node, however long
  CHECK(flat.root->count == 100001);
}
