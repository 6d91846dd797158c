#pragma once
/// Evaluating one prepared query over a stream of JSON documents (NDJSON), using every core.

#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "eval/eval.hpp"

namespace rolec::eval {

/// What a scan found.
struct scan_result {
  std::size_t total = 0;    ///< documents read
  std::size_t matched = 0;  ///< documents for which the query is exactly true
  std::string error;        ///< `line N: ...` when the input is not JSON; empty otherwise
  std::optional<eval_error> failure;  ///< an evaluation error (the scan stops at the first)
};

/// Options of a scan.
struct scan_options {
  unsigned threads = 0;       ///< 0: one per core
  bool collect_ids = true;    ///< pass the `_id`s of matching documents to `emit`
  std::size_t block_bytes = std::size_t(4) << 20;
};

/// Reads NDJSON from `input` in blocks, evaluates `prog` on every document (blocks are spread over
/// threads, each with its own parser and arena), and calls `emit` with the `_id`s of matching
/// documents, one per line, in input order. Stops at the first input or evaluation error.
scan_result scan_documents(std::FILE* input, const program& prog, const scan_options& options,
                           const std::function<void(std::string_view ids)>& emit);

}  // namespace rolec::eval
