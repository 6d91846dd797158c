// Built-in functions (spec "Functions", "Pipe functions", "Vendor functions", "Extensions").
// Arguments arrive unevaluated; each function evaluates what it needs. Wrong argument types give
// null, as the specification says; argument counts were checked by validation.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <unordered_set>
#include <vector>

#include "eval/evaluator.hpp"
#include "eval/number_format.hpp"
#include "groq/functions.hpp"
#include "util/text_case.hpp"
#include "util/utf8.hpp"

namespace rolec::eval::detail {

using groq::node;
using groq::node_kind;

std::optional<std::string> stringify(const value& v) {
  switch (v.type()) {
    case value_type::boolean: return std::string(v.as_boolean() ? "true" : "false");
    case value_type::string: return std::string(v.as_string());
    case value_type::number: return format_js_number(v.as_number());
    case value_type::datetime: return format_datetime(v.as_datetime());
    default: return std::nullopt;
  }
}

namespace {

using builtin = value (*)(evaluator&, const node*, const scope&);

value text(evaluator& ev, std::string_view s) { return make_string(ev.arena(), s); }

// --- global ---------------------------------------------------------------------------------

value fn_coalesce(evaluator& ev, const node* call, const scope& s) {
  for (std::size_t i = 0; i < call->count; ++i) {
    const value v = ev.arg(call, i, s);
    if (!v.is_null()) return v;
  }
  return {};
}

value fn_count(evaluator& ev, const node* call, const scope& s) {
  const value v = ev.arg(call, 0, s);
  return v.is(value_type::array) ? value::number(static_cast<double>(v.size())) : value{};
}

value fn_date_time(evaluator& ev, const node* call, const scope& s) {
  const value v = ev.arg(call, 0, s);
  if (v.is(value_type::datetime)) return v;
  if (!v.is(value_type::string)) return {};
  const auto parsed = parse_datetime(v.as_string());
  return parsed ? value::date_time(*parsed) : value{};
}

value fn_defined(evaluator& ev, const node* call, const scope& s) { return value::boolean(!ev.arg(call, 0, s).is_null()); }

value fn_identity(evaluator& ev, const node*, const scope&) { return value::string(ev.env().identity); }

value fn_length(evaluator& ev, const node* call, const scope& s) {
  const value v = ev.arg(call, 0, s);
  if (v.is(value_type::string)) return value::number(static_cast<double>(util::utf8_length(v.as_string())));
  if (v.is(value_type::array)) return value::number(static_cast<double>(v.size()));
  return {};
}

value fn_lower(evaluator& ev, const node* call, const scope& s) {
  const value v = ev.arg(call, 0, s);
  return v.is(value_type::string) ? text(ev, util::to_lower(v.as_string())) : value{};
}

value fn_upper(evaluator& ev, const node* call, const scope& s) {
  const value v = ev.arg(call, 0, s);
  return v.is(value_type::string) ? text(ev, util::to_upper(v.as_string())) : value{};
}

// A string, as groq-js makes it (`Date.toISOString()`): comparing it with dates stored with
// milliseconds then orders them as Studio does.
value fn_now(evaluator& ev, const node*, const scope&) { return text(ev, format_datetime_millis(ev.env().now)); }

value fn_path(evaluator& ev, const node* call, const scope& s) {
  const value v = ev.arg(call, 0, s);
  return v.is(value_type::string) ? value::path(v.as_string()) : value{};
}

bool has_reference(const value& v, const std::unordered_set<std::string_view>& ids, util::arena& arena) {
  if (v.is(value_type::array)) {
    for (const value& item : v.elements(arena)) {
      if (has_reference(item, ids, arena)) return true;
    }
    return false;
  }
  if (!v.is(value_type::object)) return false;
  // An object with `_ref` is a reference: it is not searched further.
  if (const auto ref = v.get("_ref")) return ref->is(value_type::string) && ids.count(ref->as_string()) > 0;
  for (const field& f : v.fields(arena)) {
    if (has_reference(f.val, ids, arena)) return true;
  }
  return false;
}

value fn_references(evaluator& ev, const node* call, const scope& s) {
  std::unordered_set<std::string_view> ids;
  for (std::size_t i = 0; i < call->count; ++i) {
    const value v = ev.arg(call, i, s);
    if (v.is(value_type::string)) ids.insert(v.as_string());
    if (v.is(value_type::array)) {
      for (const value& item : ev.elements(v, call)) {
        if (item.is(value_type::string)) ids.insert(item.as_string());
      }
    }
  }
  if (ids.empty()) return value::boolean(false);
  return value::boolean(has_reference(s.self, ids, ev.arena()));
}

// `n` rounded to `digits` decimals as groq-js rounds it (JavaScript's toFixed): the exact value of
// the double, not its shortest decimal form, half away from zero; so round(2.675, 2) is 2.67,
// because the double nearest 2.675 is 2.67499999....
double round_decimal(double n, int digits) {
  if (!std::isfinite(n) || n == 0) return n;
  // A double is an integer times 2^(e - 53) for n = f * 2^e (0.5 <= |f| < 1), so it has at most
  // 53 - e decimals, all of which the fixed format below writes exactly.
  int e = 0;
  static_cast<void>(std::frexp(n, &e));
  const int exact_decimals = std::max(0, 53 - e);
  if (digits >= exact_decimals) return n;  // nothing to round away
  std::string text = fmt::format("{:.{}f}", std::fabs(n), exact_decimals);
  const std::size_t cut = text.find('.') + 1 + static_cast<std::size_t>(digits);
  const bool up = text[cut] >= '5';
  text.resize(cut);
  if (up) {
    // Add one unit in the last kept place, carrying leftwards over nines (and the point).
    std::size_t i = text.size();
    while (i > 0) {
      --i;
      if (text[i] == '.') continue;
      if (text[i] != '9') {
        ++text[i];
        break;
      }
      text[i] = '0';
      if (i == 0) text.insert(text.begin(), '1');
    }
  }
  const double rounded = std::strtod(text.c_str(), nullptr);
  return n < 0 ? -rounded : rounded;
}

value fn_round(evaluator& ev, const node* call, const scope& s) {
  const value v = ev.arg(call, 0, s);
  if (!v.is(value_type::number)) return {};
  double digits = 0;
  if (call->count == 2) {
    const value p = ev.arg(call, 1, s);
    if (!p.is(value_type::number) || p.as_number() < 0 || std::floor(p.as_number()) != p.as_number()) return {};
    digits = p.as_number();
  }
  const double n = v.as_number();
  if (digits == 0) return value::number(std::round(n));  // half away from zero
  return value::number(round_decimal(n, static_cast<int>(std::min(digits, 2000.0))));
}

value fn_select(evaluator& ev, const node* call, const scope& s) {
  for (const node* a : call->children()) {
    if (a->kind == node_kind::pair) {
      if (ev.eval(a->lhs, s).is_true()) return ev.eval(a->rhs, s);
    } else {
      return ev.eval(a, s);
    }
  }
  return {};
}

value fn_string(evaluator& ev, const node* call, const scope& s) {
  const auto text_value = stringify(ev.arg(call, 0, s));
  return text_value ? text(ev, *text_value) : value{};
}

value fn_boost(evaluator& ev, const node* call, const scope& s) { return ev.arg(call, 0, s); }

value fn_before(evaluator& ev, const node*, const scope&) { return ev.env().before.value_or(value{}); }

value fn_after(evaluator& ev, const node*, const scope&) { return ev.env().after.value_or(value{}); }

value fn_operation(evaluator& ev, const node*, const scope&) {
  const auto& env = ev.env();
  if (!env.before && !env.after) return {};
  if (!env.before || env.before->is_null()) return value::string("create");
  if (!env.after || env.after->is_null()) return value::string("delete");
  return value::string("update");
}

// --- string:: -------------------------------------------------------------------------------

value fn_split(evaluator& ev, const node* call, const scope& s) {
  const value str = ev.arg(call, 0, s);
  const value sep = ev.arg(call, 1, s);
  if (!str.is(value_type::string) || !sep.is(value_type::string)) return {};
  const std::string_view text_value = str.as_string();
  const std::string_view separator = sep.as_string();
  std::vector<value> parts;
  if (text_value.empty()) return make_array(ev.arena(), parts);
  if (separator.empty()) {
    // One part per code point.
    std::size_t i = 0;
    while (i < text_value.size()) {
      const std::size_t n = std::max<std::size_t>(1, util::utf8_sequence_length(text_value, i));
      parts.push_back(value::string(text_value.substr(i, n)));
      i += n;
    }
    return make_array(ev.arena(), parts);
  }
  std::size_t start = 0;
  while (true) {
    const std::size_t found = text_value.find(separator, start);
    if (found == std::string_view::npos) {
      parts.push_back(value::string(text_value.substr(start)));
      break;
    }
    parts.push_back(value::string(text_value.substr(start, found - start)));
    start = found + separator.size();
  }
  return make_array(ev.arena(), parts);
}

value fn_starts_with(evaluator& ev, const node* call, const scope& s) {
  const value str = ev.arg(call, 0, s);
  const value prefix = ev.arg(call, 1, s);
  if (!str.is(value_type::string) || !prefix.is(value_type::string)) return {};
  return value::boolean(str.as_string().substr(0, prefix.as_string().size()) == prefix.as_string());
}

// --- array:: --------------------------------------------------------------------------------

value fn_join(evaluator& ev, const node* call, const scope& s) {
  const value arr = ev.arg(call, 0, s);
  const value sep = ev.arg(call, 1, s);
  if (!arr.is(value_type::array) || !sep.is(value_type::string)) return {};
  std::string out;
  bool first = true;
  for (const value& item : ev.elements(arr, call)) {
    const auto piece = stringify(item);
    if (!piece) return {};
    if (!first) out += sep.as_string();
    first = false;
    out += *piece;
  }
  return text(ev, out);
}

value fn_compact(evaluator& ev, const node* call, const scope& s) {
  const value arr = ev.arg(call, 0, s);
  if (!arr.is(value_type::array)) return {};
  std::vector<value> kept;
  for (const value& item : ev.elements(arr, call)) {
    if (!item.is_null()) kept.push_back(item);
  }
  return make_array(ev.arena(), kept);
}

// The values `equal` can find equal to another (null, booleans, numbers, strings, datetimes),
// hashed so that array::unique and array::intersects take linear time: a document with a long
// array must not make a filter quadratic. Arrays and objects equal nothing, not even themselves.
bool comparable(const value& v) {
  switch (v.type()) {
    case value_type::null:
    case value_type::boolean:
    case value_type::number:
    case value_type::string:
    case value_type::datetime: return true;
    default: return false;
  }
}

struct equal_hash {
  std::size_t operator()(const value& v) const {
    const std::size_t type = static_cast<std::size_t>(v.type()) * 0x9E3779B97F4A7C15ULL;
    switch (v.type()) {
      case value_type::boolean: return type ^ std::hash<bool>{}(v.as_boolean());
      case value_type::number: return type ^ std::hash<double>{}(v.as_number() == 0 ? 0.0 : v.as_number());  // -0 == 0
      case value_type::string: return type ^ std::hash<std::string_view>{}(v.as_string());
      case value_type::datetime:
        return type ^ std::hash<std::int64_t>{}(v.as_datetime().seconds) ^ (std::hash<std::int32_t>{}(v.as_datetime().nanos) << 1);
      default: return type;
    }
  }
};

struct equal_values {
  bool operator()(const value& a, const value& b) const { return equal(a, b); }
};

using value_set = std::unordered_set<value, equal_hash, equal_values>;

value fn_unique(evaluator& ev, const node* call, const scope& s) {
  const value arr = ev.arg(call, 0, s);
  if (!arr.is(value_type::array)) return {};
  std::vector<value> kept;
  value_set seen;
  for (const value& item : ev.elements(arr, call)) {
    // Values that compare equal (null included) appear once; arrays and objects never equal
    // anything, so each is kept.
    if (!comparable(item) || seen.insert(item).second) kept.push_back(item);
  }
  return make_array(ev.arena(), kept);
}

value fn_intersects(evaluator& ev, const node* call, const scope& s) {
  const value a = ev.arg(call, 0, s);
  const value b = ev.arg(call, 1, s);
  if (!a.is(value_type::array) || !b.is(value_type::array)) return {};
  value_set right;
  for (const value& y : ev.elements(b, call)) {
    if (comparable(y)) right.insert(y);
  }
  for (const value& x : ev.elements(a, call)) {
    if (comparable(x) && right.count(x) > 0) return value::boolean(true);
  }
  return value::boolean(false);
}

// --- math:: ---------------------------------------------------------------------------------

template<typename Reduce>
value reduce_numbers(evaluator& ev, const node* call, const scope& s, Reduce reduce) {
  const value arr = ev.arg(call, 0, s);
  if (!arr.is(value_type::array)) return {};
  std::vector<double> numbers;
  for (const value& item : ev.elements(arr, call)) {
    if (item.is_null()) continue;
    if (!item.is(value_type::number)) return {};
    numbers.push_back(item.as_number());
  }
  return reduce(numbers);
}

value fn_sum(evaluator& ev, const node* call, const scope& s) {
  return reduce_numbers(ev, call, s, [](const std::vector<double>& n) {
    double total = 0;
    for (double x : n) total += x;
    return value::number(total);
  });
}

value fn_avg(evaluator& ev, const node* call, const scope& s) {
  return reduce_numbers(ev, call, s, [](const std::vector<double>& n) {
    if (n.empty()) return value{};
    double total = 0;
    for (double x : n) total += x;
    return value::number(total / static_cast<double>(n.size()));
  });
}

value fn_min(evaluator& ev, const node* call, const scope& s) {
  return reduce_numbers(ev, call, s, [](const std::vector<double>& n) {
    return n.empty() ? value{} : value::number(*std::min_element(n.begin(), n.end()));
  });
}

value fn_max(evaluator& ev, const node* call, const scope& s) {
  return reduce_numbers(ev, call, s, [](const std::vector<double>& n) {
    return n.empty() ? value{} : value::number(*std::max_element(n.begin(), n.end()));
  });
}

// --- dateTime::, pt::, sanity::, user:: -----------------------------------------------------

value fn_date_time_now(evaluator& ev, const node*, const scope&) { return value::date_time(ev.env().now); }

// The plain text of a Portable Text block: its span children's text.
std::optional<std::string> block_text(const value& block, util::arena& arena) {
  const auto type = block.get("_type");
  if (!type || !type->is(value_type::string)) return std::nullopt;
  const auto children = block.get("children");
  if (!children || !children->is(value_type::array)) return std::nullopt;
  std::string out;
  for (const value& child : children->elements(arena)) {
    if (!child.is(value_type::object)) continue;
    const auto child_type = child.get("_type");
    const auto child_text = child.get("text");
    if (child_type && child_type->is(value_type::string) && child_type->as_string() == "span" && child_text &&
        child_text->is(value_type::string)) {
      out += child_text->as_string();
    }
  }
  return out;
}

void blocks_text(const value& v, std::vector<std::string>& out, util::arena& arena) {
  for (const value& item : v.elements(arena)) {
    if (item.is(value_type::object)) {
      if (auto t = block_text(item, arena)) out.push_back(std::move(*t));
    } else if (item.is(value_type::array)) {
      blocks_text(item, out, arena);
    }
  }
}

value fn_pt_text(evaluator& ev, const node* call, const scope& s) {
  const value v = ev.arg(call, 0, s);
  if (v.is(value_type::object)) {
    const auto t = block_text(v, ev.arena());
    return t ? text(ev, *t) : value{};
  }
  if (!v.is(value_type::array)) return {};
  std::vector<std::string> parts;
  blocks_text(v, parts, ev.arena());
  if (parts.empty()) return {};
  std::string joined;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) joined += "\n\n";
    joined += parts[i];
  }
  return text(ev, joined);
}

