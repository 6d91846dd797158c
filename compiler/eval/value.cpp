#include "eval/value.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <new>

#include "eval/json.hpp"

namespace rolec::eval {
namespace {

simdjson::dom::element element_of(const void* storage) {
  simdjson::dom::element e;
  std::memcpy(static_cast<void*>(&e), storage, sizeof e);
  return e;
}

template<typename T>
T* allocate(util::arena& arena, std::size_t count) {
  if (count == 0) return nullptr;
  return static_cast<T*>(arena.allocate(count * sizeof(T), alignof(T)));
}

int type_rank(value_type t) {
  switch (t) {
    case value_type::datetime: return 0;
    case value_type::number: return 1;
    case value_type::string: return 2;
    case value_type::boolean: return 3;
    default: return 4;
  }
}

}  // namespace

std::string_view type_name(value_type t) {
  switch (t) {
    case value_type::null: return "null";
    case value_type::boolean: return "boolean";
    case value_type::number: return "number";
    case value_type::string: return "string";
    case value_type::array: return "array";
    case value_type::object: return "object";
    case value_type::datetime: return "datetime";
    case value_type::path: return "path";
    case value_type::range: return "range";
    case value_type::pair: return "pair";
  }
  return "null";
}

value value::boolean(bool b) {
  value v;
  v.type_ = value_type::boolean;
  v.payload_.b = b;
  return v;
}

value value::number(double n) {
  value v;
  if (!std::isfinite(n)) return v;
  v.type_ = value_type::number;
  v.payload_.n = n == 0 ? 0.0 : n;  // GROQ has no negative zero
  return v;
}

value value::string(std::string_view s) {
  value v;
  v.type_ = value_type::string;
  v.payload_.s = s.data();
  v.length_ = static_cast<std::uint32_t>(s.size());
  return v;
}

value value::array(const array_data* a) {
  value v;
  v.type_ = value_type::array;
  v.payload_.array = a;
  return v;
}

value value::object(const object_data* o) {
  value v;
  v.type_ = value_type::object;
  v.payload_.object = o;
  return v;
}

value value::date_time(const datetime& d) {
  value v;
  v.type_ = value_type::datetime;
  v.payload_.dt.seconds = d.seconds;
  v.payload_.dt.nanos = d.nanos;
  return v;
}

value value::path(std::string_view pattern, const path_glob* compiled) {
  value v;
  v.type_ = value_type::path;
  v.payload_.path.pattern = pattern.data();
  v.payload_.path.glob = compiled;
  v.length_ = static_cast<std::uint32_t>(pattern.size());
  return v;
}

value value::range(const range_data* r) {
  value v;
  v.type_ = value_type::range;
  v.payload_.range = r;
  return v;
}

value value::pair(const pair_data* p) {
  value v;
  v.type_ = value_type::pair;
  v.payload_.pair = p;
  return v;
}

value value::json_container(value_type t, const void* element16) {
  value v;
  v.type_ = t;
  v.json_ = true;
  std::memcpy(v.payload_.json, element16, sizeof v.payload_.json);
  return v;
}

std::size_t value::size() const {
  if (json_) {
    const auto e = element_of(payload_.json);
    if (type_ == value_type::array) return simdjson::dom::array(e).size();
    return simdjson::dom::object(e).size();
  }
  if (type_ == value_type::array) return payload_.array->size;
  if (type_ == value_type::object) return payload_.object->size;
  return 0;
}

std::span<const value> value::elements(util::arena& arena) const {
  if (type_ != value_type::array) return {};
  if (!json_) return {payload_.array->items, payload_.array->size};
  const simdjson::dom::array a(element_of(payload_.json));
  value* items = allocate<value>(arena, a.size());
  std::size_t i = 0;
  for (simdjson::dom::element e : a) new (&items[i++]) value(from_json(&e));
  return {items, i};
}

std::span<const field> value::fields(util::arena& arena) const {
  if (type_ != value_type::object) return {};
  if (!json_) return {payload_.object->fields, payload_.object->size};
  const simdjson::dom::object o(element_of(payload_.json));
  field* out = allocate<field>(arena, o.size());
  std::size_t i = 0;
  for (const auto kv : o) {
    new (&out[i++]) field{kv.key, from_json(&kv.value)};
  }
  return {out, i};
}

std::optional<value> value::get(std::string_view key) const {
  if (type_ != value_type::object) return std::nullopt;
  if (json_) {
    const simdjson::dom::object o(element_of(payload_.json));
    // Linear scan: documents have few keys, and GROQ keys compare exactly (no unescaping rules
    // beyond JSON's, which simdjson has applied to the key already).
    for (const auto kv : o) {
      if (kv.key == key) return from_json(&kv.value);
    }
    return std::nullopt;
  }
  // Later duplicates win in object literals, so search from the end.
  for (std::uint32_t i = payload_.object->size; i-- > 0;) {
    if (payload_.object->fields[i].key == key) return payload_.object->fields[i].val;
  }
  return std::nullopt;
}

value make_array(util::arena& arena, std::span<const value> items) {
  auto* data = new (arena.allocate(sizeof(array_data), alignof(array_data))) array_data;
  value* copy = allocate<value>(arena, items.size());
  std::uninitialized_copy(items.begin(), items.end(), copy);
  data->items = copy;
  data->size = static_cast<std::uint32_t>(items.size());
  return value::array(data);
}

value make_object(util::arena& arena, std::span<const field> fields) {
  auto* data = new (arena.allocate(sizeof(object_data), alignof(object_data))) object_data;
  field* copy = allocate<field>(arena, fields.size());
  std::uninitialized_copy(fields.begin(), fields.end(), copy);
  data->fields = copy;
  data->size = static_cast<std::uint32_t>(fields.size());
  return value::object(data);
}

value make_string(util::arena& arena, std::string_view text) {
  char* copy = allocate<char>(arena, text.size() + 1);
  if (!text.empty()) std::memcpy(copy, text.data(), text.size());
  return value::string({copy == nullptr ? "" : copy, text.size()});
}

value make_range(util::arena& arena, value start, value end, bool exclusive) {
  auto* data = new (arena.allocate(sizeof(range_data), alignof(range_data))) range_data{start, end, exclusive};
  return value::range(data);
}

value make_pair(util::arena& arena, value first, value second) {
  auto* data = new (arena.allocate(sizeof(pair_data), alignof(pair_data))) pair_data{first, second};
  return value::pair(data);
}

bool equal(const value& a, const value& b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case value_type::null: return true;
    case value_type::boolean: return a.as_boolean() == b.as_boolean();
    case value_type::number: return a.as_number() == b.as_number();
    case value_type::string: return a.as_string() == b.as_string();
    case value_type::datetime: return a.as_datetime() == b.as_datetime();
    default: return false;
  }
}

std::optional<std::strong_ordering> partial_compare(const value& a, const value& b) {
  if (a.type() != b.type()) return std::nullopt;
  switch (a.type()) {
    case value_type::number: {
      const double x = a.as_number();
      const double y = b.as_number();
      return x < y ? std::strong_ordering::less : x > y ? std::strong_ordering::greater : std::strong_ordering::equal;
    }
    case value_type::string: {
      const int c = a.as_string().compare(b.as_string());  // UTF-8 byte order is code point order
      return c < 0 ? std::strong_ordering::less : c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal;
    }
    case value_type::boolean: return a.as_boolean() <=> b.as_boolean();
    case value_type::datetime: return a.as_datetime() <=> b.as_datetime();
    default: return std::nullopt;
  }
}

std::strong_ordering total_compare(const value& a, const value& b) {
  const int ra = type_rank(a.type());
  const int rb = type_rank(b.type());
  if (ra != rb) return ra <=> rb;
  if (ra == 4) return std::strong_ordering::equal;
  return *partial_compare(a, b);
}

}  // namespace rolec::eval
