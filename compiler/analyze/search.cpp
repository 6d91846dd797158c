#include "analyze/search.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "eval/datetime.hpp"
#include "groq/ast.hpp"

namespace rolec::analyze {
namespace {

using groq::node;
using groq::node_kind;

constexpr int field = 0, attribute = 1, robot = 2, dataset = 3, id = 4, forms = 5;
constexpr const char* fixed_now = "2026-01-01T00:00:00.000Z";
constexpr const char* user = "user-1";
constexpr const char* another = "value-1";

// A value of the document or principal a filter reads: the target, and its path (`[]` marks the
// elements of an array).
struct chain {
  int target = field;
  std::vector<std::string> path;
};

std::optional<chain> chain_of(const node* n) {
  std::vector<std::string> reversed;
  const node* top = n;
  while (n->kind == node_kind::attribute_access || n->kind == node_kind::array_postfix) {
    if (n != top && n->has(groq::flag::parenthesized)) return std::nullopt;  // `(a[]).b`: another traversal
    reversed.push_back(n->kind == node_kind::array_postfix ? "[]" : std::string(n->text));
    n = n->lhs;
  }
  chain c;
  if (n->kind == node_kind::this_attribute) {
    reversed.emplace_back(n->text);
  } else if (n->kind == node_kind::func_call && n->ns == "user" && n->text == "attributes") {
    c.target = attribute;
  } else {
    return std::nullopt;
  }
  c.path.assign(reversed.rbegin(), reversed.rend());
  return c;
}

bool is_call(const node* n, std::string_view ns, std::string_view name) {
  return n->kind == node_kind::func_call && n->ns == ns && n->text == name;
}

// The values a literal stands for (an array literal: each element).
std::vector<nlohmann::json> literal_values(const node* n) {
  switch (n->kind) {
    case node_kind::string_literal: return {std::string(n->text)};
    case node_kind::number_literal: return {n->number};
    case node_kind::boolean_literal: return {n->has(groq::flag::true_value)};
    case node_kind::null_literal: return {nullptr};
    case node_kind::negate:
      if (n->lhs->kind == node_kind::number_literal) return {-n->lhs->number};
      return {};
    case node_kind::parameter: return n->text == "identity" ? std::vector<nlohmann::json>{user} : std::vector<nlohmann::json>{};
    case node_kind::func_call:
      if (is_call(n, "global", "identity")) return {user};
      return {};
    case node_kind::array_literal: {
      std::vector<nlohmann::json> out;
      for (const node* item : n->children()) {
        for (auto& v : literal_values(item)) out.push_back(std::move(v));
      }
      return out;
    }
    default: return {};
  }
}

std::string shifted(std::string_view date, std::int64_t seconds) {
  auto parsed = eval::parse_datetime(date);
  if (!parsed) return std::string(date);
  parsed->seconds += seconds;
  return eval::format_datetime_millis(*parsed);
}

// A match of a glob: every `*` segment `x`, every `**` segment `deep` (`x`, or `x.y` to cross a dot).
std::string instance_of(std::string_view glob, std::string_view deep) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = glob.find('.', start);
    const std::string_view segment = glob.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (start > 0) out += '.';
    out += segment == "*" ? std::string("x") : segment == "**" ? std::string(deep) : std::string(segment);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

// `value` placed at `path` (elements of `[]` become a one-element array) inside `into`.
void place(nlohmann::json& into, const std::vector<std::string>& path, std::size_t at, const nlohmann::json& value) {
  if (at == path.size()) {
    into = value;
    return;
  }
  if (path[at] == "[]") {
    if (!into.is_array()) into = nlohmann::json::array();
    nlohmann::json element;
    place(element, path, at + 1, value);
    into.push_back(std::move(element));
    return;
  }
  if (!into.is_object()) into = nlohmann::json::object();
  place(into[path[at]], path, at + 1, value);
}

}  // namespace

void search::add(int target, const std::vector<std::string>& path, std::optional<nlohmann::json> value) {
  auto it = std::find_if(dims_.begin(), dims_.end(), [&](const dimension& d) { return d.target == target && d.path == path; });
  if (it == dims_.end()) {
    dimension d{target, path, {}};
    // The first value is the simplest: the field absent, a user rather than a robot.
    if (target == field || target == attribute) d.values.emplace_back(std::nullopt);
    dims_.push_back(std::move(d));
    it = dims_.end() - 1;
  }
  if (std::find(it->values.begin(), it->values.end(), value) == it->values.end()) it->values.push_back(std::move(value));
}

void search::compared(const node* chain_node, const node* other, node_kind op) {
  const auto c = chain_of(chain_node);
  if (!c) return;
  std::vector<nlohmann::json> values;
  if (op == node_kind::in && is_call(other, "global", "path") && other->count == 1 &&
      other->items[0]->kind == node_kind::string_literal) {
    values.emplace_back(instance_of(other->items[0]->text, "x"));
    values.emplace_back(instance_of(other->items[0]->text, "x.y"));
  } else {
    values = literal_values(other);
  }
  // Two values compared with each other (`team == user::attributes().team`): each may hold the
  // same other value, so that they can be equal.
  if (values.empty() && chain_of(other)) values.emplace_back(another);
  if (c->target == field && c->path == std::vector<std::string>{"_id"}) {
    for (const auto& v : values) {
      if (v.is_string()) id_words_.push_back(v.get<std::string>());
    }
    return;
  }
  for (const nlohmann::json& v : values) {
    const bool ordered = op == node_kind::less || op == node_kind::less_equal || op == node_kind::greater ||
                         op == node_kind::greater_equal;
    std::vector<nlohmann::json> around{v};
    if (ordered && v.is_number()) {
      around.push_back(v.get<double>() - 1);
      around.push_back(v.get<double>() + 1);
    } else if (ordered && v.is_string()) {
      around.push_back(v.get<std::string>() + "a");
    }
    const bool array = std::find(c->path.begin(), c->path.end(), "[]") != c->path.end();
    for (const auto& one : around) {
      if (array) {
        // The array holding an element with this value (and an empty one).
        const auto mark = std::find(c->path.begin(), c->path.end(), "[]");
        const std::vector<std::string> base(c->path.begin(), mark);
        const std::vector<std::string> inside(mark, c->path.end());
        nlohmann::json holder;
        place(holder, inside, 0, one);
        add(c->target, base, nlohmann::json::array());
        add(c->target, base, holder);
      } else {
        add(c->target, c->path, one);
      }
    }
  }
}

void search::walk(const node* n) {
  if (n == nullptr) return;
  if (const auto c = chain_of(n)) {
    // The whole filter is one field.
    if (std::find(c->path.begin(), c->path.end(), "[]") == c->path.end()) add(c->target, c->path, true);
    return;
  }
  switch (n->kind) {
    case node_kind::equal:
    case node_kind::not_equal:
    case node_kind::less:
    case node_kind::less_equal:
    case node_kind::greater:
    case node_kind::greater_equal:
      compared(n->lhs, n->rhs, n->kind);
      compared(n->rhs, n->lhs, n->kind);
      // Dates: `dateTime(field)` against a date or now(), a day either side.
      for (const auto& [a, b] : {std::pair{n->lhs, n->rhs}, std::pair{n->rhs, n->lhs}}) {
        if (!is_call(a, "global", "dateTime") || a->count != 1) continue;
        const auto c = chain_of(a->items[0]);
        if (!c) continue;
        std::string at;
        if (is_call(b, "global", "dateTime") && b->count == 1 && b->items[0]->kind == node_kind::string_literal) {
          at = std::string(b->items[0]->text);
        } else if ((is_call(b, "global", "dateTime") && b->count == 1 && is_call(b->items[0], "global", "now")) ||
                   is_call(b, "dateTime", "now")) {
          at = fixed_now;
          uses_now_ = true;
        }
        if (at.empty()) continue;
        for (const std::int64_t by : {-86400, 0, 86400}) add(c->target, c->path, shifted(at, by));
      }
      break;
    case node_kind::in:
      compared(n->lhs, n->rhs, n->kind);
      // `value in field` and `value in field[].x`: the field an array holding the value.
      if (const auto c = chain_of(n->rhs)) {
        const auto mark = std::find(c->path.begin(), c->path.end(), "[]");
        const std::vector<std::string> base(c->path.begin(), mark);
        const std::vector<std::string> inside(mark, c->path.end());
        for (const auto& v : literal_values(n->lhs)) {
          nlohmann::json holder;
          if (inside.empty()) {
            holder = nlohmann::json::array({v});
          } else {
            place(holder, inside, 0, v);
          }
          add(c->target, base, nlohmann::json::array());
          add(c->target, base, holder);
        }
      }
      break;
    case node_kind::func_call:
      if (is_call(n, "string", "startsWith") && n->count == 2) {
        if (const auto c = chain_of(n->items[0]); c && n->items[1]->kind == node_kind::string_literal) {
          const std::string prefix(n->items[1]->text);
          if (c->target == field && c->path == std::vector<std::string>{"_id"}) {
            id_words_.push_back(prefix + "x");
            id_words_.push_back(prefix + "x.y");
          } else {
            add(c->target, c->path, prefix + "x");
            add(c->target, c->path, prefix);
          }
        }
      } else if ((is_call(n, "sanity", "versionOf") || is_call(n, "sanity", "partOfRelease")) && n->count == 1 &&
                 n->items[0]->kind == node_kind::string_literal) {
        (n->text == "versionOf" ? id_words_ : releases_).emplace_back(n->items[0]->text);
      } else if (is_call(n, "global", "now") || is_call(n, "dateTime", "now")) {
        uses_now_ = true;
      } else if (is_call(n, "global", "defined") && n->count == 1) {
        if (const auto c = chain_of(n->items[0]); c && std::find(c->path.begin(), c->path.end(), "[]") == c->path.end()) {
          add(c->target, c->path, another);
        }
      } else if (is_call(n, "sanity", "dataset")) {
        add(dataset, {}, "production");
      }
      break;
    default: break;
  }
  // A field read as a condition of its own (an operand of `&&`, `||`, `!`) holds where it is `true`.
  const bool logical = n->kind == node_kind::and_ || n->kind == node_kind::or_ || n->kind == node_kind::not_;
  const auto visit = [&](const node* child) {
    if (child == nullptr) return;
    if (const auto c = chain_of(child)) {
      if (logical && std::find(c->path.begin(), c->path.end(), "[]") == c->path.end()) add(c->target, c->path, true);
      return;
    }
    walk(child);
  };
  visit(n->lhs);
  visit(n->rhs);
  for (const node* child : n->children()) visit(child);
}

bool search::collect(const decide::model& m, const decide::role* r) {
  if (r == nullptr) return false;
  std::vector<decide::action> actions;
  if (q_.plain) {
    actions = {*q_.plain};
  } else {
    actions = {decide::action::update, decide::action::create};
  }
  for (const std::size_t index : r->rules) {
    const decide::rule& g = m.rules()[index];
    if (std::none_of(actions.begin(), actions.end(), [&](decide::action a) { return g.on(a) != 0; })) continue;
    if (g.dataset) add(dataset, {}, *g.dataset);
    const decide::filter& f = m.filters()[g.filter];
    if (f.parsed != nullptr) walk(f.parsed->root);
  }
  return !(r->applies_to_users && r->applies_to_robots);
}

search::search(const decide::model& before, const decide::model& after, const std::string& role, const asked& q) : q_(q) {
  bool one_audience = false;
  for (const decide::model* m : {&before, &after}) one_audience = collect(*m, m->find_role(role)) || one_audience;
  finish(one_audience);
}

search::search(const decide::model& m, const std::vector<std::string>& roles, const groq::node* where, const asked& q)
    : q_(q) {
  if (where != nullptr) walk(where);
  bool one_audience = false;
  for (const std::string& role : roles) one_audience = collect(m, m.find_role(role)) || one_audience;
  finish(one_audience);
}

void search::finish(bool one_audience) {
  const asked& q = q_;
  // Every field may also hold another value.
  for (dimension& d : dims_) {
    if (d.target == field || d.target == attribute) {
      const nlohmann::json other = another;
      if (std::find(d.values.begin(), d.values.end(), other) == d.values.end()) d.values.emplace_back(other);
    }
  }
  if (auto it = std::find_if(dims_.begin(), dims_.end(), [](const dimension& d) { return d.target == dataset; }); it != dims_.end()) {
    it->values.emplace_back("dataset-1");
  }
  if (one_audience) {
    dims_.push_back(dimension{robot, {}, {nlohmann::json(false), nlohmann::json(true)}});
  }
  // Ids: the simplest first, every form of each published id the filters name.
  std::vector<std::string> published{"x"};
  for (const std::string& w : id_words_) {
    const std::string p = decide::published_id(w);
    if (!p.empty() && std::find(published.begin(), published.end(), p) == published.end()) published.push_back(p);
  }
  dimension ids{id, {}, {}};
  for (const std::string& p : published) {
    if (q.plain) {
      ids.values.emplace_back(p);
      ids.values.emplace_back("drafts." + p);
      for (const std::string& r : releases_) ids.values.emplace_back(fmt::format("versions.{}.{}", r, p));
      // A release of no name (`versions..x`): `sanity::versionOf` counts it, a `*` glob does not.
      ids.values.emplace_back(fmt::format("versions..{}", p));
    } else if (!p.starts_with("drafts.") && !p.starts_with("versions.")) {
      ids.values.emplace_back(p);
    }
  }
  for (const std::string& w : id_words_) {
    if (std::find(ids.values.begin(), ids.values.end(), nlohmann::json(w)) == ids.values.end() && q.plain) ids.values.emplace_back(w);
  }
  // The forms of `x` are the simplest ids; the others (`team-a.x`, ...) weigh more.
  simple_ids_ = q.plain ? 3 + releases_.size() : 1;
  dims_.push_back(std::move(ids));
  if (!q.plain) dims_.push_back(dimension{forms, {}, {nlohmann::json("both"), nlohmann::json("draft"), nlohmann::json("published")}});
  // Parents before their fields, so that a field is set inside an object.
  order_.resize(dims_.size());
  for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
  std::stable_sort(order_.begin(), order_.end(),
                   [&](std::size_t a, std::size_t b) { return dims_[a].path.size() < dims_[b].path.size(); });
}

double search::size() const {
  double total = 1;
  for (const dimension& d : dims_) total *= static_cast<double>(std::max<std::size_t>(1, d.values.size()));
  return total;
}

witness search::build(const std::vector<std::size_t>& choice) const {
  witness w;
  w.who.identity = user;
  if (uses_now_) w.who.now = fixed_now;
  nlohmann::json content = nlohmann::json::object();
  nlohmann::json attributes;
  std::string the_id = "x";
  std::string form = "both";
  for (const std::size_t i : order_) {
    const dimension& d = dims_[i];
    const std::optional<nlohmann::json>& v = d.values[choice[i]];
    if (!v) continue;
    switch (d.target) {
      case field: {
        // A field inside a parent the candidate left out, or gave a value that is no object, is left out.
        nlohmann::json* at = &content;
        bool placed = true;
        for (std::size_t k = 0; k + 1 < d.path.size() && placed; ++k) {
          if (!at->contains(d.path[k])) (*at)[d.path[k]] = nlohmann::json::object();
          at = &(*at)[d.path[k]];
          placed = at->is_object();
        }
        if (placed) (*at)[d.path.back()] = *v;
        break;
      }
      case attribute: {
        if (d.path.empty()) {
          attributes = *v;
        } else {
          place(attributes, d.path, 0, *v);
        }
        break;
      }
      case robot: w.who.robot = v->get<bool>(); break;
      case dataset: w.who.dataset = v->get<std::string>(); break;
      case id: the_id = v->get<std::string>(); break;
      case forms: form = v->get<std::string>(); break;
      default: break;
    }
  }
  w.who.attributes = attributes;
  if (q_.plain) {
    content["_id"] = the_id;
    w.documents.push_back(std::move(content));
  } else {
    if (form != "published") {
      nlohmann::json draft = content;
      draft["_id"] = "drafts." + the_id;
      w.documents.push_back(std::move(draft));
    }
    if (form != "draft") {
      content["_id"] = the_id;
      w.documents.push_back(std::move(content));
    }
  }
  return w;
}

std::optional<witness> search::find(checker& yes, checker& no, std::size_t budget) const {
  const auto attempt = [&](const std::vector<std::size_t>& choice) -> std::optional<witness> {
    witness w = build(choice);
    auto because = yes.allowing(q_, w.documents, w.who);
    if (!because || no.allowing(q_, w.documents, w.who)) return std::nullopt;
    w.because = std::move(*because);
    return w;
  };
  // Most answers are among the simplest candidates (no value, or one, other than the first):
  // those are tried before any list is made, in the order the list below would try them.
  std::vector<std::size_t> simplest(dims_.size(), 0);
  std::size_t tried = 1;
  if (auto found = attempt(simplest)) return found;
  for (std::size_t k = 0; k < dims_.size(); ++k) {
    for (std::size_t v = 1; v < dims_[k].values.size() && tried < budget; ++v) {
      if (dims_[k].target == id && v >= simple_ids_) continue;  // weighs two
      simplest[k] = v;
      ++tried;
      auto found = attempt(simplest);
      simplest[k] = 0;
      if (found) return found;
    }
  }
  // Every combination when there are few, else a sample drawn the same way on every run.
  std::vector<std::vector<std::size_t>> candidates;
  if (size() <= static_cast<double>(budget)) {
    std::vector<std::size_t> choice(dims_.size(), 0);
    while (true) {
      candidates.push_back(choice);
      std::size_t k = 0;
      for (; k < dims_.size(); ++k) {
        if (++choice[k] < dims_[k].values.size()) break;
        choice[k] = 0;
      }
      if (k == dims_.size()) break;
    }
  } else {
    // The simplest ones (one or two values other than the first) up to three quarters of the
    // budget, then a sample drawn the same way on every run.
    const std::vector<std::size_t> simplest(dims_.size(), 0);
    candidates.push_back(simplest);
    const std::size_t plain = budget - budget / 4;
    for (std::size_t k = 0; k < dims_.size() && candidates.size() < plain; ++k) {
      for (std::size_t v = 1; v < dims_[k].values.size() && candidates.size() < plain; ++v) {
        candidates.push_back(simplest);
        candidates.back()[k] = v;
      }
    }
    for (std::size_t k = 0; k < dims_.size() && candidates.size() < plain; ++k) {
      for (std::size_t j = k + 1; j < dims_.size() && candidates.size() < plain; ++j) {
        for (std::size_t v = 1; v < dims_[k].values.size() && candidates.size() < plain; ++v) {
          for (std::size_t u = 1; u < dims_[j].values.size() && candidates.size() < plain; ++u) {
            candidates.push_back(simplest);
            candidates.back()[k] = v;
            candidates.back()[j] = u;
          }
        }
      }
    }
    std::mt19937 random(12345);
    while (candidates.size() < budget) {
      std::vector<std::size_t> choice(dims_.size());
      for (std::size_t k = 0; k < dims_.size(); ++k) {
        choice[k] = std::uniform_int_distribution<std::size_t>(0, dims_[k].values.size() - 1)(random);
      }
      candidates.push_back(std::move(choice));
    }
  }
  // The simplest first: the fewest values that are not the first of their field, an id other
  // than a form of `x` counting twice.
  const auto weight = [&](const std::vector<std::size_t>& c) {
    std::size_t w = 0;
    for (std::size_t k = 0; k < c.size(); ++k) {
      if (c[k] != 0) w += dims_[k].target == id && c[k] >= simple_ids_ ? 2 : 1;
    }
    return w;
  };
  // Weights are small: candidates go into one bucket per weight, in the order they were made.
  std::vector<std::vector<std::size_t>> by_weight;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const std::size_t w = weight(candidates[i]);
    if (w >= by_weight.size()) by_weight.resize(w + 1);
    by_weight[w].push_back(i);
  }
  for (std::size_t weight_of = 2; weight_of < by_weight.size(); ++weight_of) {  // lighter ones were tried above
    for (const std::size_t i : by_weight[weight_of]) {
      if (auto found = attempt(candidates[i])) return found;
    }
  }
  return std::nullopt;
}

witness shrink(witness w, const std::function<bool(witness&)>& confirms) {
  // Forms of an operation first, then the fields of each document.
  for (std::size_t i = 0; w.documents.size() > 1 && i < w.documents.size();) {
    witness fewer = w;
    fewer.documents.erase(fewer.documents.begin() + static_cast<std::ptrdiff_t>(i));
    if (confirms(fewer)) {
      w = std::move(fewer);
    } else {
      ++i;
    }
  }
  for (std::size_t d = 0; d < w.documents.size(); ++d) {
    std::vector<std::string> keys;
    for (const auto& [key, value] : w.documents[d].items()) {
      if (key != "_id") keys.push_back(key);
    }
    for (const std::string& key : keys) {
      witness fewer = w;
      fewer.documents[d].erase(key);
      // The forms of one document hold the same content: drop the field from each.
      for (auto& other : fewer.documents) other.erase(key);
      if (confirms(fewer)) w = std::move(fewer);
    }
  }
  if (!w.who.attributes.is_null()) {
    witness fewer = w;
    fewer.who.attributes = nullptr;
    if (confirms(fewer)) w = std::move(fewer);
  }
  return w;
}

}  // namespace rolec::analyze