value fn_project_id(evaluator& ev, const node*, const scope&) {
  return ev.env().project_id.empty() ? value{} : value::string(ev.env().project_id);
}

value fn_dataset_name(evaluator& ev, const node*, const scope&) {
  return ev.env().dataset_name.empty() ? value{} : value::string(ev.env().dataset_name);
}

std::vector<std::string_view> split_id(std::string_view id) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = id.find('.', start);
    parts.push_back(id.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

std::string_view rest_after(std::string_view id, std::size_t dots) {
  std::size_t at = 0;
  for (std::size_t i = 0; i < dots; ++i) at = id.find('.', at) + 1;
  return id.substr(at);
}

// `sanity::versionOf(id)`: `@` is the published document `id`, its draft, or a release version.
value fn_version_of(evaluator& ev, const node* call, const scope& s) {
  const value base = ev.arg(call, 0, s);
  if (!base.is(value_type::string) || !s.self.is(value_type::object)) return {};
  const auto id_value = s.self.get("_id");
  if (!id_value || !id_value->is(value_type::string)) return {};
  const std::string_view id = id_value->as_string();
  const std::string_view wanted = base.as_string();
  if (id == wanted) return value::boolean(true);
  const auto parts = split_id(id);
  if (parts.size() >= 2 && parts[0] == "drafts" && rest_after(id, 1) == wanted) return value::boolean(true);
  if (parts.size() >= 3 && parts[0] == "versions" && rest_after(id, 2) == wanted) return value::boolean(true);
  return value::boolean(false);
}

// `sanity::partOfRelease(name)`: `@` is a version document (`versions.<name>.<id>`) of the release.
value fn_part_of_release(evaluator& ev, const node* call, const scope& s) {
  const value release = ev.arg(call, 0, s);
  if (!release.is(value_type::string) || !s.self.is(value_type::object)) return {};
  const auto id_value = s.self.get("_id");
  if (!id_value || !id_value->is(value_type::string)) return {};
  const auto parts = split_id(id_value->as_string());
  return value::boolean(parts.size() >= 3 && parts[0] == "versions" && parts[1] == release.as_string());
}

value fn_user_attributes(evaluator& ev, const node*, const scope&) { return ev.env().user_attributes; }

value fn_documents_get(evaluator& ev, const node* call, const scope& s) {
  const value ref = ev.arg(call, 0, s);
  if (ref.is(value_type::string)) return ev.find_document(ref.as_string());
  if (ref.is(value_type::object)) {
    const auto id = ref.get("_ref");
    if (id && id->is(value_type::string)) return ev.find_document(id->as_string());
  }
  return {};
}

// --- diff::, delta:: ------------------------------------------------------------------------

value fn_diff_changed_any(evaluator& ev, const node* call, const scope& s) {
  return value::boolean(changed_any(ev, ev.arg(call, 0, s), ev.arg(call, 1, s), call->items[2], s));
}

value fn_diff_changed_only(evaluator& ev, const node* call, const scope& s) {
  return value::boolean(changed_only(ev, ev.arg(call, 0, s), ev.arg(call, 1, s), call->items[2], s));
}

value fn_delta_changed_any(evaluator& ev, const node* call, const scope& s) {
  const auto& env = ev.env();
  return value::boolean(changed_any(ev, env.before.value_or(value{}), env.after.value_or(value{}), call->items[0], s));
}

value fn_delta_changed_only(evaluator& ev, const node* call, const scope& s) {
  const auto& env = ev.env();
  return value::boolean(changed_only(ev, env.before.value_or(value{}), env.after.value_or(value{}), call->items[0], s));
}

value unsupported(evaluator&, const node* call, const scope&) {
  evaluator::fail(call, fmt::format("`{}::{}()` cannot be evaluated here: it needs data or a service of a Sanity project",
                                    call->ns, call->text),
                  "rolec evaluates filters against documents you give it; this function needs the Content Lake");
}

struct entry {
  std::string_view ns;
  std::string_view name;
  builtin fn;
};

// clang-format off
constexpr std::array implementations = {
  entry{"global", "after", fn_after},           entry{"global", "before", fn_before},
  entry{"global", "boost", fn_boost},           entry{"global", "coalesce", fn_coalesce},
  entry{"global", "count", fn_count},           entry{"global", "dateTime", fn_date_time},
  entry{"global", "defined", fn_defined},       entry{"global", "identity", fn_identity},
  entry{"global", "length", fn_length},         entry{"global", "lower", fn_lower},
  entry{"global", "now", fn_now},               entry{"global", "operation", fn_operation},
  entry{"global", "path", fn_path},             entry{"global", "references", fn_references},
  entry{"global", "round", fn_round},           entry{"global", "select", fn_select},
  entry{"global", "string", fn_string},         entry{"global", "upper", fn_upper},
  entry{"string", "lower", fn_lower},           entry{"string", "upper", fn_upper},
  entry{"string", "split", fn_split},           entry{"string", "startsWith", fn_starts_with},
  entry{"array", "join", fn_join},              entry{"array", "compact", fn_compact},
  entry{"array", "unique", fn_unique},          entry{"array", "intersects", fn_intersects},
  entry{"math", "sum", fn_sum},                 entry{"math", "avg", fn_avg},
  entry{"math", "min", fn_min},                 entry{"math", "max", fn_max},
  entry{"dateTime", "now", fn_date_time_now},   entry{"pt", "text", fn_pt_text},
  entry{"sanity", "projectId", fn_project_id},  entry{"sanity", "dataset", fn_dataset_name},
  entry{"sanity", "versionOf", fn_version_of},  entry{"sanity", "partOfRelease", fn_part_of_release},
  entry{"user", "attributes", fn_user_attributes}, entry{"documents", "get", fn_documents_get},
  entry{"diff", "changedAny", fn_diff_changed_any}, entry{"diff", "changedOnly", fn_diff_changed_only},
  entry{"delta", "changedAny", fn_delta_changed_any}, entry{"delta", "changedOnly", fn_delta_changed_only},
  entry{"delta", "operation", fn_operation},
};
// clang-format on

}  // namespace

