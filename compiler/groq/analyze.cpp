#include "groq/analyze.hpp"

#include "groq/filter_rules.hpp"
#include "groq/validate.hpp"

namespace rolec::groq {

parse_result analyze(std::string_view text, const analyze_options& options) {
  parse_result result = parse(text, options.arena);
  if (result.root == nullptr) return result;
  validate_options validation;
  if (options.mode == mode::filter) {
    // Delta functions and parameters get the filter rules' own, more specific findings.
    validation.delta_mode = true;
  } else {
    validation.parameters = options.parameters;
  }
  validate(result, validation);
  if (options.mode == mode::filter) check_filter(result);
  return result;
}

}  // namespace rolec::groq
