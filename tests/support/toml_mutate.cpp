#include "support/toml_mutate.hpp"

#include <random>
#include <vector>

#include "format/cst.hpp"
#include "format/parse.hpp"

namespace rolec::test {
namespace {

using format::kind;
using format::node;

class mutator {
 public:
  explicit mutator(std::uint32_t seed) : rng_(seed) {}

  std::string run(const node& root) {
    emit(root, false);
    return std::move(out_);
  }

 private:
  // A portable draw: std::uniform_int_distribution differs between standard libraries.
  unsigned pick(unsigned n) { return static_cast<unsigned>(rng_() % n); }

  // White space between two tokens; line breaks only where the grammar allows them (arrays).
  void gap(bool newlines) {
    static const char* const blanks[] = {"", " ", "  ", "\t", " "};
    static const char* const breaking[] = {"\n", "\n  ", "\n\n", " \n    "};
    out_ += newlines && pick(4) == 0 ? breaking[pick(4)] : blanks[pick(5)];
  }

  void emit(const node& n, bool in_array) {
    switch (n.kind) {
      case kind::whitespace: gap(in_array); return;
      case kind::newline:
        out_ += n.text;
        if (!in_array && pick(6) == 0) out_ += n.text;  // a blank line
        if (pick(5) == 0) out_ += pick(2) == 0 ? " " : "\t";  // indentation
        return;
      case kind::array: emit_array(n); return;
      case kind::keyval:
      case kind::key:
      case kind::std_table:
      case kind::array_table:
      case kind::inline_table: emit_spaced(n, n.kind == kind::inline_table ? false : in_array); return;
      case kind::document:
        for (const node& child : n.children) emit(child, false);
        return;
      default: out_ += n.text; return;
    }
  }

  // A composite whose tokens may take white space between them.
  void emit_spaced(const node& n, bool newlines) {
    for (std::size_t i = 0; i < n.children.size(); ++i) {
      const node& child = n.children[i];
      emit(child, newlines && child.kind != kind::whitespace);
      if (i + 1 < n.children.size() && child.kind != kind::whitespace && n.children[i + 1].kind != kind::whitespace &&
          pick(3) == 0) {
        gap(false);
      }
    }
  }

  // Arrays: breaks anywhere between tokens, commas moved to the next line, a trailing comma added
  // or dropped.
  void emit_array(const node& a) {
    std::size_t last_value = 0, trailing_comma = 0;
    for (std::size_t i = 0; i < a.children.size(); ++i) {
      if (format::is_value(a.children[i].kind)) last_value = i;
    }
    for (std::size_t i = last_value + 1; i < a.children.size(); ++i) {
      if (a.children[i].text == ",") trailing_comma = i;
    }
    const bool drop_trailing = trailing_comma != 0 && pick(2) == 0;
    for (std::size_t i = 0; i < a.children.size(); ++i) {
      const node& child = a.children[i];
      if (i == trailing_comma && drop_trailing) continue;
      if (child.kind == kind::punctuation && child.text == "," && pick(4) == 0) out_ += "\n";
      if (child.kind == kind::whitespace) {
        gap(true);
      } else {
        emit(child, true);
      }
      if (child.kind == kind::comment) continue;  // its line break follows
      if (i == last_value && last_value != 0 && trailing_comma == 0 && pick(3) == 0) out_ += ",";
      if (child.kind != kind::newline && i + 1 < a.children.size() && pick(3) == 0) gap(true);
    }
  }

  std::mt19937 rng_;
  std::string out_;
};

}  // namespace

std::string mutate_toml(std::string_view text, std::uint32_t seed) {
  const format::parse_result parsed = format::parse(text);
  if (parsed.error) return std::string(text);
  return mutator(seed).run(parsed.root);
}

}  // namespace rolec::test
