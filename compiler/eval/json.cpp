#include "eval/json.hpp"

#include <simdjson.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <vector>

#include "eval/path_glob.hpp"
#include "util/json_read.hpp"
#include "util/json_text.hpp"

namespace rolec::eval {

value from_json(const void* simdjson_element) {
  const auto& e = *static_cast<const simdjson::dom::element*>(simdjson_element);
  switch (e.type()) {
    case simdjson::dom::element_type::NULL_VALUE: return {};
    case simdjson::dom::element_type::BOOL: return value::boolean(bool(e));
    case simdjson::dom::element_type::INT64: return value::number(double(int64_t(e)));
    case simdjson::dom::element_type::UINT64: return value::number(double(uint64_t(e)));
    case simdjson::dom::element_type::DOUBLE: return value::number(double(e));
    case simdjson::dom::element_type::STRING: return value::string(std::string_view(e));
    case simdjson::dom::element_type::ARRAY: return value::json_container(value_type::array, &e);
    case simdjson::dom::element_type::OBJECT: return value::json_container(value_type::object, &e);
  }
  return {};
}

bool json_document::parse(std::string_view text, std::string& error) {
  util::json_error why;
  const auto parsed = util::parse_json<nlohmann::json>(text, why);
  if (!parsed) {
    error = fmt::format("line {}, column {}: {}", why.at.line, why.at.column, why.reason);
    return false;
  }
  root_ = from_nlohmann(*parsed, arena_);
  return true;
}

nlohmann::ordered_json to_json(const value& v, util::arena& arena) {
  switch (v.type()) {
    case value_type::null: return nullptr;
    case value_type::boolean: return v.as_boolean();
    case value_type::number: {
      const double n = v.as_number();
      // Whole numbers print without a fraction, as JSON readers of GROQ results expect.
      if (std::abs(n) < 9007199254740992.0 && n == static_cast<double>(static_cast<std::int64_t>(n))) {
        return static_cast<std::int64_t>(n);
      }
      return n;
    }
    case value_type::string: return std::string(v.as_string());
    case value_type::datetime: return format_datetime(v.as_datetime());
    case value_type::path: return std::string(v.path_pattern());
    case value_type::array: {
      auto out = nlohmann::ordered_json::array();
      for (const value& item : v.elements(arena)) out.push_back(to_json(item, arena));
      return out;
    }
    case value_type::object: {
      auto out = nlohmann::ordered_json::object();
      for (const field& f : v.fields(arena)) out[std::string(f.key)] = to_json(f.val, arena);
      return out;
    }
    case value_type::range: {
      const range_data& r = v.as_range();
      return util::json_text(to_json(r.start, arena)) + (r.exclusive ? "..." : "..") + util::json_text(to_json(r.end, arena));
    }
    case value_type::pair: {
      const pair_data& p = v.as_pair();
      return util::json_text(to_json(p.first, arena)) + " => " + util::json_text(to_json(p.second, arena));
    }
  }
  return nullptr;
}

value from_nlohmann(const nlohmann::json& j, util::arena& arena) {
  switch (j.type()) {
    case nlohmann::json::value_t::boolean: return value::boolean(j.get<bool>());
    case nlohmann::json::value_t::number_integer: return value::number(static_cast<double>(j.get<std::int64_t>()));
    case nlohmann::json::value_t::number_unsigned: return value::number(static_cast<double>(j.get<std::uint64_t>()));
    case nlohmann::json::value_t::number_float: return value::number(j.get<double>());
    case nlohmann::json::value_t::string: return make_string(arena, j.get_ref<const std::string&>());
    case nlohmann::json::value_t::array: {
      std::vector<value> items;
      items.reserve(j.size());
      for (const auto& item : j) items.push_back(from_nlohmann(item, arena));
      return make_array(arena, items);
    }
    case nlohmann::json::value_t::object: {
      std::vector<field> fields;
      fields.reserve(j.size());
      for (const auto& item : j.items()) {
        fields.push_back({make_string(arena, item.key()).as_string(), from_nlohmann(item.value(), arena)});
      }
      return make_object(arena, fields);
    }
    default: return {};
  }
}

}  // namespace rolec::eval
