#include "cli/common.hpp"

#include <unistd.h>

#include <cstdlib>

#include "util/file.hpp"

namespace rolec::cli {

bool use_color(std::FILE* stream) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  return isatty(fileno(stream)) != 0;
}

void print_error(const std::string& message) { print_text("rolec: error: " + message + "\n", stderr); }

void print_text(const std::string& text, std::FILE* stream) { std::fwrite(text.data(), 1, text.size(), stream); }

std::optional<expression_input> read_expression(const std::string& argument) {
  if (argument != "-") return expression_input{argument, "<expr>"};
  std::string error;
  auto input = util::read_file("-", error);
  if (!input) {
    print_error(error);
    return std::nullopt;
  }
  return expression_input{std::move(*input), "<stdin>"};
}

}  // namespace rolec::cli
