#include "support/run.hpp"

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace rolec::test {
namespace {

namespace fs = std::filesystem;

fs::path scratch_dir() {
  static const fs::path dir = [] {
    fs::path d = scratch_root() / "run";
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

const fs::path& scratch_root() {
  struct folder {
    fs::path path = fs::temp_directory_path() / ("rolec-tests-" + std::to_string(::getpid()));
    folder() { fs::create_directories(path); }
    ~folder() {
      std::error_code ec;
      fs::remove_all(path, ec);
    }
  };
  static const folder root;
  return root.path;
}

run_result run_shell(const std::string& command) {
  const fs::path dir = scratch_dir();
  std::ofstream(dir / "cmd.sh") << "rolec() { NO_COLOR=1 '" << ROLEC_BINARY << "' \"$@\"; }\n" << command << "\n";
  const std::string shell = "bash '" + (dir / "cmd.sh").string() + "' >'" + (dir / "out").string() + "' 2>'" +
                            (dir / "err").string() + "'";
  const int raw = std::system(shell.c_str());
  run_result r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = slurp(dir / "out");
  r.err = slurp(dir / "err");
  return r;
}

std::string temp_file(const std::string& name, const std::string& content) {
  const fs::path path = scratch_dir() / name;
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

}  // namespace rolec::test
