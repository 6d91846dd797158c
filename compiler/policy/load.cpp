// Stage `load`: files found and read, each parsed as TOML and read into the model
// (policy/reader.hpp), then merged in path order with names defined twice reported.

#include "policy/load.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <set>
#include <unordered_map>

#include "policy/reader.hpp"
#include "policy/toml_parse.hpp"
#include "util/file.hpp"
#include "util/parallel.hpp"

namespace rolec::policy {
namespace {

namespace fs = std::filesystem;
using diag::rule;

void collect(const fs::path& path, std::vector<std::string>& files, std::vector<std::string>& errors) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      // Hidden files are not policy: `.rolec.toml` holds shared lint settings, `.taplo.toml` an
      // editor's. A file named on the command line is read whatever its name.
      const std::string name = it->path().filename().string();
      if (it->is_regular_file() && it->path().extension() == ".toml" && !name.starts_with('.')) {
        found.push_back(it->path().string());
      }
    }
    if (ec) errors.push_back(fmt::format("{}: {}", path.string(), ec.message()));
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
    return;
  }
  if (!fs::exists(path, ec)) {
    errors.push_back(fmt::format("{}: no such file or folder", path.string()));
    return;
  }
  files.push_back(path.string());
}

// Parses one registered file into its own result; files are independent, so this runs in parallel.
// A settings file (`.rolec.toml`) holds `[lint]` alone.
load_result load_one(const diag::source_file& file, diag::source_id id, bool settings = false) {
  load_result result;
  result.merged.files.push_back(id);
  std::optional<diag::diagnostic> error;
  const std::optional<toml::table> root = parse_toml(file, id, error);
  if (!root) {
    error->help = settings ? "lint stops until this file parses: its settings apply to every policy it runs on"
                           : "this file is skipped until it parses; references into it are not checked";
    result.diagnostics.push_back(std::move(*error));
    result.merged.broken_files.push_back(id);
    return result;
  }
  reader r(file, id, result);
  if (settings) {
    read_settings_document(r, *root);
  } else {
    read_document(r, *root);
  }
  return result;
}

/// Where each name was first defined, one table per kind ("roles", "permissions", ...). Keys view
/// the names in the merged policy, whose vectors are reserved up front so that they never move.
using definitions = std::unordered_map<std::string, std::unordered_map<std::string_view, location>>;

// Appends one file's `[members]` to the merged table: the first file's `exclusive` counts, and a
// member listed in two files is reported as a name defined twice (`first` says whether it is new).
template <typename first_fn>
void merge_members(members_table&& from, members_table& to, const first_fn& first) {
  if (!from.present) return;
  if (!to.present) {
    to.present = true;
    to.at = from.at;
  }
  if (from.exclusive.present && first("members", "exclusive", from.exclusive.at)) to.exclusive = from.exclusive;
  for (member& m : from.entries) {
    to.entries.push_back(std::move(m));
    if (!first("members", to.entries.back().id.value, to.entries.back().id.at)) to.entries.pop_back();
  }
}

// Appends one file's entries to the merged policy. A name defined in an earlier file wins; the
// later definition is reported, with a note at the first, and kept aside (`shadowed_*`).
void merge(load_result&& part, load_result& into, definitions& seen) {
  const auto first = [&](const std::string& kind, std::string_view name, const location& where) {
    const auto [it, inserted] = seen[kind].emplace(name, where);
    if (inserted) return true;
    diag::diagnostic d = diag::make(rule::duplicate_name, where.where, fmt::format("`{}.{}` is defined twice", kind, name),
                                    "give one of them another name, or merge them");
    d.source = where.source;
    d.notes.push_back({"first defined here", it->second.where, it->second.source});
    into.diagnostics.push_back(std::move(d));
    return false;
  };
  // Moves each entry whose name is new into `to`, then records the name as it now sits there;
  // one whose name is taken goes to `shadowed`, when given.
  const auto append = [&](const std::string& kind, auto& from, auto& to, auto* shadowed) {
    for (auto& entry : from) {
      if (seen[kind].count(entry.name.value) > 0) {
        first(kind, entry.name.value, entry.name.at);
        if (shadowed != nullptr) shadowed->push_back(std::move(entry));
        continue;
      }
      to.push_back(std::move(entry));
      first(kind, to.back().name.value, to.back().name.at);
    }
  };
  policy& from = part.merged;
  policy& to = into.merged;
  if (from.project_id.present && first("project", "id", from.project_id.at)) to.project_id = std::move(from.project_id);
  if (from.api_version.present && first("project", "api_version", from.api_version.at)) {
    to.api_version = std::move(from.api_version);
  }
  if (from.exclusive.present && first("project", "exclusive", from.exclusive.at)) to.exclusive = from.exclusive;
  std::move(from.protected_roles.begin(), from.protected_roles.end(), std::back_inserter(to.protected_roles));
  std::move(from.public_datasets.begin(), from.public_datasets.end(), std::back_inserter(to.public_datasets));
  append("targets", from.targets, to.targets, static_cast<std::vector<target>*>(nullptr));
  append("permissions", from.permissions, to.permissions, &to.shadowed_permissions);
  append("roles", from.roles, to.roles, &to.shadowed_roles);
  append("robots", from.robots, to.robots, static_cast<std::vector<robot>*>(nullptr));
  merge_members(std::move(from.members), to.members, first);
  std::move(from.tests.begin(), from.tests.end(), std::back_inserter(to.tests));
  std::move(from.properties.begin(), from.properties.end(), std::back_inserter(to.properties));
  std::move(from.lint_levels.begin(), from.lint_levels.end(), std::back_inserter(to.lint_levels));
  to.files.insert(to.files.end(), from.files.begin(), from.files.end());
  to.broken_files.insert(to.broken_files.end(), from.broken_files.begin(), from.broken_files.end());
  std::move(part.diagnostics.begin(), part.diagnostics.end(), std::back_inserter(into.diagnostics));
}

