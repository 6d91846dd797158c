#pragma once
/// Stage `load`: policy files (TOML) to the policy model, with structural diagnostics.

#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "diag/source.hpp"
#include "policy/model.hpp"

namespace rolec::policy {

/// What loading found: the merged policy, findings about the files, and errors that stop the
/// tool (a path that does not exist or cannot be read).
struct load_result {
  policy merged;
  std::vector<diag::diagnostic> diagnostics;
  std::vector<std::string> errors;
};

/// The files `load` reads for `paths`, each once, in order: a file as named, the `*.toml` files of
/// a folder (recursively, in sorted path order), `-` for standard input. A path that does not
/// exist, or a folder that cannot be listed, goes to `errors`.
[[nodiscard]] std::vector<std::string> policy_files(const std::vector<std::string>& paths, std::vector<std::string>& errors);

/// Reads `paths`: each a `.toml` file or a folder searched (recursively, in sorted path order) for
/// `*.toml` files; `-` reads standard input. Files are registered in `sources`. TOML syntax errors,
/// unknown keys, values of the wrong type and names defined twice are reported here; a file that
/// is not valid TOML does not stop the others from loading.
[[nodiscard]] load_result load(const std::vector<std::string>& paths, diag::source_manager& sources);

/// Reads a settings file shared by several policies (`.rolec.toml`): `[lint]` alone, reported as
/// a policy file's keys are.
[[nodiscard]] load_result load_settings(const std::string& path, diag::source_manager& sources);

/// The shared settings file (`.rolec.toml`) of a policy run from folder `start`: the one in it, or
/// in the nearest folder above it, looking no higher than the repository's root (the folder with
/// `.git`). Outside a repository only `start`'s own counts.
[[nodiscard]] std::optional<std::string> find_settings(const std::string& start);

/// A policy file's name (as diagnostics show it) and content, read by someone else (`git show`).
struct named_text {
  std::string name;
  std::string text;
};

/// Reads one registered file as `load` reads each file, without merging: an editor keeps each
/// file's part and reads again only the file that changed.
[[nodiscard]] load_result load_file(const diag::source_file& file, diag::source_id id);

/// Merges parts made by `load_file`, in order, as `load` merges the files it reads.
[[nodiscard]] load_result merge_files(std::vector<load_result> parts);

/// Reads `files` as `load` reads files from disk, in the order given.
[[nodiscard]] load_result load_texts(std::vector<named_text> files, diag::source_manager& sources);

}  // namespace rolec::policy
