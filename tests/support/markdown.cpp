#include "support/markdown.hpp"

#include <fstream>
#include <regex>
#include <sstream>

namespace rolec::test {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::pair<std::string, std::string>> fenced_blocks(const std::string& page) {
  std::vector<std::pair<std::string, std::string>> blocks;
  static const std::regex block("```(\\w+)\\n([\\s\\S]*?)\\n```");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), block); it != std::sregex_iterator(); ++it) {
    blocks.emplace_back((*it)[1], (*it)[2]);
  }
  return blocks;
}

std::vector<std::string> fenced_blocks(const std::string& page, const std::string& language) {
  std::vector<std::string> bodies;
  for (auto& [lang, body] : fenced_blocks(page)) {
    if (lang == language) bodies.push_back(std::move(body));
  }
  return bodies;
}

}  // namespace rolec::test
