#include "cli/import.hpp"

#include <fmt/format.h>

#include <filesystem>
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

// Writes permissions.toml and roles.toml into `dir`, which is created if needed. Existing files
// are never replaced: they may be the policy a team already keeps, and an import would lose it.
bool write_folder(const std::string& dir, const adopt::imported_policy& p, std::string& error) {
  std::error_code ec;
  const fs::path folder(dir);
  if (fs::exists(folder, ec) && !fs::is_directory(folder, ec)) {
    error = fmt::format("{}: exists and is not a folder", dir);
    return false;
  }
  std::vector<std::pair<fs::path, std::string>> files = {{folder / "permissions.toml", p.permissions_file()},
                                                         {folder / "roles.toml", p.roles_file()}};
  if (!p.members.empty()) files.emplace_back(folder / "members.toml", p.members_file());
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

  if (options.output.empty() || options.output == "-") {
    const std::string text = imported.document();
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fprintf(stderr, "%s\n", summary(imported, "").c_str());
    return exit_ok;
  }
  if (!write_folder(options.output, imported, error)) {
    print_error(error);
    return exit_failure;
  }
  std::fprintf(stderr, "%s\n", summary(imported, options.output).c_str());
  return exit_ok;
}

}  // namespace rolec::cli