value call_builtin(evaluator& ev, const node* call, const scope& s) {
  // One implementation per registry entry, found once: index by position in the registry.
  static const std::vector<builtin> table = [] {
    const auto registry = groq::all_functions();
    std::vector<builtin> t(registry.size(), unsupported);
    for (std::size_t i = 0; i < registry.size(); ++i) {
      for (const entry& e : implementations) {
        if (e.ns == registry[i].ns && e.name == registry[i].name) t[i] = e.fn;
      }
    }
    return t;
  }();
  const auto index = static_cast<std::size_t>(call->function - groq::all_functions().data());
  return table[index](ev, call, s);
}

// --- pipe functions -------------------------------------------------------------------------

value order_by(evaluator& ev, const node* call, value base, const scope& s) {
  const auto items = ev.elements(base, call);
  const std::size_t keys = call->count;
  std::vector<value> key_values(items.size() * keys);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const scope element{items[i], &s};
    for (std::size_t k = 0; k < keys; ++k) {
      const node* a = call->items[k];
      const node* expression = a->kind == node_kind::asc || a->kind == node_kind::desc ? a->lhs : a;
      key_values[i * keys + k] = ev.eval(expression, element);
    }
  }
  std::vector<std::size_t> order(items.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    for (std::size_t k = 0; k < keys; ++k) {
      auto c = total_compare(key_values[a * keys + k], key_values[b * keys + k]);
      if (call->items[k]->kind == node_kind::desc) c = 0 <=> c;
      if (c != 0) return c < 0;
    }
    return false;
  });
  std::vector<value> sorted;
  sorted.reserve(items.size());
  for (std::size_t i : order) sorted.push_back(items[i]);
  return make_array(ev.arena(), sorted);
}

