// The server without a process: messages in, messages out. Incremental state must give what a
// fresh start gives, and no sequence of edits and requests may make it fail.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "lsp/server.hpp"
#include "lsp/text.hpp"
#include "lsp/uri.hpp"
#include "support/run.hpp"

namespace fs = std::filesystem;
using json = nlohmann::json;
using rolec::lsp::server;

namespace {

// A copy of an example policy in a folder of its own.
fs::path copy_example(const std::string& name, const std::string& as) {
  const fs::path to = rolec::test::scratch_root() / as;
  fs::remove_all(to);
  fs::copy(fs::path(ROLEC_SOURCE_DIR) / "examples" / name, to, fs::copy_options::recursive);
  return to;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct client {
  server s;
  int next_id = 1;
  std::vector<json> published;  // every publication, in order

  explicit client(rolec::lsp::analysis_mode mode) : s({{}, "https://rolec.example/docs/rules/", mode}) {}

  std::vector<json> send(json message) {
    message["jsonrpc"] = "2.0";
    std::vector<json> out = s.handle(message.dump());
    for (const json& m : out) {
      if (m.value("method", "") == "textDocument/publishDiagnostics") published.push_back(m["params"]);
    }
    return out;
  }
  json request(const std::string& method, json params) {
    const int id = next_id++;
    for (json& m : send({{"id", id}, {"method", method}, {"params", std::move(params)}})) {
      if (m.contains("id") && m["id"] == id) return m;
    }
    FAIL("no response to " << method);
    return nullptr;
  }
  void notify(const std::string& method, json params) { send({{"method", method}, {"params", std::move(params)}}); }
  // The diagnostics last published for `uri`.
  json last(const std::string& uri) const {
    for (auto it = published.rbegin(); it != published.rend(); ++it) {
      if ((*it)["uri"] == uri) return (*it)["diagnostics"];
    }
    return json::array();
  }
};

void start(client& c, const fs::path& root) {
  c.request("initialize", {{"rootUri", rolec::lsp::uri_of_path(root.string())}, {"capabilities", json::object()}});
  c.notify("initialized", json::object());
}

// A random edit of a policy file in the protocol's terms: a range (clamped by the server) and text.
json random_change(std::mt19937& random) {
  static const std::vector<std::string> pieces{"\"", "'", "[", "]", "{", "}", "=", ",", "\n", "#", "x", "posts",
                                               "📰", " ", "roles.", "actions", "'''", "\\"};
  const auto line = static_cast<int>(random() % 40);
  const auto character = static_cast<int>(random() % 50);
  const int length = static_cast<int>(random() % 3);
  const std::string insert = random() % 3 == 0 ? std::string() : pieces[random() % pieces.size()];
  return {{"range", {{"start", {{"line", line}, {"character", character}}}, {"end", {{"line", line}, {"character", character + length}}}}},
          {"text", insert}};
}

}  // namespace

TEST_CASE("after any edits, the findings are those of a fresh start on the same texts", "[lsp][server]") {
  const fs::path root = copy_example("multi-team", "lsp-incremental");
  const std::string uri = rolec::lsp::uri_of_path((root / "roles.toml").string());
  const std::string other = rolec::lsp::uri_of_path((root / "permissions.toml").string());
  std::string text = read(root / "roles.toml");
  client edited(rolec::lsp::analysis_mode::inline_);
  start(edited, root);
  edited.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"version", 1}, {"text", text}}}});
  std::mt19937 random(20261207);
  for (int version = 2; version < 80; ++version) {
    const json change = random_change(random);
    const json& r = change["range"];
    rolec::lsp::apply_change(text,
                             rolec::lsp::range{{r["start"]["line"], r["start"]["character"]}, {r["end"]["line"], r["end"]["character"]}},
                             change["text"].get<std::string>(), rolec::lsp::encoding::utf16);
    edited.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", version}}}, {"contentChanges", {change}}});
    if (version % 20 != 0) continue;
    client fresh(rolec::lsp::analysis_mode::inline_);
    start(fresh, root);
    fresh.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"version", version}, {"text", text}}}});
    INFO("after " << version - 1 << " edits the text is:\n" << text);
    CHECK(edited.last(uri) == fresh.last(uri));
    CHECK(edited.last(other) == fresh.last(other));
  }
}

TEST_CASE("no edit and no request at any place makes the server fail", "[lsp][server]") {
  const fs::path root = copy_example("agency", "lsp-robust");
  client c(rolec::lsp::analysis_mode::off);
  start(c, root);
  const std::string uri = rolec::lsp::uri_of_path((root / "roles.toml").string());
  c.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"version", 1}, {"text", read(root / "roles.toml")}}}});
  std::mt19937 random(7);
  const std::vector<std::string> methods{"textDocument/completion", "textDocument/hover", "textDocument/definition",
                                         "textDocument/codeAction", "textDocument/documentSymbol", "textDocument/formatting"};
  std::size_t answered = 0;
  for (int version = 2; version < 300; ++version) {
    c.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", version}}}, {"contentChanges", {random_change(random)}}});
    for (const std::string& method : methods) {
      const json at = {{"line", random() % 60}, {"character", random() % 80}};
      const json response = c.request(method, {{"textDocument", {{"uri", uri}}}, {"position", at},
                                               {"range", {{"start", at}, {"end", at}}}, {"context", {{"diagnostics", json::array()}}},
                                               {"options", json::object()}});
      INFO(method << " at " << at.dump() << " answered " << response.dump());
      CHECK(response.contains("result"));
      answered += response.contains("result") ? 1 : 0;
    }
  }
  CHECK(answered == 298 * methods.size());
}

TEST_CASE("a file that leaves the folder has its findings cleared", "[lsp][server]") {
  const fs::path root = rolec::test::scratch_root() / "lsp-closed";
  fs::remove_all(root);
  fs::create_directories(root);
  const std::string uri = rolec::lsp::uri_of_path((root / "unsaved.toml").string());
  client c(rolec::lsp::analysis_mode::off);
  start(c, root);
  c.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"version", 1}, {"text", "[roles.x]\ntitle = 1\n"}}}});
  CHECK_FALSE(c.last(uri).empty());
  c.notify("textDocument/didClose", {{"textDocument", {{"uri", uri}}}});
  CHECK(c.last(uri).empty());
}
