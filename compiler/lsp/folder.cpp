#include "lsp/folder.hpp"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <unordered_map>

#include "util/file.hpp"

namespace rolec::lsp {
namespace {

namespace fs = std::filesystem;

std::string read_or_empty(const std::string& path) {
  std::string error;
  std::optional<std::string> text = util::read_file(path, error, util::max_policy_file_bytes);
  return text ? std::move(*text) : std::string();
}

}  // namespace

policy_folder::policy_folder(std::string root, bool recursive) : root_(std::move(root)), recursive_(recursive) { rescan(); }

bool policy_folder::holds(const std::string& path) const {
  if (!recursive_) return fs::path(path).parent_path() == fs::path(root_);
  const std::string prefix = root_.ends_with('/') ? root_ : root_ + "/";
  return path.starts_with(prefix);
}

folder_file& policy_folder::entry(const std::string& path) {
  const auto it = std::lower_bound(files_.begin(), files_.end(), path,
                                   [](const folder_file& f, const std::string& p) { return f.path < p; });
  if (it != files_.end() && it->path == path) return *it;
  folder_file f;
  f.path = path;
  f.id = sources_.add(path, {});
  return *files_.insert(it, std::move(f));
}

void policy_folder::rescan() {
  std::vector<std::string> errors;
  std::vector<std::string> listed;
  if (recursive_) {
    listed = policy::policy_files({root_}, errors);
  } else {
    // A folder nobody named: its own files only, so that a stray file in a home folder does not
    // make a policy of every `.toml` file below it.
    std::error_code error;
    for (const fs::directory_entry& e : fs::directory_iterator(root_, error)) {
      const std::string name = e.path().filename().string();
      if (e.is_regular_file(error) && e.path().extension() == ".toml" && !name.starts_with('.')) listed.push_back(e.path().string());
    }
  }
  std::sort(listed.begin(), listed.end());
  // A file gone from the disk stays while the editor holds it.
  std::vector<folder_file> kept;
  for (folder_file& f : files_) {
    if (f.open || std::binary_search(listed.begin(), listed.end(), f.path)) kept.push_back(std::move(f));
  }
  files_ = std::move(kept);
  for (const std::string& path : listed) {
    folder_file& f = entry(path);
    if (f.open) continue;
    std::string text = read_or_empty(path);
    if (f.parsed && sources_.file(f.id).text() == text) continue;
    sources_.replace(f.id, std::move(text));
    f.parsed = false;
  }
  read_settings();
}

void policy_folder::set_text(const std::string& path, std::string text, std::optional<std::int64_t> version) {
  folder_file& f = entry(path);
  f.open = true;
  f.version = version;
  sources_.replace(f.id, std::move(text));
  f.parsed = false;
}

void policy_folder::close(const std::string& path) {
  const auto it = std::find_if(files_.begin(), files_.end(), [&](const folder_file& f) { return f.path == path; });
  if (it == files_.end()) return;
  it->open = false;
  it->version.reset();
  std::error_code error;
  if (!fs::is_regular_file(path, error)) {
    files_.erase(it);
    return;
  }
  sources_.replace(it->id, read_or_empty(path));
  it->parsed = false;
}

void policy_folder::read_settings() {
  outside_ = {};
  settings_findings_.clear();
  settings_path_ = policy::find_settings(root_);
  if (!settings_path_) return;
  // The settings file is linted as `rolec lint` lints it; its mistakes are shown in it, and its
  // levels are used only when it has none.
  policy::load_result loaded = policy::load_settings(*settings_path_, sources_);
  if (!loaded.errors.empty()) return;
  const lint::lint_result checked = lint::lint_loaded(std::move(loaded), sources_);
  settings_findings_ = checked.findings;
  if (!diag::has_errors(checked.findings)) outside_.shared = lint::levels_of(checked.merged);
}

void policy_folder::relint(const lint::refinement& refine) {
  std::vector<policy::load_result> parts;
  parts.reserve(files_.size());
  for (folder_file& f : files_) {
    const diag::source_file& file = sources_.file(f.id);
    if (!f.parsed) {
      f.lines = line_index(file.text());
      f.part = policy::load_file(file, f.id);
      f.parsed = true;
    }
    parts.push_back(f.part);
  }
  auto result = std::make_unique<lint::lint_result>(
      lint::lint_loaded(policy::merge_files(std::move(parts)), sources_, refine, outside_, &filters_));
  current_ = std::move(result);
  ++generation_;
}

snapshot policy_folder::take_snapshot() const {
  snapshot s;
  s.generation = generation_;
  s.sources = sources_;
  s.outside = outside_;
  for (const folder_file& f : files_) s.parts.push_back(f.part);
  return s;
}

std::vector<diag::diagnostic> policy_folder::lint_snapshot(snapshot s, const lint::refinement& refine,
                                                           resolve::filter_set& filters) {
  return lint::lint_loaded(policy::merge_files(std::move(s.parts)), s.sources, refine, s.outside, &filters).findings;
}

std::vector<file_findings> policy_folder::by_file(const std::vector<diag::diagnostic>& findings) const {
  std::vector<file_findings> out;
  for (const folder_file& f : files_) out.push_back({f.path, {}});
  if (settings_path_) out.push_back({*settings_path_, settings_findings_});
  std::unordered_map<diag::source_id, std::size_t> index;
  for (std::size_t i = 0; i < files_.size(); ++i) index.emplace(files_[i].id, i);
  for (const diag::diagnostic& d : findings) {
    const auto it = index.find(d.source);
    if (it != index.end()) out[it->second].findings.push_back(d);
  }
  return out;
}

const folder_file* policy_folder::find(const std::string& path) const {
  const auto it = std::lower_bound(files_.begin(), files_.end(), path,
                                   [](const folder_file& f, const std::string& p) { return f.path < p; });
  return it != files_.end() && it->path == path ? &*it : nullptr;
}

const folder_file* policy_folder::file_of(diag::source_id id) const {
  const auto it = std::find_if(files_.begin(), files_.end(), [&](const folder_file& f) { return f.id == id; });
  return it == files_.end() ? nullptr : &*it;
}

std::string policy_folder::path_of(diag::source_id id) const { return sources_.file(id).name(); }

}  // namespace rolec::lsp
