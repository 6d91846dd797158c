#pragma once
/// GROQ values (spec "Data types"): null, boolean, number, string, array, object, and the
/// internal datetime, path, range and pair. A value is 24 bytes and never owns memory: strings,
/// arrays and objects point into an arena, the query text, or a parsed JSON document, which the
/// caller keeps alive while the value is used.

#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "eval/datetime.hpp"
#include "util/arena.hpp"

namespace rolec::eval {

class path_glob;

/// The type of a value, as GROQ defines it.
enum class value_type : std::uint8_t { null, boolean, number, string, array, object, datetime, path, range, pair };

/// The name of a type, for messages (`"number"`).
[[nodiscard]] std::string_view type_name(value_type t);

struct array_data;
struct object_data;
struct range_data;
struct pair_data;

/// A GROQ value.
class value {
 public:
  value() = default;  ///< null

  [[nodiscard]] static value boolean(bool b);
  /// A number; infinities and NaN do not exist in GROQ and become null (spec "Number").
  [[nodiscard]] static value number(double n);
  /// A string whose bytes outlive the value.
  [[nodiscard]] static value string(std::string_view s);
  [[nodiscard]] static value array(const array_data* a);
  [[nodiscard]] static value object(const object_data* o);
  [[nodiscard]] static value date_time(const datetime& d);
  /// A path (from `path()`): its pattern, and the compiled glob when one was prepared.
  [[nodiscard]] static value path(std::string_view pattern, const path_glob* compiled = nullptr);
  [[nodiscard]] static value range(const range_data* r);
  [[nodiscard]] static value pair(const pair_data* p);
  /// An array or object that stays inside a parsed JSON document (see json.hpp).
  [[nodiscard]] static value json_container(value_type t, const void* element16);

  [[nodiscard]] value_type type() const { return type_; }
  [[nodiscard]] bool is(value_type t) const { return type_ == t; }
  [[nodiscard]] bool is_null() const { return type_ == value_type::null; }
  [[nodiscard]] bool is_true() const { return type_ == value_type::boolean && payload_.b; }
  [[nodiscard]] bool in_json() const { return json_; }

  [[nodiscard]] bool as_boolean() const { return payload_.b; }
  [[nodiscard]] double as_number() const { return payload_.n; }
  [[nodiscard]] std::string_view as_string() const { return {payload_.s, length_}; }
  [[nodiscard]] datetime as_datetime() const { return {payload_.dt.seconds, payload_.dt.nanos}; }
  [[nodiscard]] std::string_view path_pattern() const { return {payload_.path.pattern, length_}; }
  [[nodiscard]] const path_glob* compiled_path() const { return payload_.path.glob; }
  [[nodiscard]] const range_data& as_range() const { return *payload_.range; }
  [[nodiscard]] const pair_data& as_pair() const { return *payload_.pair; }

  /// Number of elements of an array or attributes of an object.
  [[nodiscard]] std::size_t size() const;
  /// The elements of an array; arrays inside JSON documents are copied into `arena` first.
  [[nodiscard]] std::span<const value> elements(util::arena& arena) const;
  /// The attributes of an object, in order; JSON objects are copied into `arena` first.
  [[nodiscard]] std::span<const struct field> fields(util::arena& arena) const;
  /// The attribute `key` of an object, or nothing.
  [[nodiscard]] std::optional<value> get(std::string_view key) const;

  [[nodiscard]] const array_data* native_array() const { return payload_.array; }
  [[nodiscard]] const object_data* native_object() const { return payload_.object; }
  [[nodiscard]] const void* json_element() const { return payload_.json; }

 private:
  value_type type_ = value_type::null;
  bool json_ = false;
  std::uint32_t length_ = 0;
  union payload {
    bool b;
    double n;
    const char* s;
    const array_data* array;
    const object_data* object;
    struct {
      const char* pattern;
      const path_glob* glob;
    } path;
    const range_data* range;
    const pair_data* pair;
    struct {
      std::int64_t seconds;
      std::int32_t nanos;
    } dt;
    alignas(8) unsigned char json[16];
  } payload_{};
};

/// One attribute of an object.
struct field {
  std::string_view key;
  value val;
};

struct array_data {
  const value* items = nullptr;
  std::uint32_t size = 0;
};

struct object_data {
  const field* fields = nullptr;
  std::uint32_t size = 0;
};

struct range_data {
  value start;
  value end;
  bool exclusive = false;
};

struct pair_data {
  value first;
  value second;
};

/// Builders that allocate in an arena.
[[nodiscard]] value make_array(util::arena& arena, std::span<const value> items);
[[nodiscard]] value make_object(util::arena& arena, std::span<const field> fields);
[[nodiscard]] value make_string(util::arena& arena, std::string_view text);
[[nodiscard]] value make_range(util::arena& arena, value start, value end, bool exclusive);
[[nodiscard]] value make_pair(util::arena& arena, value first, value second);

/// Spec Equal(): never null; arrays and objects are never equal, not even to themselves.
[[nodiscard]] bool equal(const value& a, const value& b);

/// Spec PartialCompare(): only numbers, strings, booleans and datetimes of the same type compare;
/// strings by code point. Nothing for anything else.
[[nodiscard]] std::optional<std::strong_ordering> partial_compare(const value& a, const value& b);

/// Spec TotalCompare() (used by `order()`): datetime < number < string < boolean < the rest.
[[nodiscard]] std::strong_ordering total_compare(const value& a, const value& b);

}  // namespace rolec::eval
