#include "analyze/symbolic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "eval/datetime.hpp"
#include "groq/functions.hpp"
#include "groq/print.hpp"

namespace rolec::analyze {
namespace {

using groq::node;
using groq::node_kind;

constexpr std::uint8_t bit(kind k) { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(k)); }
constexpr std::size_t at(kind k) { return static_cast<std::size_t>(k); }

// Leaf tags.
constexpr int tag_null = 0, tag_boolean = 1, tag_number = 2, tag_string = 3, tag_object = 4, tag_array = 5;

// Instants of years 0001 and 9999 (the dates eval::parse_datetime reads), in milliseconds.
constexpr std::int64_t first_millis = -62135596800000;
constexpr std::int64_t last_millis = 253402300799999;

std::string path_text(const std::vector<step>& path) {
  std::string out;
  for (const step& s : path) out += s.index >= 0 ? fmt::format("[{}]", s.index) : "." + s.field;
  return out;
}

// A path as a key no two paths share: each field's length before it (`a.b` and the one field
// `a.b` differ).
std::string path_key(const std::vector<step>& path) {
  std::string out;
  for (const step& s : path) out += s.index >= 0 ? fmt::format("[{}]", s.index) : fmt::format(".{}:{}", s.field.size(), s.field);
  return out;
}

}  // namespace

std::string format_instant(std::int64_t ms) {
  eval::datetime t;
  t.seconds = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  t.nanos = static_cast<std::int32_t>((ms - t.seconds * 1000) * 1000000);
  return eval::format_datetime_millis(t);
}

int memberships(const node* n, std::set<std::string>& seen) {
  if (n == nullptr) return 0;
  // Only a test against a value of the document or the principal needs array slots: a literal
  // list and a `path()` are no arrays the solver fills.
  const bool listed = n->kind == node_kind::in && n->rhs != nullptr && n->rhs->kind != node_kind::array_literal &&
                      !(n->rhs->kind == node_kind::func_call && n->rhs->text == "path");
  // The same test written twice (on both sides of a change) needs one element, not two.
  int count = listed && seen.insert(groq::print(n)).second ? 1 : 0;
  count += memberships(n->lhs, seen) + memberships(n->rhs, seen);
  for (const node* child : n->children()) count += memberships(child, seen);
  return count;
}

world::world(smt& z, int slots) : z_(z), slots_(slots) {
  identity_ = z_.string_var("identity");
  dataset_ = z_.string_var("dataset");
  robot_ = z_.boolean_var("robot");
  now_ = z_.int_var("now");
  constraints_.push_back(z_.less_equal(z_.integer(first_millis), now_));
  constraints_.push_back(z_.less_equal(now_, z_.integer(last_millis)));
}

std::string world::unsupported() const {
  if (!unsupported_.empty()) return unsupported_;
  for (const auto& [key, l] : leaves_) {
    if (l.read_as_date && l.read_as_text) {
      return fmt::format("`{}` read both as a date and as text", path_text(l.path).substr(1));
    }
  }
  return "";
}

value world::unsupported(std::string what) {
  if (unsupported_.empty()) unsupported_ = std::move(what);
  return constant(kind::null);
}

value world::constant(kind k) {
  value v;
  v.may = bit(k);
  v.when[at(k)] = z_.yes();
  return v;
}

value world::truth(Z3_ast t, Z3_ast f) {
  value v;
  const Z3_ast known = z_.either(t, f);
  v.may = bit(kind::boolean);
  v.when[at(kind::boolean)] = known;
  v.b = t;
  if (!z_.is_yes(known)) {
    v.may |= bit(kind::null);
    v.when[at(kind::null)] = z_.negation(known);
  }
  return v;
}

Z3_ast world::is_true(const value& v) { return v.can(kind::boolean) ? z_.both(v.when[at(kind::boolean)], v.b) : z_.no(); }
Z3_ast world::is_false(const value& v) {
  return v.can(kind::boolean) ? z_.both(v.when[at(kind::boolean)], z_.negation(v.b)) : z_.no();
}

Z3_ast world::text_of(const value& v) {
  if (v.source != nullptr) v.source->read_as_text = true;
  return v.s;
}

