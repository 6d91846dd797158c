#include "cli/import.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <functional>

#include "adopt/blueprint_import.hpp"
#include "adopt/import.hpp"
#include "adopt/live.hpp"
#include "schemas/catalog.hpp"
#include "util/atomic_file.hpp"
#include "util/file.hpp"

namespace rolec::cli {
namespace {

namespace fs = std::filesystem;

void print_warning(const std::string& message) { print_text("rolec: warning: " + message + "\n", stderr); }

std::string plural(std::size_t n, std::string_view word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

// `into` names the folder written, if any.
std::string summary(const adopt::imported_policy& p, const std::string& into) {
  return fmt::format("imported {} and {}{} (left out {} and {})", plural(p.permission_count, "custom permission"),
                     plural(p.role_count, "custom role"), into.empty() ? "" : " into " + into,
                     plural(p.predefined_left_out, "predefined permission"), plural(p.builtin_left_out, "built-in role"));
}

std::string blueprint_summary(const adopt::imported_policy& p, const std::string& into) {
  return fmt::format("imported {} and {} from a blueprint{}", plural(p.role_count, "custom role"),
                     plural(p.robot_count, "robot"), into.empty() ? "" : " into " + into);
}

// Writes `files` (names and contents) into `dir`, which is created if needed. Existing files
// are never replaced: they may be the policy a team already keeps, and an import would lose it.
bool write_folder(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& named, std::string& error) {
  std::error_code ec;
  const fs::path folder(dir);
  if (fs::exists(folder, ec) && !fs::is_directory(folder, ec)) {
    error = fmt::format("{}: exists and is not a folder", dir);
    return false;
  }
  std::vector<std::pair<fs::path, std::string>> files;
  for (const auto& [name, content] : named) files.emplace_back(folder / name, content);
  for (const auto& [path, content] : files) {
    // symlink_status: a dangling link is a file the user has, too.
    if (fs::symlink_status(path, ec).type() != fs::file_type::not_found && !ec) {
      error = fmt::format("{}: already exists; rolec import never replaces a file (move it away or choose another folder)",
                          path.string());
      return false;
    }
  }
  fs::create_directories(folder, ec);
  if (ec) {
    error = fmt::format("{}: {}", dir, ec.message());
    return false;
  }
  for (const auto& [path, content] : files) {
    if (!util::write_file_atomic(path.string(), content, error)) return false;
  }
  return true;
}

// Writes what was imported to standard output or into the folder `output`, then the summary.
int write_imported(const std::string& output, const adopt::imported_policy& imported,
                   const std::vector<std::pair<std::string, std::string>>& files,
                   const std::function<std::string(const std::string&)>& summary_into) {
  std::string error;
  if (output.empty() || output == "-") {
    const std::string text = imported.document();
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fprintf(stderr, "%s\n", summary_into("").c_str());
    return exit_ok;
  }
  if (!write_folder(output, files, error)) {
    print_error(error);
    return exit_failure;
  }
  std::fprintf(stderr, "%s\n", summary_into(output).c_str());
  return exit_ok;
}

// Imports the blueprint `text`, read from `path`.
int run_blueprint_import(const std::string& path, std::string_view text, const std::string& output) {
  std::string error;
  const auto blueprint = adopt::parse_blueprint(text, path == "-" ? "<stdin>" : path, error);
  if (!blueprint) {
    print_error(error);
    return exit_failure;
  }
  const adopt::imported_policy imported = adopt::import_blueprint(*blueprint, schemas::builtin());
  for (const std::string& w : imported.warnings) print_warning(w);
  // A blueprint defines no permissions: only roles.toml is written.
  return write_imported(output, imported, {{"roles.toml", imported.roles_file()}},
                        [&](const std::string& into) { return blueprint_summary(imported, into); });
}

}  // namespace

int run_import(const import_options& options) {
  std::string error;
  // The kind of input is told by its content: a blueprint, else a live state.
  std::vector<std::string> texts;
  for (const std::string& path : options.inputs) {
    auto text = util::read_file(path, error);
    if (!text) {
      print_error(error);
      return exit_failure;
    }
    texts.push_back(std::move(*text));
  }
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (!adopt::looks_like_blueprint(texts[i])) continue;
    if (texts.size() > 1) {
      print_error(fmt::format("{} is a blueprint, which is imported alone: give it without other files", options.inputs[i]));
      return exit_failure;
    }
    return run_blueprint_import(options.inputs[i], texts[i], options.output);
  }
  adopt::live_state state;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::string& path = options.inputs[i];
    if (!adopt::parse_live(texts[i], path == "-" ? "<stdin>" : path, state, error)) {
      print_error(error);
      return exit_failure;
    }
  }
  for (const std::string& w : state.warnings) print_warning(w);
  const adopt::imported_policy imported = adopt::import_policy(state, schemas::builtin());
  for (const std::string& w : imported.warnings) print_warning(w);
  return write_imported(options.output, imported,
                        {{"permissions.toml", imported.permissions_file()}, {"roles.toml", imported.roles_file()}},
                        [&](const std::string& into) { return summary(imported, into); });
}

}  // namespace rolec::cli
