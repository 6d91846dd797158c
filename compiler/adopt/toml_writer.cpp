#include "adopt/toml_writer.hpp"

#include "util/utf8.hpp"

namespace rolec::adopt::toml {

std::string basic_string(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t n = util::utf8_sequence_length(text, i);
      if (n == 0) {
        out += "\xEF\xBF\xBD";
        ++i;
      } else {
        out.append(text.substr(i, n));
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default:
        // TOML forbids the other control characters (and DEL) unescaped in a basic string.
        if (c < 0x20 || c == 0x7F) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
  return out;
}

bool literal_safe(std::string_view text, bool multiline) {
  if (util::find_invalid_utf8(text) != std::string_view::npos) return false;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\t' || (multiline && c == '\n')) continue;
    if (c < 0x20 || c == 0x7F) return false;
  }
  return true;
}

std::optional<std::string> literal_string(std::string_view text) {
  if (text.find('\'') != std::string_view::npos || !literal_safe(text, false)) return std::nullopt;
  return "'" + std::string(text) + "'";
}

std::optional<std::string> multiline_literal_string(std::string_view text) {
  if (text.find("'''") != std::string_view::npos || (!text.empty() && text.back() == '\'') || !literal_safe(text, true)) {
    return std::nullopt;
  }
  return "'''\n" + std::string(text) + "'''";
}

std::string filter_string(std::string_view text) {
  if (auto literal = literal_string(text)) return *literal;
  if (auto multiline = multiline_literal_string(text)) return *multiline;
  return basic_string(text);
}

std::string key(std::string_view name) {
  const bool bare = !name.empty() && name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") ==
                                         std::string_view::npos;
  return bare ? std::string(name) : basic_string(name);
}

std::optional<std::string> value(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::string: return basic_string(v.get_ref<const std::string&>());
    case nlohmann::json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::number_integer: return std::to_string(v.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned: {
      // TOML integers are signed 64-bit; a larger one can only be a float.
      const auto n = v.get<std::uint64_t>();
      if (n <= static_cast<std::uint64_t>(INT64_MAX)) return std::to_string(n);
      return nlohmann::json(static_cast<double>(n)).dump();
    }
    case nlohmann::json::value_t::number_float: {
      std::string text = v.dump();  // shortest round-trip form; TOML floats need a `.` or an exponent
      if (text.find_first_of(".eE") == std::string::npos) text += ".0";
      return text;
    }
    case nlohmann::json::value_t::array: {
      std::string out = "[";
      for (const auto& item : v) {
        auto written = value(item);
        if (!written) return std::nullopt;
        out += (out.size() > 1 ? ", " : "") + *written;
      }
      return out + "]";
    }
    case nlohmann::json::value_t::object: {
      if (v.empty()) return "{}";
      std::string out = "{ ";
      bool first = true;
      for (const auto& [k, item] : v.items()) {
        auto written = value(item);
        if (!written) return std::nullopt;
        out += (first ? "" : ", ") + key(k) + " = " + *written;
        first = false;
      }
      return out + " }";
    }
    default: return std::nullopt;
  }
}

}  // namespace rolec::adopt::toml