leaf& world::leaf_at(const std::string& space, const std::vector<step>& path) {
  const auto key = std::make_pair(space, path_key(path));
  if (auto it = leaves_.find(key); it != leaves_.end()) return it->second;
  leaf l;
  l.space = space;
  l.path = path;
  const std::string name = space + ":" + key.second;
  l.tag = z_.int_var(name + "#tag");
  l.b = z_.boolean_var(name + "#b");
  l.n = z_.real_var(name + "#n");
  l.s = z_.string_var(name + "#s");
  l.length = z_.int_var(name + "#length");
  constraints_.push_back(z_.less_equal(z_.integer(tag_null), l.tag));
  constraints_.push_back(z_.less_equal(l.tag, z_.integer(tag_array)));
  constraints_.push_back(z_.less_equal(z_.integer(0), l.length));
  constraints_.push_back(z_.less_equal(l.length, z_.integer(slots_)));
  const Z3_ast present = z_.negation(z_.equal(l.tag, z_.integer(tag_null)));
  // A field exists only inside an object, an element only inside an array and within its length.
  if (!path.empty() && !(space != "attributes" && path.size() == 1 && path[0].index < 0)) {
    std::vector<step> up(path.begin(), path.end() - 1);
    leaf& parent = leaf_at(space, up);
    if (path.back().index >= 0) {
      constraints_.push_back(z_.implies(present, z_.both(z_.equal(parent.tag, z_.integer(tag_array)),
                                                         z_.less(z_.integer(path.back().index), parent.length))));
    } else {
      constraints_.push_back(z_.implies(present, z_.equal(parent.tag, z_.integer(tag_object))));
    }
  }
  return leaves_.emplace(key, std::move(l)).first->second;
}

value world::leaf_value(leaf& l) {
  value v;
  v.may = bit(kind::null) | bit(kind::boolean) | bit(kind::number) | bit(kind::string) | bit(kind::other);
  v.when[at(kind::null)] = z_.equal(l.tag, z_.integer(tag_null));
  v.when[at(kind::boolean)] = z_.equal(l.tag, z_.integer(tag_boolean));
  v.when[at(kind::number)] = z_.equal(l.tag, z_.integer(tag_number));
  v.when[at(kind::string)] = z_.equal(l.tag, z_.integer(tag_string));
  v.when[at(kind::other)] = z_.either(z_.equal(l.tag, z_.integer(tag_object)), z_.equal(l.tag, z_.integer(tag_array)));
  v.b = l.b;
  v.n = l.n;
  v.s = l.s;
  v.source = &l;
  return v;
}

value world::array_view(leaf& l) {
  value v = leaf_value(l);
  v.listed = true;
  v.is_array = z_.equal(l.tag, z_.integer(tag_array));
  for (int j = 0; j < slots_; ++j) {
    std::vector<step> path = l.path;
    path.push_back(step{"", j});
    leaf& element = leaf_at(l.space, path);
    const Z3_ast present = z_.both(v.is_array, z_.less(z_.integer(j), l.length));
    v.present.push_back(present);
    v.items.push_back(leaf_value(element));
  }
  return v;
}

Z3_ast world::holds(const groq::parse_result& parsed, const document& d) {
  const auto key = std::make_tuple(&parsed, d.space, d.id);
  if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  const Z3_ast t = parsed.root == nullptr ? z_.no() : is_true(eval(parsed.root, d));
  cache_.emplace(key, t);
  return t;
}

