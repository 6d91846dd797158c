#include "format/corpus.hpp"

#include <algorithm>
#include <filesystem>

namespace rolec::test {

std::vector<std::string> policy_corpus() {
  std::vector<std::string> files;
  for (const char* dir : {"/examples", "/tests/lint/cases", "/tests/golden"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(ROLEC_SOURCE_DIR) + dir)) {
      if (entry.is_regular_file() && entry.path().extension() == ".toml") files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

const std::vector<std::string>& awkward_inputs() {
  static const std::vector<std::string> inputs{
      // the four strings, multi-line ones with quotes and escapes inside
      "a = \"x \\\" y \\\\ \\u00e9\"\nb = 'C:\\path'\n",
      "s = \"\"\"\nline \"one\" \"\"two\"\"\n  trailing  \t\n\\\n  joined\"\"\"\n",
      "s = \"\"\"a\"\"\"\"\"\nt = '''b'''''\nu = \"\"\"\"\"\"\n",
      "l = '''\n  no \\escapes 'here' ''\n'''  # after\n",
      // keys: bare, quoted, dotted with spaces, numbers and dashes
      "\"quoted key\" = 1\n'lit.key' = 2\na . \"b c\" .d = 3\n-_- = 4\n1234 = 5\n",
      "[ a . \"b\" ]\n[[ c.d ]]\n[[c.d]]\n",
      // CRLF line endings, kept
      "[a]\r\nx = 1\r\ny = [\r\n  1, # one\r\n  2,\r\n]\r\n",
      // comments everywhere
      "# top\n\n# above\n[t] # header\nk = 1 # value\n# between\narr = [ # open\n  1, # one\n  # alone\n  2 # two\n  , 3\n] # close\n# end",
      // empty and nested arrays, inline tables
      "e = []\nf = [ ]\ng = {}\nh = { }\nn = [[1, 2], [3, [4, []]]]\ni = { a = { b = [1, { c = 2 }] } }\n",
      "m = [\n  [\n    1, # inner\n  ],\n]\nt = { a = [\n  # in an inline table\n  1,\n] }\n",
      // numbers, booleans, dates and times as written
      "i = [+1, -0, 0xDEAD_beef, 0o17, 0b1010, 1_000]\n",
      "f = [3.14, -1e10, 6.626E-34, 1_2.3_4, inf, -inf, +nan]\nb = [true, false]\n",
      "d = [1979-05-27T07:32:00Z, 1979-05-27 07:32:00.999-07:00, 1979-05-27T00:32:00, 1979-05-27, 07:32:00, "
      "00:32:00.999999]\n",
      // unicode in strings, keys and comments
      "\"clé\" = \"été ☀\"  # ✓ ünïcödé\nemoji = '😀'\n",
      // a byte order mark, tabs, no newline at the end
      "\xEF\xBB\xBFx\t=\t1",
      // blank lines in excess, indentation, trailing white space
      "\n\n\n  a = 1   \n\n\n\n\t[b]   \n  c = 2\t\n\n\n",
      // an empty file, a file of comments
      "",
      "# only\n# comments\n",
  };
  return inputs;
}

}  // namespace rolec::test
