#include "cli/common.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <system_error>

#include "util/file.hpp"
#include "util/report_text.hpp"
#include "util/version.hpp"

namespace rolec::cli {

std::string rules_url(const std::string& flag) {
  if (!flag.empty()) return util::as_folder(flag);
  if (const char* env = std::getenv("ROLEC_DOCS_URL"); env != nullptr && *env != '\0') return util::as_folder(env);
  if (!util::docs_url().empty()) return std::string(util::docs_url());
  namespace fs = std::filesystem;
  std::error_code error;
  fs::path installed = fs::read_symlink("/proc/self/exe", error).parent_path() / "../share/doc/rolec/rules";
  installed = error ? fs::path("/usr/share/doc/rolec/rules") : installed.lexically_normal();
  // A build that was not installed links to its source tree's pages; an installed rolec to its
  // own, even where an image left the documentation out.
  const fs::path source = fs::path(std::string(util::source_dir())) / "docs/rules";
  const bool from_source = !fs::is_directory(installed, error) && fs::is_directory(source, error);
  return util::as_folder(util::file_uri((from_source ? source : installed).generic_string()));
}

namespace {

color_mode chosen_color = color_mode::automatic;

}  // namespace

void set_color(color_mode mode) { chosen_color = mode; }

bool use_color(std::FILE* stream) {
  if (chosen_color != color_mode::automatic) return chosen_color == color_mode::always;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string_view(term) == "dumb") return false;
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