value world::eval(const node* n, const document& d) {
  switch (n->kind) {
    case node_kind::null_literal: return constant(kind::null);
    case node_kind::boolean_literal: {
      value v = constant(kind::boolean);
      v.b = n->has(groq::flag::true_value) ? z_.yes() : z_.no();
      return v;
    }
    case node_kind::number_literal: {
      // A literal too large for a double (`1e999`) is no number to the evaluator: null.
      if (!std::isfinite(n->number)) return constant(kind::null);
      value v = constant(kind::number);
      v.n = z_.real(n->number);
      return v;
    }
    case node_kind::string_literal: {
      value v = constant(kind::string);
      v.s = z_.text(n->text);
      return v;
    }
    case node_kind::array_literal: {
      value v = constant(kind::other);
      v.listed = true;
      v.is_array = z_.yes();
      for (const node* item : n->children()) {
        if (item->kind == node_kind::array_splat) return unsupported("`...` in an array");
        v.present.push_back(z_.yes());
        v.items.push_back(eval(item, d));
      }
      return v;
    }
    case node_kind::this_: return constant(kind::other);  // the document, an object
    case node_kind::parameter: {
      if (n->text != "identity") return unsupported(fmt::format("the parameter `${}`", n->text));
      value v = constant(kind::string);
      v.s = identity_;
      return v;
    }
    case node_kind::this_attribute:
    case node_kind::attribute_access:
    case node_kind::array_postfix: return chain(n, d);
    case node_kind::func_call: return call(n, d);
    case node_kind::and_:
    case node_kind::or_: {
      std::vector<Z3_ast> trues, falses;
      for (const node* operand : n->children()) {
        const value v = eval(operand, d);
        trues.push_back(is_true(v));
        falses.push_back(is_false(v));
      }
      if (n->kind == node_kind::and_) return truth(z_.all(trues), z_.any(falses));
      return truth(z_.any(trues), z_.all(falses));
    }
    case node_kind::not_: {
      const value v = eval(n->lhs, d);
      return truth(is_false(v), is_true(v));
    }
    case node_kind::negate: {
      const value v = eval(n->lhs, d);
      value out = constant(kind::number);
      if (!v.can(kind::number)) return constant(kind::null);
      out.n = z_.minus(v.n);
      out.when[at(kind::number)] = v.when[at(kind::number)];
      if (!z_.is_yes(v.when[at(kind::number)])) {
        out.may |= bit(kind::null);
        out.when[at(kind::null)] = z_.negation(v.when[at(kind::number)]);
      }
      return out;
    }
    case node_kind::equal:
    case node_kind::not_equal: {
      const Z3_ast same = equal(eval(n->lhs, d), eval(n->rhs, d));
      const Z3_ast t = n->kind == node_kind::equal ? same : z_.negation(same);
      return truth(t, z_.negation(t));
    }
    case node_kind::less:
    case node_kind::less_equal:
    case node_kind::greater:
    case node_kind::greater_equal: return compare(n->kind, eval(n->lhs, d), eval(n->rhs, d));
    case node_kind::in: return membership(eval(n->lhs, d), eval(n->rhs, d));
    case node_kind::match: return unsupported("`match`");
    case node_kind::dereference: return unsupported("`->` (a dereference)");
    case node_kind::element_access: return unsupported("an element access (`x[0]`)");
    case node_kind::filter: return unsupported("a filter inside the filter (`x[...]`)");
    default: return unsupported(fmt::format("`{}`", groq::operator_text(*n).empty() ? groq::kind_name(n->kind)
                                                                                       : groq::operator_text(*n)));
  }
}

value world::chain(const node* n, const document& d) {
  // Steps from the base to `n`: fields, with at most one `[]`.
  std::vector<const node*> nodes;
  const node* cur = n;
  while (cur->kind == node_kind::attribute_access || cur->kind == node_kind::array_postfix) {
    // `(a[]).b` starts a new traversal at the parentheses: `.b` of an array, not of its elements.
    if (cur != n && cur->has(groq::flag::parenthesized)) return unsupported("a parenthesised traversal (`(a[]).b`)");
    nodes.push_back(cur);
    cur = cur->lhs;
  }
  std::reverse(nodes.begin(), nodes.end());
  std::string space = d.space;
  std::vector<step> path;
  if (cur->kind == node_kind::this_attribute) {
    path.push_back(step{std::string(cur->text), -1});
  } else if (cur->kind == node_kind::func_call && cur->ns == "user" && cur->text == "attributes") {
    space = "attributes";
  } else if (cur->kind != node_kind::this_) {
    return unsupported(fmt::format("a traversal of `{}`", groq::kind_name(cur->kind)));
  }
  std::size_t i = 0;
  for (; i < nodes.size() && nodes[i]->kind == node_kind::attribute_access; ++i) path.push_back(step{std::string(nodes[i]->text), -1});
  const auto plain = [&](const std::vector<step>& p) -> value {
    if (space == d.space && p.size() == 1 && p[0].field == "_id") {
      value v = constant(kind::string);
      v.s = d.id;
      return v;
    }
    if (space == d.space && p.empty()) return constant(kind::other);
    return leaf_value(leaf_at(space, p));
  };
  if (i == nodes.size()) return plain(path);
  // `base[]` then fields: the fields of each element.
  ++i;
  std::vector<step> rest;
  for (; i < nodes.size(); ++i) {
    if (nodes[i]->kind != node_kind::attribute_access) return unsupported("an array inside an array (`a[].b[]`)");
    rest.push_back(step{std::string(nodes[i]->text), -1});
  }
  if (space == d.space && (path.empty() || (path.size() == 1 && path[0].field == "_id"))) return constant(kind::null);
  leaf& array = leaf_at(space, path);
  value out = array_view(array);
  out.source = nullptr;
  // Not an array: null. An array: the mapped elements (an array, never equal to anything).
  out.may = bit(kind::null) | bit(kind::other);
  out.when = {};
  out.when[at(kind::null)] = z_.negation(out.is_array);
  out.when[at(kind::other)] = out.is_array;
  if (!rest.empty()) {
    for (std::size_t j = 0; j < out.items.size(); ++j) {
      std::vector<step> p = path;
      p.push_back(step{"", static_cast<int>(j)});
      p.insert(p.end(), rest.begin(), rest.end());
      out.items[j] = leaf_value(leaf_at(space, p));
    }
  }
  return out;
}

