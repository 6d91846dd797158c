#include "cli/import.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <functional>
#include <vector>

#include "adopt/import.hpp"
#include "adopt/import_input.hpp"
#include "schemas/catalog.hpp"
#include "util/atomic_file.hpp"

namespace rolec::cli {
namespace {

namespace fs = std::filesystem;

void print_warning(const std::string& message) { print_text("rolec: warning: " + message + "\n", stderr); }

std::string plural(std::size_t n, std::string_view word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

// `into` names the folder written, if any.
std::string summary(const adopt::imported_policy& p, const std::string& into) {
  const std::string folder = into.empty() ? "" : " into " + into;
  if (p.source == adopt::import_source::groups) {
    return fmt::format("imported {}, {} and {}{} (left out {} and {})", plural(p.permission_count, "custom permission"),
                       plural(p.role_count, "custom role"), plural(p.member_count, "member"), folder,
                       plural(p.builtin_left_out, "built-in group"), plural(p.other_documents, "other document"));
  }
  return fmt::format("imported {} and {}{} (left out {} and {})", plural(p.permission_count, "custom permission"),
                     plural(p.role_count, "custom role"), folder, plural(p.predefined_left_out, "predefined permission"),
                     plural(p.builtin_left_out, "built-in role"));
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

}  // namespace

int run_import(const import_options& options) {
  std::string error;
  const auto result = adopt::import_files(options.inputs, schemas::builtin(), error);
  if (!result) {
    print_error(error);
    return exit_failure;
  }
  const adopt::imported_policy& imported = *result;
  for (const std::string& w : imported.warnings) print_warning(w);
  if (imported.source == adopt::import_source::blueprint) {
    // A blueprint defines no permissions: only roles.toml is written.
    return write_imported(options.output, imported, {{"roles.toml", imported.roles_file()}},
                          [&](const std::string& into) { return blueprint_summary(imported, into); });
  }
  std::vector<std::pair<std::string, std::string>> files = {{"permissions.toml", imported.permissions_file()},
                                                            {"roles.toml", imported.roles_file()}};
  if (!imported.members.empty()) files.emplace_back("members.toml", imported.members_file());
  return write_imported(options.output, imported, files, [&](const std::string& into) { return summary(imported, into); });
}

}  // namespace rolec::cli
