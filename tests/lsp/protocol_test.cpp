// The protocol's framing, positions and URIs.

#include <catch2/catch.hpp>

#include <string>

#include "lsp/jsonrpc.hpp"
#include "lsp/text.hpp"
#include "lsp/uri.hpp"

using namespace rolec::lsp;

TEST_CASE("frames are read whole, however the bytes arrive", "[lsp][jsonrpc]") {
  const std::string stream = "Content-Length: 2\r\n\r\n{}Content-Type: x\r\ncontent-length:  7 \r\n\r\n[1,2,3]";
  for (std::size_t step : {std::size_t{1}, std::size_t{3}, stream.size()}) {
    message_reader reader;
    std::vector<std::string> bodies;
    for (std::size_t i = 0; i < stream.size(); i += step) {
      reader.feed(std::string_view(stream).substr(i, step));
      while (auto f = reader.take()) {
        REQUIRE(f->error.empty());
        bodies.push_back(f->body);
      }
    }
    CHECK(bodies == std::vector<std::string>{"{}", "[1,2,3]"});
    CHECK(reader.idle());
  }
}

TEST_CASE("a frame without a usable length is reported and skipped", "[lsp][jsonrpc]") {
  message_reader reader;
  reader.feed("X-Other: 1\r\n\r\nContent-Length: x1\r\n\r\nno colon\r\nContent-Length: 2\r\n\r\n{}");
  auto f = reader.take();
  REQUIRE(f);
  CHECK(f->error == "a message without `Content-Length`");
  f = reader.take();
  REQUIRE(f);
  CHECK(f->error == "`Content-Length` is not a number: `x1`");
  // A malformed line beside a good length: the length counts.
  f = reader.take();
  REQUIRE(f);
  CHECK(f->error.empty());
  CHECK(f->body == "{}");
}

TEST_CASE("a body over the limit is skipped, and the next frame is read", "[lsp][jsonrpc]") {
  message_reader reader;
  const std::size_t big = max_message_bytes + 10;
  reader.feed("Content-Length: " + std::to_string(big) + "\r\n\r\nabc");
  auto f = reader.take();
  REQUIRE(f);
  CHECK(f->error.find("over the limit") != std::string::npos);
  CHECK_FALSE(reader.take());
  const std::string chunk(1 << 20, 'x');
  std::size_t left = big - 3;
  while (left > 0) {
    const std::size_t n = std::min(left, chunk.size());
    reader.feed(std::string_view(chunk).substr(0, n));
    left -= n;
  }
  reader.feed("Content-Length: 2\r\n\r\n{}");
  f = reader.take();
  REQUIRE(f);
  CHECK(f->body == "{}");
}

TEST_CASE("headers without a blank line in 64 KiB are not headers", "[lsp][jsonrpc]") {
  message_reader reader;
  reader.feed(std::string(70 * 1024, 'a') + "\n");
  const auto f = reader.take();
  REQUIRE(f);
  CHECK(f->error == "the message headers are longer than 64 KiB");
  CHECK(reader.idle());
}

TEST_CASE("positions count UTF-16 code units or bytes", "[lsp][text]") {
  const std::string text = "a📰b\r\nü\n\nlast";
  const line_index lines(text);
  // 📰 is two UTF-16 units and four bytes.
  CHECK(lines.offset_of(text, {0, 3}, encoding::utf16) == 5);
  CHECK(lines.offset_of(text, {0, 5}, encoding::utf8) == 5);
  CHECK(lines.offset_of(text, {0, 2}, encoding::utf16) == 1);  // inside the pair: the character's start
  CHECK(lines.offset_of(text, {0, 99}, encoding::utf16) == 6);  // past the line: its end, before CR LF
  CHECK(lines.offset_of(text, {1, 1}, encoding::utf16) == 10);
  CHECK(lines.offset_of(text, {9, 0}, encoding::utf16) == text.size());
  CHECK(lines.position_of(text, 5, encoding::utf16).character == 3);
  CHECK(lines.position_of(text, 5, encoding::utf8).character == 5);
  CHECK(lines.position_of(text, 10, encoding::utf16).line == 1);
  CHECK(lines.position_of(text, 13, encoding::utf16).line == 3);
  CHECK(lines.position_of(text, 999, encoding::utf16).character == 4);
}

TEST_CASE("changes replace a range, or the whole text", "[lsp][text]") {
  std::string text = "one\ntwo📰\nthree";
  apply_change(text, range{{1, 3}, {1, 5}}, "!", encoding::utf16);
  CHECK(text == "one\ntwo!\nthree");
  apply_change(text, range{{0, 3}, {1, 0}}, "", encoding::utf16);
  CHECK(text == "onetwo!\nthree");
  apply_change(text, std::nullopt, "new", encoding::utf8);
  CHECK(text == "new");
  // A range given end first is read start first.
  apply_change(text, range{{0, 3}, {0, 1}}, "-", encoding::utf8);
  CHECK(text == "n-");
}

TEST_CASE("file URIs and paths", "[lsp][uri]") {
  CHECK(path_of_uri("file:///a/b%20c/%C3%BC.toml") == "/a/b c/ü.toml");
  CHECK(path_of_uri("file://localhost/a/./b/../c.toml") == "/a/c.toml");
  CHECK(path_of_uri("file:///a.toml?x#y") == "/a.toml");
  CHECK_FALSE(path_of_uri("https://example.com/a.toml"));
  CHECK_FALSE(path_of_uri("file://host/a.toml"));
  CHECK_FALSE(path_of_uri("file:///a%00b"));
  CHECK(uri_of_path("/a/b c/ü#1.toml") == "file:///a/b%20c/%C3%BC%231.toml");
  CHECK(path_of_uri(uri_of_path("/a/b c/ü#1.toml")) == "/a/b c/ü#1.toml");
}

TEST_CASE("after a frame without a usable length, its body is dropped and the next frame read", "[lsp][jsonrpc]") {
  message_reader reader;
  reader.feed("Content-Type: x\r\n\r\n{\"id\": 1, \"method\": \"a\"}Content-Length: 2\r\n\r\n{}");
  auto f = reader.take();
  REQUIRE(f);
  CHECK(f->error == "a message without `Content-Length`");
  f = reader.take();
  REQUIRE(f);
  CHECK(f->error.empty());
  CHECK(f->body == "{}");
  CHECK(reader.idle());
  // The next header may arrive later than the lost body.
  reader.feed("Content-Length: x\r\n\r\nlost body ");
  CHECK(reader.take());
  CHECK_FALSE(reader.take());
  reader.feed("and more\r\nCONTENT-LENGTH: 1\r\n\r\n7");
  f = reader.take();
  REQUIRE(f);
  CHECK(f->body == "7");
}
