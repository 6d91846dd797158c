#include "support/verify.hpp"

#include <fstream>
#include <stdexcept>

namespace rolec::test {

std::vector<verify_case> read_verify_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<verify_case> cases;
  std::string mode = "query";
  std::optional<std::vector<std::string>> parameters;
  std::string line;
  std::uint32_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.rfind("##", 0) == 0) {
      if (line.rfind("## mode:", 0) == 0) mode = line.substr(line.find_first_not_of(' ', 8));
      if (line.rfind("## params:", 0) == 0) {
        parameters.emplace();
        std::string name;
        for (const char c : line.substr(10) + ",") {
          if (c == ',' || c == ' ') {
            if (!name.empty()) parameters->push_back(name);
            name.clear();
          } else {
            name += c;
          }
        }
      }
      continue;
    }
    if (line.empty()) continue;
    if (line[0] == '#') {
      if (cases.empty()) throw std::runtime_error(path + ":" + std::to_string(number) + ": marker before any case");
      const auto first = line.find('^');
      if (first == std::string::npos || first < 2) {
        throw std::runtime_error(path + ":" + std::to_string(number) + ": marker needs a caret at column 2 or later");
      }
      auto last = line.find_first_not_of("^~", first);
      const std::string rule = line.substr(line.find_first_not_of(' ', last));
      expected_finding f;
      f.rule = rule;
      f.begin = static_cast<std::uint32_t>(first - 2);
      f.end = static_cast<std::uint32_t>(last - 2);
      cases.back().expected.push_back(f);
      continue;
    }
    if (line.rfind("  ", 0) != 0) {
      throw std::runtime_error(path + ":" + std::to_string(number) + ": a case is indented by two spaces");
    }
    cases.push_back({number, mode, parameters, line.substr(2), {}});
  }
  return cases;
}

}  // namespace rolec::test