value world::call(const node* n, const document& d) {
  const std::string name = n->ns == "global" ? std::string(n->text) : fmt::format("{}::{}", n->ns, n->text);
  const auto args = n->children();
  if (name == "identity") {
    value v = constant(kind::string);
    v.s = identity_;
    return v;
  }
  if (name == "defined") {
    const value x = eval(args[0], d);
    const Z3_ast defined = x.can(kind::null) ? z_.negation(x.when[at(kind::null)]) : z_.yes();
    return truth(defined, z_.negation(defined));
  }
  if (name == "dateTime") return date_of(args[0], d);
  if (name == "dateTime::now") {
    uses_now_ = true;
    value v = constant(kind::datetime);
    v.dt = now_;
    return v;
  }
  if (name == "path") {
    if (args[0]->kind != node_kind::string_literal) return unsupported("`path()` of something other than a literal");
    value v = constant(kind::other);
    v.glob = std::string(args[0]->text);
    return v;
  }
  if (name == "string::startsWith") {
    const value s = eval(args[0], d);
    const value p = eval(args[1], d);
    if (!s.can(kind::string) || !p.can(kind::string)) return constant(kind::null);
    const Z3_ast both = z_.both(s.when[at(kind::string)], p.when[at(kind::string)]);
    const Z3_ast starts = z_.prefix_of(text_of(p), text_of(s));
    return truth(z_.both(both, starts), z_.both(both, z_.negation(starts)));
  }
  if (name == "sanity::versionOf" || name == "sanity::partOfRelease") {
    const value x = eval(args[0], d);
    if (!x.can(kind::string)) return constant(kind::null);
    const Z3_ast is_string = x.when[at(kind::string)];
    const Z3_ast wanted = text_of(x);
    const auto [release, rest] = version_parts(d);
    const Z3_ast version = z_.prefix_of(z_.text("versions."), d.id);
    // `x`, `drafts.x`, or `versions.<release>.x`; partOfRelease: the release.
    const Z3_ast yes = name == "sanity::versionOf"
                           ? z_.any({z_.equal(d.id, wanted), z_.equal(d.id, z_.concat(z_.text("drafts."), wanted)),
                                     z_.both(version, z_.equal(rest, wanted))})
                           : z_.both(version, z_.equal(release, wanted));
    return truth(z_.both(is_string, yes), z_.both(is_string, z_.negation(yes)));
  }
  if (name == "sanity::dataset") {
    uses_dataset_ = true;
    value v = constant(kind::string);
    v.s = dataset_;
    return v;
  }
  if (name == "user::attributes") return leaf_value(leaf_at("attributes", {}));
  if (name == "now") return unsupported("`now()` compared as text (write `dateTime(now())`)");
  return unsupported(fmt::format("`{}()`", name));
}

std::pair<Z3_ast, Z3_ast> world::version_parts(const document& d) {
  const auto key = std::make_pair(d.space, d.id);
  if (auto it = versions_.find(key); it != versions_.end()) return it->second;
  // A release version id is `versions.<release>.<id>`, the release without a dot: the two parts
  // are functions of the id, so they are no existential under a negation. (An id that starts
  // `versions.` without the two dots is not a document id Sanity accepts.)
  const std::string name = d.space + ":" + std::to_string(versions_.size());
  const Z3_ast release = z_.string_var(name + "#release");
  const Z3_ast rest = z_.string_var(name + "#rest");
  const Z3_ast whole = z_.concat(z_.concat(z_.text("versions."), release), z_.concat(z_.text("."), rest));
  constraints_.push_back(z_.implies(z_.prefix_of(z_.text("versions."), d.id),
                                    z_.all({z_.equal(d.id, whole), z_.negation(z_.contains(release, z_.text("."))),
                                            z_.less(z_.integer(0), z_.length(rest))})));
  return versions_.emplace(key, std::make_pair(release, rest)).first->second;
}

