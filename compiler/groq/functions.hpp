#pragma once
/// The GROQ function registry: every namespace and function the spec (and Sanity's vendor
/// extensions) defines, with arity and where each may be used.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rolec::groq {

/// What a function returns, as far as static checks need to know.
enum class result_type : std::uint8_t { any, boolean, number, string, array, object, datetime, path, null };

/// Bits of `function_info::flags`.
namespace function_flag {
inline constexpr std::uint16_t pipe = 1;            ///< only as `base | name(...)` (order, score)
inline constexpr std::uint16_t delta = 2;           ///< only in delta mode
inline constexpr std::uint16_t score_argument = 4;  ///< only inside `score()` (boost)
inline constexpr std::uint16_t selector = 8;        ///< only inside a selector (anywhere)
inline constexpr std::uint16_t dataset = 16;        ///< reads other documents (releases::all, documents::get)
inline constexpr std::uint16_t service = 32;        ///< needs a search or media service (text::, media::)
inline constexpr std::uint16_t variadic_select = 64;  ///< select(): pairs, then at most one default
}  // namespace function_flag

/// One function of the registry.
struct function_info {
  std::string_view ns;
  std::string_view name;
  int min_args;
  int max_args;  ///< -1: unbounded
  std::uint16_t flags;
  int selector_arg;  ///< index of the argument that must be a selector, or -1
  result_type result;
};

/// Looks a function up; `ns` is `global` for calls written without a namespace.
[[nodiscard]] const function_info* find_function(std::string_view ns, std::string_view name);

/// True if `ns` names a namespace of the registry.
[[nodiscard]] bool is_namespace(std::string_view ns);

/// The whole registry, in a stable order.
[[nodiscard]] std::span<const function_info> all_functions();

/// Names to suggest for a misspelt function in `ns` (`name` and `ns::name` forms).
[[nodiscard]] std::vector<std::string> function_suggestions(std::string_view ns);

/// Names of all namespaces.
[[nodiscard]] std::vector<std::string> namespace_names();

/// `ns::name(min..max)` style arity text, e.g. `1 or 2 arguments`.
[[nodiscard]] std::string arity_text(const function_info& f);

}  // namespace rolec::groq
