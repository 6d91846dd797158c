// The command-line contract of `rolec groq parse` and `rolec groq eval`: output and exit codes.

#include <catch2/catch.hpp>

#include "support/run.hpp"

using rolec::test::run_shell;
using rolec::test::temp_file;

TEST_CASE("groq parse prints the canonical form and exits 0, or diagnostics and 1", "[cli]") {
  auto ok = run_shell("rolec groq parse \"_type=='post'\"");
  CHECK(ok.status == 0);
  CHECK(ok.out == "_type == \"post\"\n");
  auto bad = run_shell("rolec groq parse --mode filter -- 'author->name == 1'");
  CHECK(bad.status == 1);
  CHECK(bad.out.empty());
  CHECK(bad.err.find("error[RC202]") != std::string::npos);
}

TEST_CASE("groq parse reads standard input and takes expressions starting with -", "[cli]") {
  CHECK(run_shell("echo '1 + 1' | rolec groq parse -").out == "1 + 1\n");
  CHECK(run_shell("rolec groq parse -- '-1'").out == "-1\n");
}

TEST_CASE("groq parse --batch summarises, or prints one JSON object per line", "[cli]") {
  const auto file = temp_file("batch.jsonl", "\"a == 1\"\n\n\"a = 1\"\n");
  auto human = run_shell("rolec groq parse --batch " + file);
  CHECK(human.status == 1);
  CHECK(human.out == "parsed 2 expressions (11 bytes), 1 invalid\n");
  auto json = run_shell("rolec groq parse --format json --batch " + file);
  CHECK(json.out.rfind("{\"index\":0,\"valid\":true,\"diagnostics\":[]}\n{\"index\":1,\"valid\":false,", 0) == 0);
}

TEST_CASE("usage errors and unreadable input exit 3", "[cli]") {
  CHECK(run_shell("rolec groq parse").status == 3);
  CHECK(run_shell("rolec groq parse --mode nonsense x").status == 3);
  CHECK(run_shell("rolec groq parse --batch /nonexistent/file.jsonl").status == 3);
  CHECK(run_shell("rolec groq eval 'x' --documents /nonexistent.ndjson").status == 3);
  CHECK(run_shell("rolec frobnicate").status == 3);
}

TEST_CASE("groq eval prints the result as JSON", "[cli]") {
  CHECK(run_shell("rolec groq eval '[1, 2][1] + 1'").out == "3\n");
  CHECK(run_shell("rolec groq eval --identity u1 'identity()'").out == "\"u1\"\n");
  CHECK(run_shell("rolec groq eval --now 2026-01-02T03:04:05Z 'now()'").out == "\"2026-01-02T03:04:05.000Z\"\n");
  // now() is a string, compared as text: with groq-js's milliseconds, a date stored with them
  // half a second later is not before it (as "...05Z" would have made it).
  CHECK(run_shell("rolec groq eval --now 2026-01-02T03:04:05Z '\"2026-01-02T03:04:05.500Z\" < now()'").out == "false\n");
  CHECK(run_shell("rolec groq eval --params '{\"n\": 2}' '$n * 2'").out == "4\n");
  const auto doc = temp_file("doc.json", R"({"_type": "post", "tags": ["a"]})");
  CHECK(run_shell("rolec groq eval --document " + doc + " '\"a\" in tags'").out == "true\n");
}

TEST_CASE("groq eval --documents prints the ids of exact matches in input order", "[cli]") {
  const auto docs = temp_file("docs.ndjson",
                              "{\"_id\": \"b\", \"n\": 1}\n{\"_id\": \"a\", \"n\": 2}\n\n{\"_id\": \"c\", \"n\": \"1\"}\n"
                              "{\"_id\": \"d\"}\n");
  auto ids = run_shell("rolec groq eval 'n >= 1' --documents " + docs);
  CHECK(ids.status == 0);
  CHECK(ids.out == "b\na\n");  // "1" >= 1 and null >= 1 are null: no grant
  CHECK(run_shell("rolec groq eval 'n >= 1' --count --documents " + docs).out == "matched 2 of 4\n");
  const auto broken = temp_file("broken.ndjson", "{\"_id\": \"a\"}\n{\"_id\": }\n");
  auto error = run_shell("rolec groq eval 'true' --documents " + broken);
  CHECK(error.status == 3);
  CHECK(error.err.find("line 2") != std::string::npos);
}

TEST_CASE("groq eval --mode filter applies the permission-filter rules", "[cli]") {
  auto r = run_shell("rolec groq eval --mode filter 'count(*) > 0'");
  CHECK(r.status == 1);
  CHECK(r.err.find("error[RC201]") != std::string::npos);
}

TEST_CASE("groq eval --batch prints a result or an error per line", "[cli]") {
  const auto file = temp_file("eval.jsonl", "{\"query\": \"1 + $x\", \"params\": {\"x\": 2}}\n{\"query\": \"$y\"}\n");
  auto r = run_shell("rolec groq eval --batch " + file);
  CHECK(r.out == "{\"index\":0,\"result\":3}\n{\"index\":1,\"error\":\"the parameter `$y` is not defined\"}\n");
  CHECK(r.status == 1);
}
