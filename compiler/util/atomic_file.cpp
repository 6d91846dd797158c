#include "util/atomic_file.hpp"

#include <fcntl.h>
#include <stdio.h>  // renameat2
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

namespace rolec::util {
namespace {

namespace fs = std::filesystem;

std::string describe(const std::string& what, int code) { return fmt::format("{}: {}", what, std::strerror(code)); }

// Writes all of `content` to `fd` and flushes it to the disk.
bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return ::fsync(fd) == 0;
}

mode_t creation_mask() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

fs::path parent_of(const fs::path& path) {
  const fs::path parent = path.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

// A template for mkstemp/mkdtemp: a hidden name beside `path`, in the same file system.
std::string temporary_beside(const fs::path& path, std::string_view suffix) {
  return fmt::format("{}/.{}{}.XXXXXX", parent_of(path).string(), path.filename().string(), suffix);
}

// Makes a rename in `folder` durable: without it, a machine that stops right after may come back
// with neither name. Failing to is not an error (some file systems cannot sync a folder).
void sync_folder(const fs::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

bool write_file_atomic(const std::string& path, std::string_view content, std::string& error) {
  const fs::path target(path);
  std::string temp = temporary_beside(target, "");
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    error = describe(path, errno);
    return false;
  }
  struct stat existing {};
  const mode_t mode = ::stat(path.c_str(), &existing) == 0 ? (existing.st_mode & 07777) : (0666 & ~creation_mask());
  const bool written = ::fchmod(fd, mode) == 0 && write_all(fd, content);
  const int write_errno = errno;
  ::close(fd);
  if (!written || ::rename(temp.c_str(), path.c_str()) != 0) {
    error = describe(path, written ? errno : write_errno);
    ::unlink(temp.c_str());
    return false;
  }
  sync_folder(parent_of(target));
  return true;
}

namespace {

// True for `a/b.json`: segments that are not empty, `.` or `..`, and no absolute start.
bool plain_relative(std::string_view relative) {
  if (relative.empty() || relative.front() == '/') return false;
  std::size_t start = 0;
  while (start <= relative.size()) {
    std::size_t end = relative.find('/', start);
    if (end == std::string_view::npos) end = relative.size();
    const std::string_view segment = relative.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == ".." || segment.find('\0') != std::string_view::npos) return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

bool replace_directory_atomic(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files,
                              const std::function<bool(const std::string&)>& ours, std::string& error) {
  const fs::path target = fs::path(dir).lexically_normal();
  const fs::path clean = target.filename().empty() ? target.parent_path() : target;
  std::error_code ec;
  const bool exists = fs::exists(clean, ec);
  if (exists) {
    if (!fs::is_directory(clean, ec)) {
      error = fmt::format("{}: exists and is not a folder", clean.string());
      return false;
    }
    for (auto it = fs::recursive_directory_iterator(clean, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_directory()) continue;
      const std::string relative = fs::relative(it->path(), clean).generic_string();
      if (!ours(relative)) {
        error = fmt::format("{}: refusing to replace this folder: it holds `{}`, which rolec build did not write "
                            "(choose an empty or a new folder)",
                            clean.string(), relative);
        return false;
      }
    }
    if (ec) {
      error = describe(clean.string(), ec.value());
      return false;
    }
  }
  std::string temp = temporary_beside(clean, "");
  if (::mkdtemp(temp.data()) == nullptr) {
    error = describe(clean.string(), errno);
    return false;
  }
  const auto fail = [&](const std::string& message) {
    error = message;
    fs::remove_all(temp, ec);
    return false;
  };
  ::chmod(temp.c_str(), 0777 & ~creation_mask());  // mkdtemp makes it private; a folder as mkdir would
  for (const auto& [relative, content] : files) {
    // Names in these paths come from policy files (a role's, a robot's): none may climb out of
    // the folder or name another, whatever lint let through.
    if (!plain_relative(relative)) {
      return fail(fmt::format("{}: refusing to write `{}`, which is not a plain path inside the folder", clean.string(), relative));
    }
    const fs::path path = fs::path(temp) / relative;
    fs::create_directories(path.parent_path(), ec);
    if (ec) return fail(describe(path.string(), ec.value()));
    std::string file_error;
    if (!write_file_atomic(path.string(), content, file_error)) return fail(file_error);
  }
  if (!exists) {
    if (::rename(temp.c_str(), clean.c_str()) != 0) return fail(describe(clean.string(), errno));
    sync_folder(parent_of(clean));
    return true;
  }
  // Swap the two folders in one step where the file system can; otherwise move the old one
  // aside first, so that a failure in between still leaves it intact under its temporary name.
  if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, clean.c_str(), RENAME_EXCHANGE) == 0) {
    sync_folder(parent_of(clean));
    fs::remove_all(temp, ec);
    return true;
  }
  std::string old = temporary_beside(clean, ".old");
  if (::mkdtemp(old.data()) == nullptr || ::rename(clean.c_str(), old.c_str()) != 0) {
    return fail(describe(clean.string(), errno));
  }
  if (::rename(temp.c_str(), clean.c_str()) != 0) {
    const int code = errno;
    ::rename(old.c_str(), clean.c_str());
    return fail(describe(clean.string(), code));
  }
  sync_folder(parent_of(clean));
  fs::remove_all(old, ec);
  return true;
}

}  // namespace rolec::util