namespace {

// Spec "Score evaluation": a true predicate scores 1, `&&` the sum of its clauses when all are
// true, `||` the sum of its true clauses, `boost(p, n)` adds n when p is true.
double score_of(evaluator& ev, const node* n, const scope& s) {
  switch (n->kind) {
    case node_kind::and_: {
      double total = 0;
      for (const node* operand : n->children()) {
        const double part = score_of(ev, operand, s);
        if (part == 0) return 0;
        total += part;
      }
      return total;
    }
    case node_kind::or_: {
      double total = 0;
      for (const node* operand : n->children()) total += score_of(ev, operand, s);
      return total;
    }
    case node_kind::func_call:
      if (n->ns == "global" && n->text == "boost" && n->count == 2) {
        const double inner = score_of(ev, n->items[0], s);
        const value boost = ev.eval(n->items[1], s);
        if (inner == 0 || !boost.is(value_type::number)) return inner;
        return inner + boost.as_number();
      }
      break;
    default: break;
  }
  return ev.eval(n, s).is_true() ? 1.0 : 0.0;
}

}  // namespace

value score_by(evaluator& ev, const node* call, value base, const scope& s) {
  std::vector<std::pair<double, value>> scored;
  for (const value& item : ev.elements(base, call)) {
    if (!item.is(value_type::object)) continue;
    const scope element{item, &s};
    const auto existing = item.get("_score");
    double total = existing && existing->is(value_type::number) ? existing->as_number() : 0;
    for (const node* predicate : call->children()) total += score_of(ev, predicate, element);
    std::vector<field> fields;
    for (const field& f : ev.fields(item, call)) {
      if (f.key != "_score") fields.push_back(f);
    }
    fields.push_back({"_score", value::number(total)});
    scored.emplace_back(total, make_object(ev.arena(), fields));
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<value> out;
  out.reserve(scored.size());
  for (auto& [score, item] : scored) out.push_back(item);
  return make_array(ev.arena(), out);
}

// --- selectors (spec "Selector evaluation") ---------------------------------------------------

namespace {

/// One step of a key path: an attribute name or an array index.
struct key {
  std::string_view name;
  std::int64_t index = -1;
  friend bool operator==(const key& a, const key& b) { return a.index == b.index && a.name == b.name; }
};
using key_path = std::vector<key>;

value at_path(const value& root, const key_path& path, util::arena& arena) {
  value current = root;
  for (const key& k : path) {
    if (k.index >= 0) {
      if (!current.is(value_type::array)) return {};
      const auto items = current.elements(arena);
      if (k.index >= static_cast<std::int64_t>(items.size())) return {};
      current = items[static_cast<std::size_t>(k.index)];
    } else {
      if (!current.is(value_type::object)) return {};
      current = current.get(k.name).value_or(value{});
    }
  }
  return current;
}

bool deep_equal(const value& a, const value& b, util::arena& arena) {
  if (a.type() != b.type()) return false;
  if (a.is(value_type::array)) {
    const auto x = a.elements(arena);
    const auto y = b.elements(arena);
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!deep_equal(x[i], y[i], arena)) return false;
    }
    return true;
  }
  if (a.is(value_type::object)) {
    const auto x = a.fields(arena);
    if (x.size() != b.size()) return false;
    for (const field& f : x) {
      const auto other = b.get(f.key);
      if (!other || !deep_equal(f.val, *other, arena)) return false;
    }
    return true;
  }
  return equal(a, b);
}

