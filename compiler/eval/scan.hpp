#pragma once
/// Reading a stream of JSON documents (NDJSON) on every core: a generic traversal, and on top of
/// it the evaluation of one prepared query over every document.

#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "eval/eval.hpp"

namespace rolec::eval {

/// Options of a traversal.
struct read_options {
  unsigned threads = 0;  ///< 0: one per core
  std::size_t block_bytes = std::size_t(4) << 20;
  /// Called on the reading thread after each block, in input order, with the bytes and the
  /// documents read so far (optional).
  std::function<void(std::uint64_t bytes, std::uint64_t documents)> progress;
};

/// What a traversal read.
struct read_result {
  std::size_t total = 0;  ///< documents read
  std::uint64_t bytes = 0;
  std::string error;      ///< `line N: ...` when the input is not JSON, or a read error; empty otherwise
};

/// Thrown by a visitor for a line it cannot take (not a document, say): the traversal stops with
/// `line N: message` as its error, as for a line that is not JSON.
struct document_error {
  std::string message;
};

/// The work a traversal does. `worker` (below util::thread_count(options.threads)) names the
/// state a call may use: documents of one block go to one worker, and no two blocks in flight
/// share a worker, so per-worker state needs no lock.
struct document_visitor {
  /// Called for every document, on a worker thread, with an arena that is reset after the call.
  /// An exception stops the traversal and is rethrown by for_each_document once every thread has
  /// stopped.
  std::function<void(unsigned worker, const value& document, util::arena& arena)> each;
  /// Called on the reading thread when a block has been visited, in input order (optional).
  std::function<void(unsigned worker)> block_done;
};

/// Reads NDJSON from `input` in blocks and calls `visit` for every document (blocks are spread
/// over threads, each with its own parser and arena). Blank lines are skipped. Stops at the first
/// text that is not JSON; memory does not grow with the number of documents.
read_result for_each_document(std::FILE* input, const read_options& options, const document_visitor& visit);

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

/// Evaluates `prog` on every document of `input` (see for_each_document), and calls `emit` with
/// the `_id`s of matching documents, one per line, in input order. Stops at the first input or
/// evaluation error.
scan_result scan_documents(std::FILE* input, const program& prog, const scan_options& options,
                           const std::function<void(std::string_view ids)>& emit);

}  // namespace rolec::eval
