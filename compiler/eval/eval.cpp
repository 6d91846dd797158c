// The GROQ evaluator: spec chapters "Execution", "Operators", "Traversal operators", "Data types".

#include "eval/eval.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <vector>

#include "eval/evaluator.hpp"
#include "eval/text_match.hpp"
#include "groq/functions.hpp"
#include "util/file.hpp"

namespace rolec::eval {

using groq::node;
using groq::node_kind;
namespace flag = groq::flag;

namespace {

// Built-ins whose result depends only on their arguments and the environment, so a call with
// constant arguments can be computed once per program.
bool pure(const groq::function_info* f) {
  if (f == nullptr) return false;
  static constexpr std::string_view impure_global[] = {"references", "boost", "anywhere", "before", "after", "operation"};
  if (f->ns == "global") {
    return std::find(std::begin(impure_global), std::end(impure_global), f->name) == std::end(impure_global) &&
           (f->flags & groq::function_flag::pipe) == 0;
  }
  return f->ns == "string" || f->ns == "array" || f->ns == "math" || f->ns == "dateTime" || f->ns == "pt" ||
         (f->ns == "sanity" && (f->name == "projectId" || f->name == "dataset"));
}

bool is_literal(node_kind k) {
  return k == node_kind::null_literal || k == node_kind::boolean_literal || k == node_kind::number_literal ||
         k == node_kind::string_literal;
}

}  // namespace

namespace detail {

namespace {

// Custom functions calling each other (a recursive one): how deep now, and whether the bound was
// hit, so that every call still running fails at once instead of trying again from where it is.
constexpr int max_custom_depth = 32;
thread_local int custom_depth = 0;
thread_local bool custom_too_deep = false;

}  // namespace
}  // namespace detail

program::program(const groq::parse_result& query, const environment& env) : query_(query), env_(env) {
  if (detail::custom_depth == 0) detail::work_done = 0;  // folding constants is work too
  folded_.resize(query.node_count);
  is_folded_.resize(query.node_count, false);
  for (const groq::function_decl& decl : query.functions) fold(decl.body);
  fold(query.root);
}

const path_glob* program::keep(std::string_view pattern) const { return &globs_.emplace_back(pattern); }

void program::fold(const node* root) {
  if (root == nullptr) return;
  // Bottom-up: which nodes are constant.
  std::vector<bool> constant(query_.node_count, false);
  const auto mark = [&](auto&& self, const node* n) -> bool {
    if (n == nullptr) return true;
    bool children = true;
    children &= self(self, n->lhs);
    children &= self(self, n->rhs);
    for (const node* item : n->children()) children &= self(self, item);
    bool result = false;
    switch (n->kind) {
      case node_kind::null_literal:
      case node_kind::boolean_literal:
      case node_kind::number_literal:
      case node_kind::string_literal:
      case node_kind::parameter: result = true; break;
      case node_kind::array_literal:
      case node_kind::array_splat:
      case node_kind::object_pair: result = children; break;
      case node_kind::object_literal:
        result = children && std::all_of(n->children().begin(), n->children().end(), [](const node* e) {
                   return e->kind == node_kind::object_pair || (e->kind == node_kind::object_splat && e->lhs != nullptr);
                 });
        break;
      case node_kind::func_call:
        result = children && pure(n->function) &&
                 std::none_of(query_.functions.begin(), query_.functions.end(), [&](const groq::function_decl& d) {
                   return d.ns == n->ns && d.name == n->text;
                 });
        break;
      case node_kind::and_:
      case node_kind::or_:
      case node_kind::not_:
      case node_kind::negate:
      case node_kind::unary_plus:
      case node_kind::add:
      case node_kind::subtract:
      case node_kind::multiply:
      case node_kind::divide:
      case node_kind::modulo:
      case node_kind::power:
      case node_kind::range: result = children; break;
      default: result = groq::is_comparison(n->kind) && children;
    }
    constant[n->index] = result;
    return result;
  };
  mark(mark, root);
  // Top-down: compute each maximal constant subtree once.
  util::arena& arena = constants_;
  const auto store = [&](auto&& self, const node* n) -> void {
    if (n == nullptr) return;
    if (constant[n->index] && !is_literal(n->kind) && n->kind != node_kind::object_pair &&
        n->kind != node_kind::array_splat) {
      try {
        detail::evaluator ev(*this, arena);
        value v = ev.eval(n, detail::scope{});
        if (v.is(value_type::path) && v.compiled_path() == nullptr) v = value::path(v.path_pattern(), keep(v.path_pattern()));
        folded_[n->index] = v;
        is_folded_[n->index] = true;
        return;
      } catch (const eval_error&) {
        // Left to run time, which reports the error where it happens.
      }
    }
    self(self, n->lhs);
    self(self, n->rhs);
    for (const node* item : n->children()) self(self, item);
  };
  store(store, root);
}

value program::run(const value& root, util::arena& arena) const {
  detail::work_done = 0;
  detail::evaluator ev(*this, arena);
  return ev.eval(query_.root, detail::scope{root, nullptr});
}

value program::run_node(const groq::node* n, const value& root, util::arena& arena) const {
  detail::work_done = 0;
  detail::evaluator ev(*this, arena);
  return ev.eval(n, detail::scope{root, nullptr});
}

namespace detail {

void evaluator::fail(const node* n, std::string message, std::string help) {
  throw eval_error{diag::make(diag::rule::syntax_error, n->where, std::move(message), std::move(help))};
}

void evaluator::too_much_work(const node* n) {
  const std::string what = work_done > max_work ? fmt::format("{} steps", max_work)
                                                : fmt::format("building {} of values", util::byte_size(max_memory));
  fail(n, fmt::format("evaluation stopped after {}: the expression does too much work for one document", what),
       "a loop over an array inside a loop over another costs the product of their sizes, and so does an array "
       "or string built from copies of another; filter or slice the arrays first, or split the query");
}

value evaluator::dataset() {
  if (!env().dataset) return {};
  return make_array(arena_, *env().dataset);
}

value evaluator::find_document(std::string_view id) {
  if (!env().dataset) return {};
  for (const value& doc : *env().dataset) {
    const auto doc_id = doc.get("_id");
    if (doc_id && doc_id->is(value_type::string) && doc_id->as_string() == id) return doc;
  }
  return {};
}

namespace {

bool is_boolean(const value& v) { return v.is(value_type::boolean); }

enum class traversal_kind : unsigned char { plain, array, element, projection };

// Spec "Disambiguating square bracket traversal", with the parameters substituted first as the
// engines do: brackets whose content is constant but for parameters hold an element index or an
// attribute name when the parameters make it a number or a string.
const value* parameter_key(const program& prog, const node* t) {
  if (t->kind != node_kind::filter || !t->has(flag::parameter_key)) return nullptr;
  const value* key = prog.folded(t->rhs);
  return key != nullptr && (key->is(value_type::number) || key->is(value_type::string)) ? key : nullptr;
}

traversal_kind kind_of(const program& prog, const node* t) {
  switch (t->kind) {
    case node_kind::filter:
      if (const value* key = parameter_key(prog, t)) {
        return key->is(value_type::number) ? traversal_kind::element : traversal_kind::plain;
      }
      return traversal_kind::array;
    case node_kind::slice:
    case node_kind::array_postfix: return traversal_kind::array;
    case node_kind::element_access: return traversal_kind::element;
    case node_kind::projection: return traversal_kind::projection;
    default: return traversal_kind::plain;
  }
}

// The four shapes of a combined traversal (spec "Traversal execution"): whether it takes an
// array (a) or anything (b), and whether it returns an array (a) or anything (b).
enum class shape : unsigned char { none, aa, ab, ba, bb };

shape combine(traversal_kind t, shape right) {
  switch (t) {
    case traversal_kind::array:
      return right == shape::none || right == shape::aa || right == shape::bb || right == shape::ba ? shape::aa : shape::ab;
    case traversal_kind::plain:
      if (right == shape::none) return shape::bb;
      return right == shape::aa || right == shape::ba ? shape::ba : shape::bb;
    case traversal_kind::element:
      if (right == shape::none) return shape::ab;
      return right == shape::aa || right == shape::ba ? shape::aa : shape::ab;
    case traversal_kind::projection:
      return right == shape::none ? shape::bb : right;
  }
  return shape::bb;
}

bool integral(double d) { return std::floor(d) == d; }

// The element that index `at` selects in an array of `size` (negative: from the end), if any.
// Decided in doubles: an index beyond the range of int64 (`[1, 2][1e300]`) must not be converted.
std::optional<std::size_t> element_index(double at, std::size_t size) {
  const double n = static_cast<double>(size);
  if (!integral(at)) return std::nullopt;
  if (at < 0) at += n;
  if (at < 0 || at >= n) return std::nullopt;
  return static_cast<std::size_t>(at);
}

// A slice bound as an integer (truncated), first clamped to what selects the same elements, so
// that the conversion is defined for any number.
std::int64_t slice_bound(double at, std::size_t size) {
  const double limit = static_cast<double>(size) + 1;
  return static_cast<std::int64_t>(std::clamp(at, -limit, limit));
}

}  // namespace

value evaluator::eval(const node* n, const scope& s) {
  if (const value* v = prog_.folded(n)) return *v;
  charge(1, n);
  switch (n->kind) {
    case node_kind::null_literal: return {};
    case node_kind::boolean_literal: return value::boolean(n->has(flag::true_value));
    case node_kind::number_literal: return value::number(n->number);
    case node_kind::string_literal: return value::string(n->text);
    case node_kind::array_literal: return eval_array(n, s);
    case node_kind::object_literal: return eval_object(n, s);
    case node_kind::this_: return s.self;
    case node_kind::parent: {
      const scope* current = &s;
      for (std::uint32_t level = 0; level < n->count; ++level) {
        current = current->parent;
        if (current == nullptr) return {};
      }
      return current->self;
    }
    case node_kind::everything: return dataset();
    case node_kind::parameter: {
      const auto found = env().parameters.find(n->text);
      return found == env().parameters.end() ? value{} : found->second;
    }
    case node_kind::this_attribute: {
      if (!s.self.is(value_type::object)) return {};
      return s.self.get(n->text).value_or(value{});
    }
    case node_kind::func_call: {
      for (const groq::function_decl& decl : prog_.query().functions) {
        if (decl.ns == n->ns && decl.name == n->text) return call_custom(n, decl, s);
      }
      if (n->function == nullptr) fail(n, fmt::format("unknown function `{}::{}()`", n->ns, n->text));
      return call_builtin(*this, n, s);
    }
    case node_kind::attribute_access:
    case node_kind::element_access:
    case node_kind::slice:
    case node_kind::filter:
    case node_kind::array_postfix:
    case node_kind::projection:
    case node_kind::dereference: return eval_traversal(n, s);
    case node_kind::pipe_call: return eval_pipe(n, s);
    case node_kind::and_: {
      // Three-valued: false wins, then anything that is not a boolean makes the result null.
      bool unknown = false;
      for (const node* operand : n->children()) {
        const value v = eval(operand, s);
        if (v.is(value_type::boolean)) {
          if (!v.as_boolean()) return value::boolean(false);
        } else {
          unknown = true;
        }
      }
      return unknown ? value{} : value::boolean(true);
    }
    case node_kind::or_: {
      bool unknown = false;
      for (const node* operand : n->children()) {
        const value v = eval(operand, s);
        if (v.is(value_type::boolean)) {
          if (v.as_boolean()) return value::boolean(true);
        } else {
          unknown = true;
        }
      }
      return unknown ? value{} : value::boolean(false);
    }
    case node_kind::not_: {
      const value v = eval(n->lhs, s);
      return is_boolean(v) ? value::boolean(!v.as_boolean()) : value{};
    }
    case node_kind::negate:
    case node_kind::unary_plus: {
      const value v = eval(n->lhs, s);
      if (!v.is(value_type::number)) return {};
      return n->kind == node_kind::negate ? value::number(-v.as_number()) : v;
    }
    case node_kind::equal: return value::boolean(equal(eval(n->lhs, s), eval(n->rhs, s)));
    case node_kind::not_equal: return value::boolean(!equal(eval(n->lhs, s), eval(n->rhs, s)));
    case node_kind::less:
    case node_kind::less_equal:
    case node_kind::greater:
    case node_kind::greater_equal: {
      const auto order = partial_compare(eval(n->lhs, s), eval(n->rhs, s));
      if (!order) return {};
      switch (n->kind) {
        case node_kind::less: return value::boolean(*order < 0);
        case node_kind::less_equal: return value::boolean(*order <= 0);
        case node_kind::greater: return value::boolean(*order > 0);
        default: return value::boolean(*order >= 0);
      }
    }
    case node_kind::in: return eval_in(n, s);
    case node_kind::match: {
      const value left = eval(n->lhs, s);
      const value right = eval(n->rhs, s);
      std::vector<std::string_view> texts;
      std::vector<std::string_view> patterns;
      if (left.is(value_type::string)) texts.push_back(left.as_string());
      if (left.is(value_type::array)) {
        for (const value& item : elements(left, n)) {
          if (item.is(value_type::string)) texts.push_back(item.as_string());
        }
      }
      if (right.is(value_type::string)) patterns.push_back(right.as_string());
      if (right.is(value_type::array)) {
        for (const value& item : elements(right, n)) {
          if (!item.is(value_type::string)) return value::boolean(false);
          patterns.push_back(item.as_string());
        }
      }
      return value::boolean(text_match(texts, patterns));
    }
    case node_kind::add:
    case node_kind::subtract:
    case node_kind::multiply:
    case node_kind::divide:
    case node_kind::modulo:
    case node_kind::power: return eval_arithmetic(n, s);
    case node_kind::range: {
      const value start = eval(n->lhs, s);
      const value end = eval(n->rhs, s);
      if (!partial_compare(start, end)) return {};
      return make_range(arena_, start, end, n->has(flag::exclusive));
    }
    case node_kind::pair: return make_pair(arena_, eval(n->lhs, s), eval(n->rhs, s));
    case node_kind::asc:
    case node_kind::desc: return eval(n->lhs, s);
    case node_kind::array_splat:
    case node_kind::object_pair:
    case node_kind::object_splat:
    case node_kind::tuple:
    case node_kind::group_traversal: return {};  // only meaningful inside their parents
  }
  return {};
}

value evaluator::eval_array(const node* n, const scope& s) {
  std::vector<value> items;
  items.reserve(n->count);
  for (const node* element : n->children()) {
    if (element->kind == node_kind::array_splat) {
      const value spread = eval(element->lhs, s);
      if (spread.is(value_type::array)) {
        for (const value& item : elements(spread, n)) items.push_back(item);
        check_memory(items.size() * sizeof(value), n);
      }
    } else {
      items.push_back(eval(element, s));
    }
  }
  return make_array(arena_, items);
}

namespace {

// The attributes of an object being built: later ones win, and a key keeps its first position.
// Past a few attributes keys are found through an index, so that spreading an object of
// thousands of attributes takes linear time, not quadratic.
class object_builder {
 public:
  void put(std::string_view key, const value& v) {
    if (index_.empty()) {
      for (field& f : fields_) {
        if (f.key == key) {
          f.val = v;
          return;
        }
      }
      fields_.push_back({key, v});
      if (fields_.size() == indexed_from) {
        for (std::size_t i = 0; i < fields_.size(); ++i) index_.emplace(fields_[i].key, i);
      }
      return;
    }
    const auto [at, added] = index_.try_emplace(key, fields_.size());
    if (added) {
      fields_.push_back({key, v});
    } else {
      fields_[at->second].val = v;
    }
  }
  [[nodiscard]] const std::vector<field>& fields() const { return fields_; }