// Merges the files' results in order, with the merged vectors reserved so that names keep their place.
void merge_all(std::vector<load_result>& parts, load_result& into) {
  std::size_t targets = 0, permissions = 0, roles = 0, robots = 0, members = 0;
  for (const load_result& part : parts) {
    targets += part.merged.targets.size();
    permissions += part.merged.permissions.size();
    roles += part.merged.roles.size();
    robots += part.merged.robots.size();
    members += part.merged.members.entries.size();
  }
  into.merged.robots.reserve(into.merged.robots.size() + robots);
  into.merged.members.entries.reserve(into.merged.members.entries.size() + members);
  into.merged.targets.reserve(into.merged.targets.size() + targets);
  into.merged.permissions.reserve(into.merged.permissions.size() + permissions);
  into.merged.roles.reserve(into.merged.roles.size() + roles);
  definitions seen;
  seen["permissions"].reserve(permissions);
  seen["roles"].reserve(roles);
  for (load_result& part : parts) merge(std::move(part), into, seen);
}

// Parses the registered files `ids` on every core, then merges them in order into `result`.
void parse_and_merge(const std::vector<diag::source_id>& ids, const diag::source_manager& sources, load_result& result) {
  std::vector<load_result> parts(ids.size());
  // A thread costs more than parsing a small policy: use more than one only for a large one.
  std::size_t bytes = 0;
  for (const diag::source_id id : ids) bytes += sources.file(id).text().size();
  const unsigned threads = bytes < 256 * 1024 ? 1 : 0;
  util::parallel_for(ids.size(), threads, [&](std::size_t i) { parts[i] = load_one(sources.file(ids[i]), ids[i]); });
  merge_all(parts, result);
}

}  // namespace

std::vector<std::string> policy_files(const std::vector<std::string>& paths, std::vector<std::string>& errors) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    if (p == "-") {
      files.push_back(p);
    } else {
      collect(p, files, errors);
    }
  }
  std::set<fs::path> seen;  // a file named twice (`rolec lint policy policy/roles.toml`) is read once
  std::vector<std::string> once;
  for (std::string& path : files) {
    if (path != "-") {
      std::error_code ec;
      const fs::path canonical = fs::weakly_canonical(path, ec);
      if (!ec && !seen.insert(canonical).second) continue;
    }
    once.push_back(std::move(path));
  }
  return once;
}

load_result load(const std::vector<std::string>& paths, diag::source_manager& sources) {
  load_result result;
  // Read and register every file first (the source manager is not shared between threads), then
  // parse them on every core, then merge in path order.
  std::vector<diag::source_id> ids;
  for (const std::string& path : policy_files(paths, result.errors)) {
    std::string error;
    auto content = util::read_file(path, error, util::max_policy_file_bytes);
    if (!content) {
      result.errors.push_back(error);
      continue;
    }
    ids.push_back(sources.add(path == "-" ? "<stdin>" : path, std::move(*content)));
  }
  parse_and_merge(ids, sources, result);
  return result;
}

load_result load_settings(const std::string& path, diag::source_manager& sources) {
  load_result result;
  std::string error;
  auto content = util::read_file(path, error, util::max_policy_file_bytes);
  if (!content) {
    result.errors.push_back(error);
    return result;
  }
  const diag::source_id id = sources.add(path, std::move(*content));
  result = load_one(sources.file(id), id, true);
  return result;
}

std::optional<std::string> find_settings(const std::string& start) {
  std::error_code error;
  fs::path working = start == "." ? fs::current_path(error) : fs::absolute(start, error).lexically_normal();
  if (error) return std::nullopt;
  if (!working.has_filename() && working.has_parent_path()) working = working.parent_path();  // `/x/` is `/x`
  std::optional<std::string> nearest;
  for (fs::path dir = working;; dir = dir.parent_path()) {
    const fs::path candidate = dir / ".rolec.toml";
    if (!nearest && fs::is_regular_file(candidate, error)) nearest = candidate.string();
    if (fs::exists(dir / ".git", error)) return nearest;
    if (!dir.has_parent_path() || dir.parent_path() == dir) break;
  }
  // A stray `/tmp/.rolec.toml` must not change what a run outside a repository reports.
  const fs::path own = working / ".rolec.toml";
  return fs::is_regular_file(own, error) ? std::optional<std::string>(own.string()) : std::nullopt;
}

load_result load_file(const diag::source_file& file, diag::source_id id) { return load_one(file, id); }

load_result merge_files(std::vector<load_result> parts) {
  load_result result;
  merge_all(parts, result);
  return result;
}

load_result load_texts(std::vector<named_text> files, diag::source_manager& sources) {
  load_result result;
  std::vector<diag::source_id> ids;
  for (named_text& f : files) {
    if (f.text.size() > util::max_policy_file_bytes) {
      result.errors.push_back(fmt::format("{}: larger than {} bytes", f.name, util::max_policy_file_bytes));
      continue;
    }
    ids.push_back(sources.add(std::move(f.name), std::move(f.text)));
  }
  parse_and_merge(ids, sources, result);
  return result;
}

}  // namespace rolec::policy
