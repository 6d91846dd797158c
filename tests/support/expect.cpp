#include "support/expect.hpp"

#include <regex>
#include <sstream>
#include <stdexcept>

namespace rolec::test {

std::vector<expectation> parse_expectations(const std::string& file, const std::string& text) {
  static const std::regex comment(R"(#\s*expect(\[([+-]\d+)\])?:\s*(.*)$)");
  static const std::regex item(R"(^\s*(RC\d{3})(:(\d+))?\s*$)");
  std::vector<expectation> found;
  std::istringstream in(text);
  std::string line;
  std::uint32_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::smatch m;
    if (!std::regex_search(line, m, comment)) continue;
    const auto where = [&] { return file + ":" + std::to_string(number) + ": "; };
    const long target = static_cast<long>(number) + (m[2].matched ? std::stol(m[2].str()) : 0);
    if (target < 1) throw std::runtime_error(where() + "expectation points before the first line");
    std::istringstream list(m[3].str());
    std::string entry;
    bool any = false;
    while (std::getline(list, entry, ',')) {
      std::smatch e;
      if (!std::regex_match(entry, e, item)) throw std::runtime_error(where() + "cannot read expectation `" + entry + "`");
      found.push_back({file, static_cast<std::uint32_t>(target),
                       e[3].matched ? static_cast<std::uint32_t>(std::stoul(e[3].str())) : 0u, e[1].str()});
      any = true;
    }
    if (!any) throw std::runtime_error(where() + "`# expect:` names no rule");
  }
  return found;
}

}  // namespace rolec::test
