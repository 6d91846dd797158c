// Scanning NDJSON in blocks over several threads gives the single-threaded answer, in order.

#include <catch2/catch.hpp>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "eval/scan.hpp"
#include "groq/analyze.hpp"

namespace {

using namespace rolec;

struct outcome {
  eval::scan_result result;
  std::string ids;
};

outcome scan(const std::string& ndjson, unsigned threads, std::size_t block) {
  std::FILE* input = std::tmpfile();
  std::fwrite(ndjson.data(), 1, ndjson.size(), input);
  std::rewind(input);
  static const std::string filter = "n % 3 == 0";
  static const auto parsed = groq::analyze(filter);
  static const eval::environment env;
  static const eval::program program(parsed, env);
  eval::scan_options options;
  options.threads = threads;
  options.block_bytes = block;
  outcome o;
  o.result = eval::scan_documents(input, program, options, [&](std::string_view ids) { o.ids += ids; });
  std::fclose(input);
  return o;
}

std::string documents(int count) {
  std::string text;
  for (int i = 0; i < count; ++i) text += "{\"_id\": \"d" + std::to_string(i) + "\", \"n\": " + std::to_string(i) + "}\n";
  return text;
}

}  // namespace

TEST_CASE("a scan finds the same documents in input order, whatever the block size and threads", "[eval][scan]") {
  const std::string input = documents(1000);
  const outcome reference = scan(input, 1, std::size_t(4) << 20);
  CHECK(reference.result.total == 1000);
  CHECK(reference.result.matched == 334);
  CHECK(reference.ids.rfind("d0\nd3\nd6\n", 0) == 0);
  for (unsigned threads : {1u, 2u, 3u}) {
    for (std::size_t block : {std::size_t(64), std::size_t(300), std::size_t(4096)}) {
      INFO("threads " << threads << ", block " << block);
      const outcome o = scan(input, threads, block);
      CHECK(o.result.error.empty());
      CHECK(o.result.total == 1000);
      CHECK(o.ids == reference.ids);
    }
  }
}

TEST_CASE("a scan reports the line of the first text that is not JSON", "[eval][scan]") {
  std::string input = documents(500);
  input += "{\"_id\": \"broken\", \"n\": }\n";
  input += documents(10);
  for (std::size_t block : {std::size_t(100), std::size_t(1) << 20}) {
    const outcome o = scan(input, 2, block);
    INFO("block " << block);
    CHECK(o.result.error.rfind("line 501: ", 0) == 0);
  }
}

TEST_CASE("blank lines are skipped and a line longer than a block is read whole", "[eval][scan]") {
  const std::string long_value(5000, 'x');
  const std::string input = "\n{\"_id\": \"a\", \"n\": 3, \"pad\": \"" + long_value + "\"}\n\n{\"_id\": \"b\", \"n\": 6}\n";
  const outcome o = scan(input, 2, 128);
  CHECK(o.result.error.empty());
  CHECK(o.result.total == 2);
  CHECK(o.ids == "a\nb\n");
}

TEST_CASE("a traversal visits every document once, with per-worker state, and reports progress", "[eval][scan]") {
  const std::string input = documents(1000);
  for (unsigned threads : {1u, 3u}) {
    INFO("threads " << threads);
    std::FILE* file = std::tmpfile();
    std::fwrite(input.data(), 1, input.size(), file);
    std::rewind(file);
    std::vector<double> sums(threads);  // per worker: no lock
    std::vector<double> folded(threads);
    double total = 0;
    std::uint64_t last_bytes = 0, last_documents = 0;
    eval::read_options options;
    options.threads = threads;
    options.block_bytes = 500;
    options.progress = [&](std::uint64_t bytes, std::uint64_t docs) {
      CHECK(bytes >= last_bytes);
      CHECK(docs >= last_documents);
      last_bytes = bytes;
      last_documents = docs;
    };
    eval::document_visitor visit;
    visit.each = [&](unsigned worker, const eval::value& doc, util::arena&) { sums.at(worker) += doc.get("n")->as_number(); };
    visit.block_done = [&](unsigned worker) {
      total += sums[worker];
      folded[worker] += sums[worker];
      sums[worker] = 0;
    };
    const eval::read_result r = eval::for_each_document(file, options, visit);
    std::fclose(file);
    CHECK(r.error.empty());
    CHECK(r.total == 1000);
    CHECK(r.bytes == input.size());
    CHECK(total == 999.0 * 1000 / 2);
    CHECK(last_documents == 1000);
    if (threads > 1) CHECK(folded[1] > 0);  // blocks went to more than one worker
  }
}

TEST_CASE("an exception thrown while visiting stops the traversal and reaches the caller", "[eval][scan]") {
  const std::string input = documents(1000);
  std::FILE* file = std::tmpfile();
  std::fwrite(input.data(), 1, input.size(), file);
  std::rewind(file);
  eval::read_options options;
  options.threads = 2;
  options.block_bytes = 300;
  eval::document_visitor visit;
  visit.each = [](unsigned, const eval::value& doc, util::arena&) {
    if (doc.get("n")->as_number() == 500) throw std::runtime_error("stop at 500");
  };
  CHECK_THROWS_WITH(eval::for_each_document(file, options, visit), "stop at 500");
  std::fclose(file);
}
