// fuzz_groq_parse: the GROQ front end in both modes, its renderers, and the canonical printer's
// promise print(parse(print(x))) == print(x).

#include <fmt/format.h>

#include "diag/render_human.hpp"
#include "diag/render_json.hpp"
#include "diag/source.hpp"
#include "targets/common.hpp"
#include "groq/analyze.hpp"
#include "groq/print.hpp"
#include "util/json_text.hpp"

namespace rolec::fuzz {

int fuzz_groq_parse(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  groq::analyze_options options;
  options.mode = (data[0] & 1) != 0 ? groq::mode::filter : groq::mode::query;
  const std::vector<std::string> parameters{"a", "b"};
  options.parameters = &parameters;
  const std::string text(text_of(data + 1, size - 1));

  const groq::parse_result result = groq::analyze(text, options);
  // What the user sees of the findings, in every format.
  diag::source_manager sources;
  sources.add("<expr>", text);
  static_cast<void>(diag::render_human(sources, result.diagnostics, {true}));
  static_cast<void>(util::json_text(diag::to_json(sources, result.diagnostics)));
  if (result.root == nullptr) return 0;
  static_cast<void>(groq::dump(result.root));

  // The canonical text must parse back, print the same, and be judged the same.
  const std::string printed = groq::print(result.functions, result.root);
  const groq::parse_result again = groq::analyze(printed, options);
  const auto mode = options.mode == groq::mode::filter ? "filter" : "query";
  check(again.root != nullptr,
        fmt::format("{} mode: the canonical print `{}` of `{}` does not parse: {}", mode, printed, text,
                    again.diagnostics.empty() ? std::string("?") : again.diagnostics.front().message));
  const std::string reprinted = groq::print(again.functions, again.root);
  check(reprinted == printed,
        fmt::format("{} mode: print(parse(print(x))) != print(x) for `{}`: `{}` then `{}`", mode, text, printed, reprinted));
  check(again.ok() == result.ok(),
        fmt::format("{} mode: `{}` is {} but its canonical print `{}` is {}", mode, text, result.ok() ? "valid" : "invalid",
                    printed, again.ok() ? "valid" : "invalid"));
  return 0;
}

}  // namespace rolec::fuzz