value world::date_of(const node* arg, const document& d) {
  if (arg->kind == node_kind::string_literal) {
    const auto parsed = eval::parse_datetime(arg->text);
    if (!parsed) return constant(kind::null);
    value v = constant(kind::datetime);
    v.dt = z_.integer(parsed->seconds * 1000 + parsed->nanos / 1000000);
    return v;
  }
  if (arg->kind == node_kind::func_call && arg->ns == "global" && arg->text == "now") {
    uses_now_ = true;
    value v = constant(kind::datetime);
    v.dt = now_;
    return v;
  }
  const value x = eval(arg, d);
  if (x.source == nullptr) {
    if (!x.can(kind::string) && !x.can(kind::datetime)) return constant(kind::null);
    return unsupported("`dateTime()` of something other than a field or a literal");
  }
  leaf& l = *x.source;
  l.read_as_date = true;
  if (l.dt == nullptr) {
    const std::string name = l.space + ":" + path_key(l.path);
    l.dt = z_.int_var(name + "#date");
    l.dt_valid = z_.boolean_var(name + "#is_date");
    constraints_.push_back(z_.implies(l.dt_valid, z_.equal(l.tag, z_.integer(tag_string))));
    constraints_.push_back(z_.less_equal(z_.integer(first_millis), l.dt));
    constraints_.push_back(z_.less_equal(l.dt, z_.integer(last_millis)));
  }
  value v;
  v.may = bit(kind::datetime) | bit(kind::null);
  v.when[at(kind::datetime)] = l.dt_valid;
  v.when[at(kind::null)] = z_.negation(l.dt_valid);
  v.dt = l.dt;
  return v;
}

Z3_ast world::equal(const value& a, const value& b) {
  std::vector<Z3_ast> cases;
  const auto both = [&](kind k) { return a.can(k) && b.can(k); };
  if (both(kind::null)) cases.push_back(z_.both(a.when[at(kind::null)], b.when[at(kind::null)]));
  if (both(kind::boolean)) {
    cases.push_back(z_.all({a.when[at(kind::boolean)], b.when[at(kind::boolean)], z_.equal(a.b, b.b)}));
  }
  if (both(kind::number)) cases.push_back(z_.all({a.when[at(kind::number)], b.when[at(kind::number)], z_.equal(a.n, b.n)}));
  if (both(kind::string)) {
    cases.push_back(z_.all({a.when[at(kind::string)], b.when[at(kind::string)], z_.equal(text_of(a), text_of(b))}));
  }
  if (both(kind::datetime)) {
    cases.push_back(z_.all({a.when[at(kind::datetime)], b.when[at(kind::datetime)], z_.equal(a.dt, b.dt)}));
  }
  return z_.any(cases);
}

value world::compare(node_kind op, const value& a, const value& b) {
  // `a > b` is `b < a`.
  const bool swap = op == node_kind::greater || op == node_kind::greater_equal;
  const bool strict = op == node_kind::less || op == node_kind::greater;
  const value& x = swap ? b : a;
  const value& y = swap ? a : b;
  std::vector<Z3_ast> trues, falses;
  const auto add = [&](kind k, Z3_ast holds) {
    const Z3_ast same = z_.both(x.when[at(k)], y.when[at(k)]);
    trues.push_back(z_.both(same, holds));
    falses.push_back(z_.both(same, z_.negation(holds)));
  };
  const auto both = [&](kind k) { return x.can(k) && y.can(k); };
  if (both(kind::number)) add(kind::number, strict ? z_.less(x.n, y.n) : z_.less_equal(x.n, y.n));
  if (both(kind::string)) {
    const Z3_ast xs = text_of(x), ys = text_of(y);
    add(kind::string, strict ? z_.text_less(xs, ys) : z_.text_less_equal(xs, ys));
  }
  if (both(kind::datetime)) add(kind::datetime, strict ? z_.less(x.dt, y.dt) : z_.less_equal(x.dt, y.dt));
  if (both(kind::boolean)) {
    add(kind::boolean, strict ? z_.both(z_.negation(x.b), y.b) : z_.either(z_.negation(x.b), y.b));
  }
  return truth(z_.any(trues), z_.any(falses));
}