void anywhere(evaluator& ev, const node* condition, const value& v, key_path& path, std::vector<key_path>& out,
              const scope& s) {
  if (v.is(value_type::array)) {
    const auto items = ev.elements(v, condition);
    for (std::size_t i = 0; i < items.size(); ++i) {
      path.push_back({{}, static_cast<std::int64_t>(i)});
      anywhere(ev, condition, items[i], path, out, s);
      path.pop_back();
    }
  } else if (v.is(value_type::object)) {
    if (ev.eval(condition, scope{v, &s}).is_true()) out.push_back(path);
    for (const field& f : ev.fields(v, condition)) {
      path.push_back({f.key, -1});
      anywhere(ev, condition, f.val, path, out, s);
      path.pop_back();
    }
  }
}

std::vector<key_path> select_paths(evaluator& ev, const node* sel, const value& root, const scope& s) {
  std::vector<key_path> out;
  switch (sel->kind) {
    case node_kind::this_attribute: out.push_back({key{sel->text, -1}}); break;
    case node_kind::tuple:
      for (const node* member : sel->children()) {
        auto member_paths = select_paths(ev, member, root, s);
        out.insert(out.end(), member_paths.begin(), member_paths.end());
      }
      break;
    case node_kind::attribute_access:
      for (key_path& p : select_paths(ev, sel->lhs, root, s)) {
        p.push_back({sel->text, -1});
        out.push_back(std::move(p));
      }
      break;
    case node_kind::array_postfix:
    case node_kind::filter:
      for (const key_path& p : select_paths(ev, sel->lhs, root, s)) {
        const value inner = at_path(root, p, ev.arena());
        if (!inner.is(value_type::array)) continue;
        const auto items = ev.elements(inner, sel);
        for (std::size_t i = 0; i < items.size(); ++i) {
          if (sel->kind == node_kind::filter && !ev.eval(sel->rhs, scope{items[i], &s}).is_true()) continue;
          key_path q = p;
          q.push_back({{}, static_cast<std::int64_t>(i)});
          out.push_back(std::move(q));
        }
      }
      break;
    case node_kind::group_traversal:
      for (const key_path& p : select_paths(ev, sel->lhs, root, s)) {
        const value inner = at_path(root, p, ev.arena());
        for (const node* member : sel->children()) {
          for (const key_path& q : select_paths(ev, member, inner, s)) {
            key_path combined = p;
            combined.insert(combined.end(), q.begin(), q.end());
            out.push_back(std::move(combined));
          }
        }
      }
      break;
    case node_kind::func_call: {  // anywhere(condition)
      key_path path;
      anywhere(ev, sel->items[0], root, path, out, s);
      break;
    }
    default: break;
  }
  return out;
}