 private:
  static constexpr std::size_t indexed_from = 16;
  std::vector<field> fields_;
  std::unordered_map<std::string_view, std::size_t> index_;
};

}  // namespace

value evaluator::eval_object(const node* n, const scope& s) {
  object_builder fields;
  for (const node* entry : n->children()) {
    switch (entry->kind) {
      case node_kind::object_pair: fields.put(entry->text, eval(entry->rhs, s)); break;
      case node_kind::object_splat: {
        const value spread = entry->lhs != nullptr ? eval(entry->lhs, s) : s.self;
        for (const field& f : this->fields(spread, entry)) fields.put(f.key, f.val);
        break;
      }
      case node_kind::pair: {
        // A conditional projection: `cond => {...}` adds the attributes when cond is true.
        if (eval(entry->lhs, s).is_true()) {
          const value added = eval(entry->rhs, s);
          for (const field& f : this->fields(added, entry)) fields.put(f.key, f.val);
        }
        break;
      }
      default: {
        const node* name = naming_node(entry);
        fields.put(name == nullptr ? std::string_view() : name->text, eval(entry, s));
        break;
      }
    }
  }
  return make_object(arena_, fields.fields());
}

value evaluator::eval_in(const node* n, const scope& s) {
  const value left = eval(n->lhs, s);
  const value right = eval(n->rhs, s);
  switch (right.type()) {
    case value_type::array: {
      if (!right.in_json()) {
        const array_data* a = right.native_array();
        charge(a->size, n);
        for (std::uint32_t i = 0; i < a->size; ++i) {
          if (equal(left, a->items[i])) return value::boolean(true);
        }
        return value::boolean(false);
      }
      for (const value& item : elements(right, n)) {
        if (equal(left, item)) return value::boolean(true);
      }
      return value::boolean(false);
    }
    case value_type::range: {
      const range_data& r = right.as_range();
      const auto low = partial_compare(left, r.start);
      const auto high = partial_compare(left, r.end);
      if (!low || !high) return {};
      if (*low < 0 || *high > 0) return value::boolean(false);
      if (r.exclusive && *high == 0) return value::boolean(false);
      return value::boolean(true);
    }
    case value_type::path: {
      std::string_view subject;
      if (left.is(value_type::string)) {
        subject = left.as_string();
      } else if (left.is(value_type::path)) {
        subject = left.path_pattern();
      } else {
        return {};
      }
      if (const path_glob* glob = right.compiled_path()) return value::boolean(glob->matches(subject));
      return value::boolean(path_glob(right.path_pattern()).matches(subject));
    }
    default: return {};
  }
}

value evaluator::eval_arithmetic(const node* n, const scope& s) {
  const value left = eval(n->lhs, s);
  const value right = eval(n->rhs, s);
  const bool numbers = left.is(value_type::number) && right.is(value_type::number);
  switch (n->kind) {
    case node_kind::add:
      if (numbers) return value::number(left.as_number() + right.as_number());
      if (left.is(value_type::string) && right.is(value_type::string)) {
        charge(left.as_string().size() + right.as_string().size(), n);
        std::string joined(left.as_string());
        joined += right.as_string();
        return make_string(arena_, joined);
      }
      if (left.is(value_type::array) && right.is(value_type::array)) {
        std::vector<value> items;
        for (const value& item : elements(left, n)) items.push_back(item);
        for (const value& item : elements(right, n)) items.push_back(item);
        check_memory(items.size() * sizeof(value), n);
        return make_array(arena_, items);
      }
      if (left.is(value_type::object) && right.is(value_type::object)) {
        object_builder fields;
        for (const field& f : this->fields(left, n)) fields.put(f.key, f.val);
        for (const field& f : this->fields(right, n)) fields.put(f.key, f.val);
        return make_object(arena_, fields.fields());
      }
      if (left.is(value_type::datetime) && right.is(value_type::number)) {
        const auto shifted = add_seconds(left.as_datetime(), right.as_number());
        return shifted ? value::date_time(*shifted) : value{};
      }
      if (left.is(value_type::number) && right.is(value_type::datetime)) {
        const auto shifted = add_seconds(right.as_datetime(), left.as_number());
        return shifted ? value::date_time(*shifted) : value{};
      }
      return {};
    case node_kind::subtract:
      if (numbers) return value::number(left.as_number() - right.as_number());
      if (left.is(value_type::datetime) && right.is(value_type::datetime)) {
        return value::number(seconds_between(left.as_datetime(), right.as_datetime()));
      }
      if (left.is(value_type::datetime) && right.is(value_type::number)) {
        const auto shifted = add_seconds(left.as_datetime(), -right.as_number());
        return shifted ? value::date_time(*shifted) : value{};
      }
      return {};
    case node_kind::multiply: return numbers ? value::number(left.as_number() * right.as_number()) : value{};
    case node_kind::divide: return numbers ? value::number(left.as_number() / right.as_number()) : value{};
    case node_kind::modulo: return numbers ? value::number(std::fmod(left.as_number(), right.as_number())) : value{};
    case node_kind::power: return numbers ? value::number(std::pow(left.as_number(), right.as_number())) : value{};
    default: return {};
  }
}

value evaluator::eval_traversal(const node* n, const scope& s) {
  // The common case in filters, `a.b.c`: attribute accesses only, no arrays involved.
  if (n->kind == node_kind::attribute_access) {
    const node* cur = n;
    while (cur->kind == node_kind::attribute_access && !(cur != n && cur->has(flag::parenthesized))) cur = cur->lhs;
    const bool implicit_array = !cur->has(flag::parenthesized) &&
                                (cur->kind == node_kind::everything || cur->kind == node_kind::array_literal ||
                                 cur->kind == node_kind::pipe_call);
    if (!groq::is_traversal(cur->kind) && !implicit_array) return attribute_chain(n, eval(cur, s));
  }
  // Collect the chain `base t1 t2 ... tn` (spec "Traversal expression"); a parenthesised
  // traversal or a pipe call starts a new chain.
  const node* chain[32];
  std::size_t length = 0;
  std::vector<const node*> long_chain;
  const node* cur = n;
  while (groq::is_traversal(cur->kind) && cur->kind != node_kind::pipe_call && cur->kind != node_kind::group_traversal &&
         (cur == n || !cur->has(flag::parenthesized))) {
    if (length < 32) {
      chain[length++] = cur;
    } else {
      if (long_chain.empty()) long_chain.assign(chain, chain + 32);
      long_chain.push_back(cur);
    }
    cur = cur->lhs;
  }
  std::vector<const node*> traversals = long_chain.empty() ? std::vector<const node*>(chain, chain + length) : long_chain;
  std::reverse(traversals.begin(), traversals.end());
  const node* base = cur;
  // `*`, array literals and pipe calls behave as if followed by `[]`.
  const bool implicit_array = !base->has(flag::parenthesized) &&
                              (base->kind == node_kind::everything || base->kind == node_kind::array_literal ||
                               base->kind == node_kind::pipe_call);
  const std::size_t count = traversals.size();
  // shapes[i]: the shape of traversals i..count-1 combined; shapes[count] is none.
  std::vector<shape> shapes(count + 1, shape::none);
  for (std::size_t i = count; i-- > 0;) shapes[i] = combine(kind_of(prog_, traversals[i]), shapes[i + 1]);

  const auto attribute = [](const value& v, std::string_view name) -> value {
    if (!v.is(value_type::object)) return {};
    return v.get(name).value_or(value{});
  };
  const auto element = [&](const value& v, const value& index) -> value {
    if (!v.is(value_type::array) || !index.is(value_type::number)) return {};
    const auto items = v.elements(arena_);
    const auto i = element_index(index.as_number(), items.size());
    return i ? items[*i] : value{};
  };
  const auto apply_one = [&](const node* t, const value& v) -> value {
    switch (t->kind) {
      case node_kind::attribute_access: return attribute(v, t->text);
      case node_kind::dereference: {
        if (!v.is(value_type::object)) return {};
        const auto ref = v.get("_ref");
        if (!ref || !ref->is(value_type::string)) return {};
        const value target = find_document(ref->as_string());
        if (t->text.empty()) return target;
        if (!target.is(value_type::object)) return {};
        return target.get(t->text).value_or(value{});
      }
      case node_kind::element_access: return element(v, eval(t->rhs, s));
      case node_kind::slice: {
        if (!v.is(value_type::array)) return {};
        const value low = eval(t->rhs->lhs, s);
        const value high = eval(t->rhs->rhs, s);
        if (!low.is(value_type::number) || !high.is(value_type::number)) return {};
        const auto items = v.elements(arena_);
        const auto size = static_cast<std::int64_t>(items.size());
        auto left = slice_bound(low.as_number(), items.size());
        auto right = slice_bound(high.as_number(), items.size());
        if (left < 0) left += size;
        if (right < 0) right += size;
        if (t->rhs->has(flag::exclusive)) --right;
        // A start past the end selects nothing (the suite's reading of the spec's clamping).
        left = std::clamp<std::int64_t>(left, 0, size);
        right = std::clamp<std::int64_t>(right, -1, size - 1);
        if (right < left) return make_array(arena_, {});
        return make_array(arena_, items.subspan(static_cast<std::size_t>(left), static_cast<std::size_t>(right - left + 1)));
      }
      case node_kind::filter: {
        if (const value* key = parameter_key(prog_, t)) {
          return key->is(value_type::number) ? element(v, *key) : attribute(v, key->as_string());
        }
        if (!v.is(value_type::array)) return v;
        std::vector<value> kept;
        for (const value& item : elements(v, n)) {
          if (eval(t->rhs, scope{item, &s}).is_true()) kept.push_back(item);
        }
        return make_array(arena_, kept);
      }
      case node_kind::array_postfix: return v.is(value_type::array) ? v : value{};
      case node_kind::projection: {
        if (!v.is(value_type::object)) return {};
        return eval(t->rhs, scope{v, &s});
      }
      default: return {};
    }
  };

  // apply(i, v): traversals i.. applied to v, mapping or flat-mapping where the shapes say so.
  const auto apply = [&](auto&& self, std::size_t i, value v) -> value {
    while (i < count) {
      const node* t = traversals[i];
      const shape rest = shapes[i + 1];
      const traversal_kind k = kind_of(prog_, t);
      if (k == traversal_kind::projection && (rest == shape::aa || rest == shape::ab)) {
        // The projection maps over the array, then the rest applies to the whole.
        if (!v.is(value_type::array)) return {};
        std::vector<value> mapped;
        for (const value& item : elements(v, n)) mapped.push_back(apply_one(t, item));
        v = make_array(arena_, mapped);
        ++i;
        continue;
      }
      v = apply_one(t, v);
      ++i;
      if (k == traversal_kind::array && (rest == shape::bb || rest == shape::ba)) {
        if (!v.is(value_type::array)) return {};
        std::vector<value> mapped;
        for (const value& item : elements(v, n)) {
          const value r = self(self, i, item);
          if (rest == shape::bb) {
            mapped.push_back(r);
          } else if (r.is(value_type::array)) {
            for (const value& inner : elements(r, n)) mapped.push_back(inner);
          }
        }
        return make_array(arena_, mapped);
      }
    }
    return v;
  };

  value start = eval(base, s);
  if (implicit_array) {
    // As if `[]` came first: coerce to an array, then map the rest the way an array traversal does.
    if (!start.is(value_type::array)) return {};
    const shape rest = shapes[0];
    if (rest == shape::bb || rest == shape::ba) {
      std::vector<value> mapped;
      for (const value& item : elements(start, n)) {
        const value r = apply(apply, 0, item);
        if (rest == shape::bb) {
          mapped.push_back(r);
        } else if (r.is(value_type::array)) {
          for (const value& inner : elements(r, n)) mapped.push_back(inner);
        }
      }
      return make_array(arena_, mapped);
    }
  }
  return apply(apply, 0, start);
}

value evaluator::attribute_chain(const node* n, const value& base) {
  if (n->lhs->kind == node_kind::attribute_access && !n->lhs->has(flag::parenthesized)) {
    const value inner = attribute_chain(n->lhs, base);
    if (!inner.is(value_type::object)) return {};
    return inner.get(n->text).value_or(value{});
  }
  if (!base.is(value_type::object)) return {};
  return base.get(n->text).value_or(value{});
}

value evaluator::eval_pipe(const node* n, const scope& s) {
  const value base = eval(n->lhs, s);
  if (!base.is(value_type::array)) return {};
  if (n->text == "order") return order_by(*this, n, base, s);
  if (n->text == "score") return score_by(*this, n, base, s);
  fail(n, fmt::format("`{}()` is not a pipe function", n->text));
}

value evaluator::call_custom(const node* n, const groq::function_decl& decl, const scope& s) {
  // Spec: the body runs in a new root scope with the parameter bound to the argument.
  environment inner = env();
  if (!decl.params.empty() && n->count > 0) inner.parameters[std::string(decl.params[0]->text)] = eval(n->items[0], s);
  if (custom_too_deep || custom_depth >= max_custom_depth) {
    custom_too_deep = true;
    fail(n, fmt::format("custom functions call each other more than {} deep", max_custom_depth),
         "a custom function that calls itself must reach an end, as in a projection of a missing attribute");
  }
  struct depth_guard {
    depth_guard() { ++custom_depth; }
    ~depth_guard() {
      if (--custom_depth == 0) custom_too_deep = false;
    }
  } guard;
  const program body(prog_.query(), inner);
  evaluator ev(body, arena_);
  return ev.eval(decl.body, scope{});
}

}  // namespace detail
}  // namespace rolec::eval
