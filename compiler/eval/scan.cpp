#include "eval/scan.hpp"

#include <simdjson.h>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <future>
#include <optional>
#include <thread>
#include <vector>

#include "eval/json.hpp"
#include "util/file.hpp"
#include "util/parallel.hpp"
#include "util/utf8.hpp"

namespace rolec::eval {
namespace {

/// One block of whole lines and what its worker found in it.
struct block_result {
  std::size_t total = 0;
  std::size_t lines = 0;  ///< newlines in the block, to number lines across blocks
  std::string error;              ///< with a line number relative to the block
  std::size_t error_line = 0;     ///< 1-based, within the block
  std::exception_ptr failure;     ///< what the visitor threw
};

// memchr finds newlines many bytes at a time, std::count one at a time.
std::size_t count_lines(std::string_view text) {
  std::size_t lines = 0;
  const char* p = text.data();
  const char* const end = p + text.size();
  while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr) {
    ++lines;
    ++p;
  }
  return lines;
}

/// What one worker reuses from block to block: simdjson parsers are not shareable, and reusing
/// them (and the arena) keeps their buffers warm.
struct slot {
  simdjson::dom::parser parser;
  util::arena arena;
  std::vector<char> buffer;  ///< the block, followed by simdjson's padding
};

// How many lines of `text` come before the first one longer than util::max_input_bytes, if any.
std::optional<std::size_t> long_line(std::string_view text) {
  std::size_t start = 0;
  for (std::size_t lines = 0; start < text.size(); ++lines) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (end - start > util::max_input_bytes) return lines;
    start = end + 1;
  }
  return std::nullopt;
}

// simdjson's message in the house style: lowercase, no trailing period.
std::string message_of(simdjson::error_code code) {
  std::string message = simdjson::error_message(code);
  if (!message.empty()) message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
  if (!message.empty() && message.back() == '.') message.pop_back();
  return message;
}

block_result process(std::size_t size, unsigned worker, const document_visitor& visit, slot& work) {
  const std::vector<char>& buffer = work.buffer;
  simdjson::dom::parser& parser = work.parser;
  util::arena& arena = work.arena;
  block_result r;
  const std::string_view text(buffer.data(), size);
  r.lines = count_lines(text);
  if (size == 0) return r;
  const auto line_of = [&](std::size_t offset) { return 1 + count_lines(text.substr(0, offset)); };
  // simdjson checks the UTF-8 of a whole block at once, so its position says nothing: find the byte.
  const auto error_line = [&](simdjson::error_code c, std::size_t offset) {
    const std::size_t bad = c == simdjson::UTF8_ERROR ? util::find_invalid_utf8(text) : std::string_view::npos;
    return line_of(bad != std::string_view::npos ? bad : offset);
  };
  simdjson::dom::document_stream stream;
  auto code = parser.parse_many(buffer.data(), size, std::max<std::size_t>(size, 1 << 16)).get(stream);
  if (code == simdjson::SUCCESS) {
    for (auto it = stream.begin(); it != stream.end(); ++it) {
      simdjson::dom::element element;
      code = (*it).get(element);
      if (code != simdjson::SUCCESS) {
        r.error = message_of(code);
        r.error_line = error_line(code, it.current_index());
        return r;
      }
      ++r.total;
      try {
        visit.each(worker, from_json(&element), arena);
      } catch (const document_error& e) {
        r.error = e.message;
        r.error_line = line_of(it.current_index());
        return r;
      } catch (...) {
        r.failure = std::current_exception();
        return r;
      }
      arena.reset();
    }
    const std::size_t truncated = stream.truncated_bytes();
    if (truncated != 0 && text.find_first_not_of(" \t\r\n", size - truncated) != std::string_view::npos) {
      code = simdjson::TAPE_ERROR;
    }
  }
  if (code != simdjson::SUCCESS) {
    r.error = message_of(code);
    r.error_line = error_line(code, size);
  }
  return r;
}

}  // namespace

