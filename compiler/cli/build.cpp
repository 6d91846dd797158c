#include "cli/build.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <regex>

#include "diag/render_human.hpp"
#include "lint/configure.hpp"
#include "lint/lint.hpp"
#include "schemas/catalog.hpp"
#include "util/atomic_file.hpp"
#include "util/json_text.hpp"

namespace rolec::cli {
namespace {

// What `rolec build -o DIR` writes, so that only such files are ever replaced.
bool written_by_build(const std::string& relative) {
  static const std::regex ours(R"((permissions|roles|calls|documents)/[^/]+\.json)");
  return std::regex_match(relative, ours);
}

bool is_folder_output(const std::string& path) {
  std::error_code ec;
  return path.back() == '/' || std::filesystem::is_directory(path, ec);
}

}  // namespace

int run_build(const build_options& options) {
  diag::source_manager sources;
  lint::lint_result linted = lint::lint(options.paths, sources);
  if (!linted.errors.empty()) {
    for (const std::string& e : linted.errors) print_error(e);
    return exit_failure;
  }
  // Only a policy without errors is compiled; its warnings are lint's business.
  std::vector<diag::diagnostic> errors;
  for (diag::diagnostic& d : linted.findings) {
    if (d.level == diag::severity::error) errors.push_back(std::move(d));
  }
  const bool color = use_color(stderr);
  if (!errors.empty()) {
    const std::string shown = diag::render_human(sources, errors, {color});
    std::fputs(shown.c_str(), stderr);
    print_error(fmt::format("nothing was built: the policy has {} error{}", errors.size(), errors.size() == 1 ? "" : "s"));
    return exit_findings;
  }
  std::string error;
  const auto compiled = build::compile(linted.merged, schemas::builtin(), options.env, error);
  if (!compiled) {
    print_error(error);
    return exit_failure;
  }
  build::output out = build::emit(options.which, *compiled, schemas::builtin());
  // The policy's `[lint.rules]` levels and `rolec-ignore` comments apply to target findings too.
  out.diagnostics = lint::configure(std::move(out.diagnostics), linted.merged, sources, false);
  if (!out.diagnostics.empty()) std::fputs(diag::render_human(sources, out.diagnostics, {color}).c_str(), stderr);
  if (diag::has_errors(out.diagnostics)) {
    print_error("nothing was built: the target cannot express every grant");
    return exit_findings;
  }
  if (options.output.empty() || options.output == "-") {
    const std::string text = util::json_text(out.bundle, 2) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
    return exit_ok;
  }
  bool written = false;
  if (is_folder_output(options.output)) {
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& [path, content] : out.files) files.emplace_back(path, util::json_text(content, 2) + "\n");
    written = util::replace_directory_atomic(options.output, files, written_by_build, error);
  } else {
    written = util::write_file_atomic(options.output, util::json_text(out.bundle, 2) + "\n", error);
  }
  if (!written) {
    print_error(error);
    return exit_failure;
  }
  return exit_ok;
}

}  // namespace rolec::cli