bool starts_with(const key_path& path, const key_path& prefix) {
  if (prefix.size() > path.size()) return false;
  return std::equal(prefix.begin(), prefix.end(), path.begin());
}

// Every key path at which `before` and `after` differ, coarsest first.
void differences(const value& before, const value& after, key_path& path, std::vector<key_path>& out,
                 util::arena& arena) {
  if (before.type() != after.type()) {
    out.push_back(path);
    return;
  }
  if (before.is(value_type::object)) {
    if (deep_equal(before, after, arena)) return;
    std::vector<std::string_view> keys;
    for (const field& f : before.fields(arena)) keys.push_back(f.key);
    for (const field& f : after.fields(arena)) {
      if (std::find(keys.begin(), keys.end(), f.key) == keys.end()) keys.push_back(f.key);
    }
    for (std::string_view k : keys) {
      path.push_back({k, -1});
      differences(before.get(k).value_or(value{}), after.get(k).value_or(value{}), path, out, arena);
      path.pop_back();
    }
    return;
  }
  if (before.is(value_type::array)) {
    const auto x = before.elements(arena);
    const auto y = after.elements(arena);
    if (x.size() != y.size()) {
      out.push_back(path);
      return;
    }
    for (std::size_t i = 0; i < x.size(); ++i) {
      path.push_back({{}, static_cast<std::int64_t>(i)});
      differences(x[i], y[i], path, out, arena);
      path.pop_back();
    }
    return;
  }
  if (!equal(before, after)) out.push_back(path);
}

}  // namespace

