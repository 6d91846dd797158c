#pragma once
/// `rolec groq parse`: check GROQ expressions and print their canonical form or AST.

#include <optional>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "groq/analyze.hpp"

namespace rolec::cli {

/// Options of `rolec groq parse`.
struct groq_parse_options {
  groq::mode mode = groq::mode::query;
  bool print_ast = false;  ///< `--print ast` (default: canonical text)
  format output = format::human;
  std::string expression;  ///< the expression, or `-` for standard input
  std::string batch_file;  ///< `--batch FILE.jsonl`: one JSON string per line
  unsigned threads = 0;    ///< with --batch: worker threads (0: one per core)
  std::optional<std::vector<std::string>> parameters;  ///< names from `--params`
};

/// Runs the command; returns the process exit code.
[[nodiscard]] int run_groq_parse(const groq_parse_options& options);

}  // namespace rolec::cli
