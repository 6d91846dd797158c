#pragma once
/// `rolec groq eval`: evaluate a GROQ expression against nothing, a document, or many.

#include <optional>
#include <string>

#include "cli/common.hpp"
#include "groq/analyze.hpp"

namespace rolec::cli {

/// Options of `rolec groq eval`.
struct groq_eval_options {
  std::string expression;                 ///< the expression, or `-` for standard input
  groq::mode mode = groq::mode::query;    ///< `filter`: apply the permission-filter rules first
  std::optional<std::string> params;      ///< `--params JSON`
  std::optional<std::string> document;    ///< `--document FILE`: `@`
  std::optional<std::string> documents;   ///< `--documents FILE.ndjson`: print matching `_id`s
  std::string batch_file;                 ///< `--batch FILE.jsonl`: `{"query", "params"}` per line
  std::string identity;                   ///< `identity()`
  std::optional<std::string> now;         ///< `now()`, RFC 3339; default: the current time
  bool count = false;                     ///< with --documents: print `matched N of M`
  unsigned threads = 0;                   ///< with --documents: worker threads (0: one per core)
};

/// Runs the command; returns the process exit code.
[[nodiscard]] int run_groq_eval(const groq_eval_options& options);

}  // namespace rolec::cli