bool changed_any(evaluator& ev, const value& before, const value& after, const node* selector, const scope& s) {
  const auto before_paths = select_paths(ev, selector, before, s);
  const auto after_paths = select_paths(ev, selector, after, s);
  if (before_paths.size() != after_paths.size()) return true;
  for (const key_path& path : before_paths) {
    for (std::size_t i = 0; i < path.size(); ++i) {
      if (path[i].index < 0) continue;
      const key_path prefix(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(i));
      const value x = at_path(before, prefix, ev.arena());
      const value y = at_path(after, prefix, ev.arena());
      if (!x.is(value_type::array) || !y.is(value_type::array) || x.size() != y.size()) return true;
    }
    if (!deep_equal(at_path(before, path, ev.arena()), at_path(after, path, ev.arena()), ev.arena())) return true;
  }
  return false;
}

bool changed_only(evaluator& ev, const value& before, const value& after, const node* selector, const scope& s) {
  const auto selected = select_paths(ev, selector, before, s);
  std::vector<key_path> changed;
  key_path path;
  differences(before, after, path, changed, ev.arena());
  for (const key_path& c : changed) {
    const bool covered = std::any_of(selected.begin(), selected.end(), [&](const key_path& p) { return starts_with(c, p); });
    if (!covered) return false;
  }
  return true;
}

}  // namespace rolec::eval::detail
