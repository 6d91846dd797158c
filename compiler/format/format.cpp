// toml++ (through policy/toml_check.hpp), the concrete syntax tree and the layout, in that order.

#include "format/format.hpp"

#include <fmt/format.h>

#include "format/layout.hpp"
#include "format/parse.hpp"
#include "policy/toml_check.hpp"
#include "util/file.hpp"

namespace rolec::format {

format_result format_file(const diag::source_file& file, diag::source_id id) {
  format_result result;
  constexpr std::string_view help = "the file is left as it is";
  if (auto error = policy::toml_syntax_error(file, id)) {
    error->help = help;
    result.error = std::move(error);
    return result;
  }
  parse_result parsed = parse(file.text());
  if (parsed.error) {
    parsed.error->source = id;
    result.error = std::move(parsed.error);
    return result;
  }
  std::optional<std::string> laid_out = layout(parsed.root, util::max_policy_file_bytes);
  if (!laid_out) {
    result.failure = fmt::format("{}: in the layout, the file would be larger than {}, the most rolec reads of a policy "
                                 "file (arrays nested too deep); it is left as it is",
                                 file.name(), util::byte_size(util::max_policy_file_bytes));
    return result;
  }
  std::string formatted = std::move(*laid_out);
  if (formatted != file.text() && !policy::same_toml_data(file.text(), formatted)) {
    result.failure = file.name() + ": formatting would change the data of the file; it is left as it is (a fault of rolec's own)";
    return result;
  }
  result.text = std::move(formatted);
  return result;
}

}  // namespace rolec::format
