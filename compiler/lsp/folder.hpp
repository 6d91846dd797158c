#pragma once
/// One policy as an editor sees it: the `.toml` files of a folder, each with the editor's text
/// when it is open and the disk's otherwise, and the last lint of them. A change reads again the
/// file that changed only; filters parsed before are not parsed again.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "diag/source.hpp"
#include "lint/lint.hpp"
#include "lsp/text.hpp"
#include "policy/load.hpp"
#include "resolve/filters.hpp"

namespace rolec::lsp {

/// A file of a policy folder.
struct folder_file {
  std::string path;  ///< absolute
  diag::source_id id = 0;
  bool open = false;                ///< the editor holds its text
  std::optional<std::int64_t> version;  ///< the editor's version of it
  bool parsed = false;              ///< `part` is up to date with the text
  policy::load_result part;         ///< the file read on its own
  line_index lines;
};

/// What a lint of a folder says of one file.
struct file_findings {
  std::string path;
  std::vector<diag::diagnostic> findings;
};

/// A copy of a folder's texts and parts, linted whole on another thread (with the analysis).
struct snapshot {
  std::uint64_t generation = 0;
  diag::source_manager sources;
  std::vector<policy::load_result> parts;
  lint::outside_levels outside;
};

/// The policy of one folder.
class policy_folder {
 public:
  /// The policy of the `.toml` files of `root` (absolute), and of its subfolders when
  /// `recursive`, read from disk now.
  policy_folder(std::string root, bool recursive);

  [[nodiscard]] const std::string& root() const { return root_; }
  /// True when `path` is a file of the folder (or of its subfolders, when it reads them).
  [[nodiscard]] bool holds(const std::string& path) const;
  /// Lists the files again and reads from disk those the editor does not hold.
  void rescan();
  /// The editor's text of `path` (opened or changed); a file not listed yet is added.
  void set_text(const std::string& path, std::string text, std::optional<std::int64_t> version);
  /// The editor closed `path`: the disk's text counts again.
  void close(const std::string& path);

  /// Lints the folder: load (only the files that changed), resolve, check, and `refine` when
  /// given. Counts as a new generation.
  void relint(const lint::refinement& refine);
  /// The folder's state for a whole lint elsewhere.
  [[nodiscard]] snapshot take_snapshot() const;
  /// Lints a snapshot (on any thread; `filters` must be used by one thread at a time).
  [[nodiscard]] static std::vector<diag::diagnostic> lint_snapshot(snapshot s, const lint::refinement& refine,
                                                                   resolve::filter_set& filters);

  /// The findings of the last lint, per file (every file, those without findings too).
  [[nodiscard]] std::vector<file_findings> by_file(const std::vector<diag::diagnostic>& findings) const;

  [[nodiscard]] std::uint64_t generation() const { return generation_; }
  [[nodiscard]] const lint::lint_result* current() const { return current_.get(); }
  [[nodiscard]] const diag::source_manager& sources() const { return sources_; }
  [[nodiscard]] const folder_file* find(const std::string& path) const;
  [[nodiscard]] const folder_file* file_of(diag::source_id id) const;
  [[nodiscard]] const std::vector<folder_file>& files() const { return files_; }
  /// The path of a registered text (a policy file or the settings file).
  [[nodiscard]] std::string path_of(diag::source_id id) const;

 private:
  folder_file& entry(const std::string& path);
  void read_settings();

  std::string root_;
  bool recursive_ = true;
  diag::source_manager sources_;
  std::vector<folder_file> files_;  // in path order, as `rolec lint ROOT` reads them
  resolve::filter_set filters_;
  std::unique_ptr<lint::lint_result> current_;
  std::uint64_t generation_ = 0;
  lint::outside_levels outside_;
  std::vector<diag::diagnostic> settings_findings_;  // the `.rolec.toml`'s mistakes
  std::optional<std::string> settings_path_;
};

}  // namespace rolec::lsp
