#include "cli/fmt.hpp"

#include "cli/common.hpp"
#include "diag/render_human.hpp"
#include "format/format.hpp"
#include "policy/load.hpp"
#include "util/atomic_file.hpp"
#include "util/file.hpp"

namespace rolec::cli {
namespace {

enum class outcome { unchanged, changed, failed };

// Formats one file: standard input goes to standard output; a file is rewritten only when its
// text changes, in one rename, so that a reader never sees half of it.
outcome format_one(const std::string& path, const fmt_options& options, diag::source_manager& sources) {
  std::string error;
  auto content = util::read_file(path, error, util::max_policy_file_bytes);
  if (!content) {
    print_error(error);
    return outcome::failed;
  }
  const bool is_stdin = path == "-";
  const diag::source_id id = sources.add(is_stdin ? "<stdin>" : path, std::move(*content));
  const diag::source_file& file = sources.file(id);
  // `::rolec::format`: cli::format is the enum of output formats.
  const ::rolec::format::format_result result = ::rolec::format::format_file(file, id);
  if (!result.text) {
    if (result.error) {
      print_text(diag::render_human(sources, std::vector<diag::diagnostic>{*result.error}, {use_color(stderr)}), stderr);
    }
    if (!result.failure.empty()) print_error(result.failure);
    return outcome::failed;
  }
  const bool changed = *result.text != file.text();
  if (options.check) {
    if (changed) print_text(path + "\n", stdout);
  } else if (is_stdin) {
    print_text(*result.text, stdout);
  } else if (changed && !util::write_file_atomic(path, *result.text, error)) {
    print_error(error);
    return outcome::failed;
  }
  return changed ? outcome::changed : outcome::unchanged;
}

}  // namespace

int run_fmt(const fmt_options& options) {
  std::vector<std::string> errors;
  const std::vector<std::string> files = policy::policy_files(options.paths, errors);
  for (const std::string& e : errors) print_error(e);
  bool failed = !errors.empty(), changed = false;
  diag::source_manager sources;
  for (const std::string& path : files) {
    const outcome o = format_one(path, options, sources);
    failed = failed || o == outcome::failed;
    changed = changed || o == outcome::changed;
  }
  if (failed) return exit_failure;
  return options.check && changed ? exit_findings : exit_ok;
}

}  // namespace rolec::cli
