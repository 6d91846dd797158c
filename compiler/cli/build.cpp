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
  static const std::regex ours(R"((permissions|roles|robots|calls|documents)/[^/]+\.json|members\.json|blueprint\.json)");
  return std::regex_match(relative, ours);
}

bool is_folder_output(const std::string& path) {
  std::error_code ec;
  return path.back() == '/' || std::filesystem::is_directory(path, ec);
}

// Lints `paths` into `sources`, printing what could not be read (with `status` set, nothing
// returned) and the policy's errors, which it counts in `errors`.
std::optional<lint::lint_result> lint_and_show_errors(policy_input input, diag::source_manager& sources, int& status,
                                                      std::size_t& errors) {
  lint::lint_result linted =
      input.texts ? lint::lint_loaded(policy::load_texts(std::move(*input.texts), sources), sources) : lint::lint(input.paths, sources);
  if (!linted.errors.empty()) {
    for (const std::string& e : linted.errors) print_error(e);
    status = exit_failure;
    return std::nullopt;
  }
  std::vector<diag::diagnostic> shown;  // warnings are lint's business
  for (const diag::diagnostic& d : linted.findings) {
    if (d.level == diag::severity::error) shown.push_back(d);
  }
  errors = shown.size();
  if (!shown.empty()) print_text(diag::render_human(sources, shown, {use_color(stderr)}), stderr);
  return linted;
}

// Places the linted policy in `env` and keeps it in `result`; nothing, with `status` set, for an
// unknown `env`.
std::optional<build::compiled> compile_into(built_policy& result, lint::lint_result& linted,
                                            const std::optional<std::string>& env, int& status) {
  std::string error;
  auto compiled = build::compile(linted.merged, linted.resolved, env, error);
  if (!compiled) {
    print_error(error);
    status = exit_failure;
    return std::nullopt;
  }
  // What `compiled` and `resolved` point at stays put as they move (vectors keep their elements).
  result.resolved = std::move(linted.resolved);
  result.policy = std::move(linted.merged);
  return compiled;
}

}  // namespace

std::optional<built_policy> build_policy(const std::vector<std::string>& paths, const std::optional<std::string>& env,
                                         build::target which, int& status) {
  built_policy result;
  std::size_t errors = 0;
  auto linted = lint_and_show_errors(policy_input{paths, std::nullopt}, result.sources, status, errors);
  if (!linted) return std::nullopt;
  // Only a policy without errors is compiled.
  if (errors > 0) {
    print_error(fmt::format("nothing was built: the policy has {} error{}", errors, errors == 1 ? "" : "s"));
    status = exit_findings;
    return std::nullopt;
  }
  auto compiled = compile_into(result, *linted, env, status);
  if (!compiled) return std::nullopt;
  result.out = build::emit(which, *compiled);
  // The policy's `[lint.rules]` levels and `rolec-ignore` comments apply to target findings too.
  result.out.diagnostics = lint::configure(std::move(result.out.diagnostics), result.policy, result.sources, false);
  if (!result.out.diagnostics.empty()) {
    print_text(diag::render_human(result.sources, result.out.diagnostics, {use_color(stderr)}), stderr);
  }
  if (diag::has_errors(result.out.diagnostics)) {
    print_error("nothing was built: the target cannot express every grant");
    status = exit_findings;
    return std::nullopt;
  }
  result.compiled = std::move(*compiled);
  return result;
}

std::optional<built_policy> resolve_for_decisions(const std::vector<std::string>& paths,
                                                  const std::optional<std::string>& env, int& status, std::size_t& errors) {
  return resolve_for_decisions(policy_input{paths, std::nullopt}, env, status, errors);
}

std::optional<built_policy> resolve_for_decisions(policy_input input, const std::optional<std::string>& env, int& status,
                                                  std::size_t& errors) {
  built_policy result;
  auto linted = lint_and_show_errors(std::move(input), result.sources, status, errors);
  if (!linted) return std::nullopt;
  // A file that is not TOML says nothing rolec can read: an answer would be about another policy.
  if (!linted->merged.broken_files.empty()) {
    print_error(fmt::format("{} is not valid TOML: nothing answered", result.sources.file(linted->merged.broken_files.front()).name()));
    status = exit_failure;
    return std::nullopt;
  }
  // A question about a broken policy is answered as it stands: the user asks exactly when a
  // grant does not do what they meant. decide lets a grant whose filter is not a permission
  // filter, or whose permission does not exist, allow nothing, and says so.
  if (errors > 0) {
    print_text(fmt::format("rolec: warning: the policy has {} error{}: answered as it stands (a grant whose filter or "
                           "permission is broken allows nothing; other grants as written)\n",
                           errors, errors == 1 ? "" : "s"),
               stderr);
  }
  auto compiled = compile_into(result, *linted, env, status);
  if (!compiled) return std::nullopt;
  result.compiled = std::move(*compiled);
  return result;
}

int run_build(const build_options& options) {
  int status = exit_ok;
  const auto built = build_policy(options.paths, options.env, options.which, status);
  if (!built) return status;
  const build::output& out = built->out;
  std::string error;
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