read_result for_each_document(std::FILE* input, const read_options& options, const document_visitor& visit) {
  const unsigned threads = util::thread_count(options.threads);
  read_result result;
  std::size_t lines_before = 0;
  struct in_flight {
    unsigned worker;
    std::future<block_result> outcome;
  };
  std::deque<in_flight> pending;
  // At most `threads` blocks are in flight and they finish in order, so block i can reuse the
  // slot (and the worker) of block i - threads.
  std::vector<slot> slots(threads);
  std::size_t next_slot = 0;
  bool stop = false;
  std::exception_ptr failure;

  // Results are taken in the order the blocks were read, so output keeps the input order.
  const auto collect = [&]() {
    const unsigned worker = pending.front().worker;
    block_result r = pending.front().outcome.get();
    pending.pop_front();
    if (stop) return;
    result.total += r.total;
    if (r.failure) {
      failure = r.failure;
      stop = true;
      return;
    }
    if (visit.block_done) visit.block_done(worker);
    if (!r.error.empty()) {
      result.error = fmt::format("line {}: {}", lines_before + r.error_line, r.error);
      stop = true;
    }
    lines_before += r.lines;
    if (options.progress && !stop) options.progress(result.bytes, result.total);
  };

  // A line longer than any document rolec reads (a file without newlines, /dev/zero) stops the
  // traversal, `lines` after the ones already read, rather than growing the block without end.
  const auto report_long_line = [&](std::size_t lines) {
    while (!pending.empty()) collect();
    if (!stop) {
      result.error = fmt::format("line {}: longer than {}, the most rolec reads as one document", lines_before + lines + 1,
                                 util::byte_size(util::max_input_bytes));
    }
    stop = true;
  };

  std::size_t block = options.block_bytes;
  std::vector<char> carry;  // the start of a line cut by the end of the previous block
  bool at_end = false;
  while (!at_end && !stop) {
    slot& work = slots[next_slot % threads];
    std::vector<char>& buffer = work.buffer;
    const std::size_t wanted = std::max(block, carry.size() * 2) + simdjson::SIMDJSON_PADDING;
    if (buffer.size() < wanted) buffer.resize(wanted);
    std::copy(carry.begin(), carry.end(), buffer.begin());
    std::size_t filled = carry.size();
    carry.clear();
    const std::size_t capacity = wanted - simdjson::SIMDJSON_PADDING;
    while (filled < capacity) {
      const std::size_t got = std::fread(buffer.data() + filled, 1, capacity - filled, input);
      filled += got;
      result.bytes += got;
      if (got == 0) break;
    }
    if (std::ferror(input)) {
      result.error = std::string("read error: ") + std::strerror(errno);
      break;
    }
    at_end = std::feof(input) != 0;
    std::size_t usable = filled;
    if (!at_end) {
      const void* last = memrchr(buffer.data(), '\n', filled);
      if (last == nullptr) {  // a line longer than the block: read it whole next time
        if (filled > util::max_input_bytes) {  // ... unless it is longer than any document we read
          report_long_line(0);
          break;
        }
        carry.assign(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(filled));
        block *= 2;
        continue;
      }
      usable = static_cast<std::size_t>(static_cast<const char*>(last) - buffer.data()) + 1;
      carry.assign(buffer.begin() + static_cast<std::ptrdiff_t>(usable), buffer.begin() + static_cast<std::ptrdiff_t>(filled));
    }
    if (usable > util::max_input_bytes) {  // a block grown for a long line: is one too long?
      if (const auto line = long_line(std::string_view(buffer.data(), usable))) {
        report_long_line(*line);
        break;
      }
    }
    const auto worker = static_cast<unsigned>(next_slot % threads);
    ++next_slot;
    const auto policy = threads == 1 ? std::launch::deferred : std::launch::async;
    pending.push_back({worker, std::async(policy, process, usable, worker, std::cref(visit), std::ref(work))});
    while (pending.size() >= threads) collect();
  }
  while (!pending.empty()) collect();
  if (failure) std::rethrow_exception(failure);
  return result;
}

scan_result scan_documents(std::FILE* input, const program& prog, const scan_options& options,
                           const std::function<void(std::string_view ids)>& emit) {
  struct found {
    std::size_t matched = 0;
    std::string ids;
  };
  read_options read;
  read.threads = options.threads;
  read.block_bytes = options.block_bytes;
  std::vector<found> workers(util::thread_count(options.threads));
  document_visitor visit;
  visit.each = [&](unsigned worker, const value& document, util::arena& arena) {
    if (!prog.matches(document, arena)) return;
    found& f = workers[worker];
    ++f.matched;
    if (options.collect_ids) {
      const auto id = document.get("_id");
      if (id && id->is(value_type::string)) f.ids += id->as_string();
      f.ids += '\n';
    }
  };
  scan_result result;
  visit.block_done = [&](unsigned worker) {
    found& f = workers[worker];
    result.matched += f.matched;
    f.matched = 0;
    if (!f.ids.empty()) emit(f.ids);
    f.ids.clear();
  };
  try {
    const read_result read_back = for_each_document(input, read, visit);
    result.total = read_back.total;
    result.error = read_back.error;
  } catch (const eval_error& e) {
    result.failure = e;
  }
  return result;
}

}  // namespace rolec::eval