value world::membership(const value& a, const value& rhs) {
  if (a.glob) return unsupported("a `path()` on the left of `in`");
  if (rhs.glob) {
    if (!a.can(kind::string)) return constant(kind::null);
    const Z3_ast is_string = a.when[at(kind::string)];
    const Z3_ast matches = z_.matches_glob(text_of(a), *rhs.glob);
    return truth(z_.both(is_string, matches), z_.both(is_string, z_.negation(matches)));
  }
  value list = rhs;
  if (!list.listed) {
    if (rhs.source == nullptr || !rhs.can(kind::other)) return constant(kind::null);
    list = array_view(*rhs.source);
  }
  std::vector<Z3_ast> found;
  for (std::size_t i = 0; i < list.items.size(); ++i) found.push_back(z_.both(list.present[i], equal(a, list.items[i])));
  const Z3_ast any = z_.any(found);
  return truth(z_.both(list.is_array, any), z_.both(list.is_array, z_.negation(any)));
}

nlohmann::json world::leaf_json(const solution& m, const leaf& l) const {
  switch (m.integer(l.tag)) {
    case tag_boolean: return m.boolean(l.b);
    case tag_number: return m.real(l.n);
    case tag_string:
      if (l.dt != nullptr && !l.read_as_text) return m.boolean(l.dt_valid) ? format_instant(m.integer(l.dt)) : "not a date";
      return m.text(l.s);
    case tag_object: return nlohmann::json::object();
    case tag_array: return nlohmann::json::array();
    default: return nullptr;
  }
}

void world::fill(nlohmann::json& into, const solution& m, const leaf& l) const {
  // Walk to the parent, which exists (its leaf came first); place the value.
  nlohmann::json* at_parent = &into;
  for (std::size_t i = 0; i + 1 < l.path.size(); ++i) {
    const step& s = l.path[i];
    if (s.index >= 0) {
      if (!at_parent->is_array() || static_cast<int>(at_parent->size()) <= s.index) return;
      at_parent = &(*at_parent)[static_cast<std::size_t>(s.index)];
    } else {
      if (!at_parent->is_object() || !at_parent->contains(s.field)) return;
      at_parent = &(*at_parent)[s.field];
    }
  }
  const nlohmann::json v = leaf_json(m, l);
  const step& last = l.path.back();
  if (last.index >= 0) {
    if (!at_parent->is_array() || static_cast<int>(at_parent->size()) <= last.index) return;
    (*at_parent)[static_cast<std::size_t>(last.index)] = v;
  } else if (at_parent->is_object() && !v.is_null()) {
    (*at_parent)[last.field] = v;
  }
  // An array's elements: as many as its length, null until a slot says otherwise.
  if (v.is_array()) {
    nlohmann::json& placed = last.index >= 0 ? (*at_parent)[static_cast<std::size_t>(last.index)] : (*at_parent)[last.field];
    const std::int64_t length = m.integer(l.length);
    for (std::int64_t i = 0; i < length; ++i) placed.push_back(nullptr);
  }
}

nlohmann::json world::document_json(const solution& m, const std::string& space, const std::string& id) const {
  nlohmann::json doc = nlohmann::json::object();
  doc["_id"] = id;
  std::vector<const leaf*> mine;
  for (const auto& [key, l] : leaves_) {
    if (l.space == space && !l.path.empty()) mine.push_back(&l);
  }
  std::stable_sort(mine.begin(), mine.end(), [](const leaf* a, const leaf* b) { return a->path.size() < b->path.size(); });
  for (const leaf* l : mine) fill(doc, m, *l);
  return doc;
}

nlohmann::json world::attributes_json(const solution& m) const {
  const auto root = leaves_.find(std::make_pair(std::string("attributes"), std::string()));
  if (root == leaves_.end()) return nullptr;
  nlohmann::json holder = nlohmann::json::object();
  // The attributes object sits under a field of its own so that `fill` can place it.
  std::vector<const leaf*> mine;
  for (const auto& [key, l] : leaves_) {
    if (l.space == "attributes") mine.push_back(&l);
  }
  std::stable_sort(mine.begin(), mine.end(), [](const leaf* a, const leaf* b) { return a->path.size() < b->path.size(); });
  for (const leaf* l : mine) {
    leaf shifted = *l;
    shifted.path.insert(shifted.path.begin(), step{"attributes", -1});
    fill(holder, m, shifted);
  }
  return holder.contains("attributes") ? holder["attributes"] : nlohmann::json(nullptr);
}

}  // namespace rolec::analyze
