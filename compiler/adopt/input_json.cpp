#include "adopt/input_json.hpp"

namespace rolec::adopt {

void fail(std::string message) { throw shape_error{std::move(message)}; }

std::optional<std::string> optional_string(const nlohmann::ordered_json& obj, std::string_view key, const std::string& where) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) fail(fmt::format("`{}{}{}` must be a string", where, where.empty() ? "" : ".", key));
  return it->get<std::string>();
}

std::string json_error_message(const std::string& name, const util::json_error& why, std::string_view what,
                               std::size_t first_line) {
  const std::size_t line = why.at.line + first_line - 1;
  return why.too_deep ? fmt::format("{}:{}:{}: {}, which no {} is", name, line, why.at.column, why.reason, what)
                      : fmt::format("{}:{}:{}: not valid JSON: {}", name, line, why.at.column, why.reason);
}

}  // namespace rolec::adopt
