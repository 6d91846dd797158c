// The protocol: lifecycle (initialize, shutdown, exit), documents (open, change, close, save),
// publication of findings, and the requests of lsp/features.hpp. Every request is answered, with
// a protocol error when it cannot be; nothing a client sends ends the server but `exit`.

#include "lsp/server.hpp"

#include <fmt/format.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <map>
#include <optional>

#include "lsp/convert.hpp"
#include "lsp/features.hpp"
#include "lsp/folder.hpp"
#include "lsp/jsonrpc.hpp"
#include "lsp/uri.hpp"
#include "lsp/worker.hpp"
#include "util/json_text.hpp"
#include "util/version.hpp"

namespace rolec::lsp {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// A request the server cannot answer as asked: its code and message go back to the client.
struct request_error {
  int code;
  std::string message;
};

// The rules whose findings only the analysis makes: kept from its last run, for the files that
// have not changed since, while a new run is under way (so that they do not blink at each key).
bool analysis_only(diag::rule r) {
  return r == diag::rule::implied_grant || r == diag::rule::update_without_publish || r == diag::rule::identical_roles;
}

// A policy folder and what the server last told the client about it.
struct folder_state {
  std::unique_ptr<policy_folder> folder;
  std::vector<diag::diagnostic> findings;   // as last published: code actions read these
  std::map<std::string, std::string> sent;  // path -> the diagnostics last published for it
  std::vector<diag::diagnostic> analysed;   // the last analysis's findings
  std::map<std::string, std::string> analysed_texts;  // path -> its text when that analysis ran
};

}  // namespace

struct server::state {
  server_options options;
  bool initialized = false;
  bool shut_down = false;
  bool exited = false;
  encoding enc = encoding::utf16;
  std::vector<std::string> policy_roots;    // `initializationOptions.policies`, absolute
  std::vector<folder_state> folders;
  std::unique_ptr<analysis_worker> worker;
  bool watch = false;  // the client lets the server register file watchers

  // --- folders --------------------------------------------------------------------------------

  folder_state* holding(const std::string& path) {
    folder_state* best = nullptr;
    for (folder_state& f : folders) {
      if (f.folder->holds(path) && (best == nullptr || f.folder->root().size() > best->folder->root().size())) best = &f;
    }
    return best;
  }

  // The folder of `path`: the configured or already open one that holds it, else its own folder.
  folder_state& folder_for(const std::string& path) {
    for (const std::string& configured : policy_roots) {
      if (path.starts_with(configured + "/") && holding(path) == nullptr) add_folder(configured, true);
    }
    if (folder_state* f = holding(path)) return *f;
    return add_folder(fs::path(path).parent_path().string(), false);
  }

  folder_state& add_folder(const std::string& folder_root, bool recursive) {
    folders.emplace_back().folder = std::make_unique<policy_folder>(folder_root, recursive);
    return folders.back();
  }

  view view_of(const folder_state& f) const { return view{*f.folder, enc, options.docs_base}; }

  // --- publication ----------------------------------------------------------------------------

  // Publishes what changed of `findings` for the folder's files; `always` is published even when
  // it did not change (the document the client just changed expects an answer).
  void publish(folder_state& f, std::vector<diag::diagnostic> findings, const std::string& always, std::vector<json>& out) {
    const view v = view_of(f);
    const std::vector<file_findings> files = f.folder->by_file(findings);
    // A file no longer in the folder (closed and never saved, or deleted) keeps no findings.
    for (auto it = f.sent.begin(); it != f.sent.end();) {
      const bool listed = std::any_of(files.begin(), files.end(), [&](const file_findings& x) { return x.path == it->first; });
      if (listed) {
        ++it;
        continue;
      }
      if (it->second != "[]") {
        out.push_back(notification("textDocument/publishDiagnostics", {{"uri", uri_of_path(it->first)}, {"diagnostics", json::array()}}));
      }
      it = f.sent.erase(it);
    }
    for (const file_findings& file : files) {
      json list = json::array();
      for (const diag::diagnostic& d : file.findings) list.push_back(v.diagnostic_of(d));
      std::string text = util::json_text(list);
      auto& last = f.sent[file.path];
      if (text == last && file.path != always) continue;
      json params = {{"uri", uri_of_path(file.path)}, {"diagnostics", std::move(list)}};
      const folder_file* entry = f.folder->find(file.path);
      if (entry != nullptr && entry->version) params["version"] = *entry->version;
      out.push_back(notification("textDocument/publishDiagnostics", std::move(params)));
      last = std::move(text);
    }
    f.findings = std::move(findings);
  }

  // Lints the folder after a change of `changed` and publishes; the analysis follows as the mode says.
  void relint(folder_state& f, const std::string& changed, std::vector<json>& out) {
    const bool together = options.analysis == analysis_mode::inline_;
    f.folder->relint(together ? options.refine : lint::refinement{});
    std::vector<diag::diagnostic> findings = f.folder->current()->findings;
    if (options.analysis == analysis_mode::background && worker) {
      // The last analysis's own findings stay for the files whose text it saw.
      for (const diag::diagnostic& d : f.analysed) {
        if (!analysis_only(d.rule)) continue;
        const folder_file* file = f.folder->file_of(d.source);
        const auto seen = f.analysed_texts.find(f.folder->path_of(d.source));
        if (file != nullptr && seen != f.analysed_texts.end() && seen->second == f.folder->sources().file(d.source).text()) {
          findings.push_back(d);
        }
      }
      std::stable_sort(findings.begin(), findings.end(), [](const diag::diagnostic& a, const diag::diagnostic& b) {
        return std::tie(a.source, a.where.begin, a.where.end) < std::tie(b.source, b.where.begin, b.where.end);
      });
      worker->submit(f.folder->root(), f.folder->take_snapshot());
    }
    publish(f, std::move(findings), changed, out);
  }

  void analysed(const analysis_worker::result& r, std::vector<json>& out) {
    for (folder_state& f : folders) {
      if (f.folder->root() != r.root || f.folder->generation() != r.generation) continue;  // overtaken
      f.analysed = r.findings;
      f.analysed_texts.clear();
      for (const folder_file& file : f.folder->files()) {
        f.analysed_texts[file.path] = std::string(f.folder->sources().file(file.id).text());
      }
      publish(f, r.findings, {}, out);
    }
  }

  // --- requests -------------------------------------------------------------------------------

  // The document a request names, with its folder, and the byte offset of its `position`.
  struct place {
    folder_state* state = nullptr;
    const folder_file* file = nullptr;
    std::uint32_t offset = 0;
  };

  place place_of(const json& params, bool with_position) {
    const std::string uri = params.at("textDocument").at("uri").get<std::string>();
    const std::optional<position> at = with_position ? std::optional(position_from(params.at("position"))) : std::nullopt;
    const std::optional<std::string> path = path_of_uri(uri);
    if (!path) throw request_error{error_code::invalid_params, fmt::format("`{}` is not a file URI", uri)};
    folder_state* f = holding(*path);
    const folder_file* file = f == nullptr ? nullptr : f->folder->find(*path);
    if (file == nullptr) return {};
    place p{f, file, 0};
    if (at) p.offset = file->lines.offset_of(f->folder->sources().file(file->id).text(), *at, enc);
    return p;
  }

  json initialize(const json& params) {
    if (initialized) throw request_error{error_code::invalid_request, "the server is initialized already"};
    // Everything is read before anything changes: params that do not fit leave the server as it was.
    if (!params.is_object()) throw request_error{error_code::invalid_params, "the params of `initialize` are an object"};
    const json none = json::object();
    const auto field = [&](const json& j, const char* key) -> const json& { return j.is_object() && j.contains(key) ? j[key] : none; };
    const json& encodings = field(field(field(params, "capabilities"), "general"), "positionEncodings");
    const bool utf8 = encodings.is_array() && std::find(encodings.begin(), encodings.end(), "utf-8") != encodings.end();
    const json& watching = field(field(field(params, "capabilities"), "workspace"), "didChangeWatchedFiles");
    const bool can_watch = field(watching, "dynamicRegistration").is_boolean() && watching["dynamicRegistration"].get<bool>();
    std::string workspace;
    if (params.contains("rootUri") && params["rootUri"].is_string()) {
      if (auto path = path_of_uri(params["rootUri"].get<std::string>())) workspace = *path;
    }
    const json& folders_given = field(params, "workspaceFolders");
    if (workspace.empty() && folders_given.is_array() && !folders_given.empty() && field(folders_given[0], "uri").is_string()) {
      if (auto path = path_of_uri(folders_given[0]["uri"].get<std::string>())) workspace = *path;
    }
    std::vector<std::string> roots;
    analysis_mode mode = options.analysis;
    const json& init = field(params, "initializationOptions");
    if (field(init, "policies").is_array()) {
      for (const json& p : init["policies"]) {
        if (!p.is_string()) continue;
        const fs::path given = p.get<std::string>();
        if (!given.is_absolute() && workspace.empty()) continue;  // relative to no folder: nothing to name
        std::string folder = (given.is_absolute() ? given : fs::path(workspace) / given).lexically_normal().string();
        while (folder.size() > 1 && folder.ends_with('/')) folder.pop_back();
        roots.push_back(std::move(folder));
      }
    }
    if (field(init, "analysis").is_string()) {
      const std::string named = init["analysis"].get<std::string>();
      if (named == "inline") mode = analysis_mode::inline_;
      if (named == "off") mode = analysis_mode::off;
      if (named == "background") mode = analysis_mode::background;
    }
    if (!options.refine) mode = analysis_mode::off;
    if (mode == analysis_mode::background) worker = std::make_unique<analysis_worker>(options.refine);
    initialized = true;
    enc = utf8 ? encoding::utf8 : encoding::utf16;
    policy_roots = std::move(roots);
    options.analysis = mode;
    watch = can_watch;
    json capabilities = {
        {"positionEncoding", enc == encoding::utf8 ? "utf-8" : "utf-16"},
        {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
        {"completionProvider", {{"triggerCharacters", {"\"", "'", ".", ":", "[", " "}}}},
        {"hoverProvider", true},
        {"definitionProvider", true},
        {"documentSymbolProvider", true},
        {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
        {"documentFormattingProvider", true},
    };
    return {{"capabilities", std::move(capabilities)}, {"serverInfo", {{"name", "rolec"}, {"version", util::version()}}}};
  }

  json request(const std::string& method, const json& params) {
    if (method == "initialize") return initialize(params);
    if (!initialized) throw request_error{error_code::server_not_initialized, "initialize comes first"};
    if (shut_down) throw request_error{error_code::invalid_request, "the server is shut down; only `exit` remains"};
    if (method == "shutdown") {
      shut_down = true;
      return nullptr;
    }
    const bool positioned = method == "textDocument/completion" || method == "textDocument/hover" ||
                            method == "textDocument/definition";
    if (positioned || method == "textDocument/documentSymbol" || method == "textDocument/codeAction" ||
        method == "textDocument/formatting") {
      const place p = place_of(params, positioned);
      if (p.file == nullptr) {  // not a policy file the server knows
        return method == "textDocument/completion" ? json{{"isIncomplete", false}, {"items", json::array()}}
               : method == "textDocument/documentSymbol" || method == "textDocument/codeAction" ||
                       method == "textDocument/formatting"
                   ? json::array()
                   : json(nullptr);
      }
      const view v = view_of(*p.state);
      if (method == "textDocument/completion") return completion(v, *p.file, p.offset);
      if (method == "textDocument/hover") return hover(v, *p.file, p.offset);
      if (method == "textDocument/definition") return definition(v, *p.file, p.offset);
      if (method == "textDocument/documentSymbol") return document_symbols(v, *p.file);
      if (method == "textDocument/formatting") return formatting(v, *p.file);
      const range r = range_from(params.at("range"));
      const std::string_view text = p.state->folder->sources().file(p.file->id).text();
      return code_actions(v, *p.file, p.file->lines.offset_of(text, r.start, enc), p.file->lines.offset_of(text, r.end, enc),
                          p.state->findings);
    }
    throw request_error{error_code::method_not_found, fmt::format("`{}` is not a method rolec serves", method)};
  }

  // --- notifications --------------------------------------------------------------------------

  void notify(const std::string& method, const json& params, std::vector<json>& out) {
    if (method == "exit") {
      exited = true;
      return;
    }
    if (!initialized || shut_down) return;  // the protocol drops notifications then
    if (method == "initialized" && watch) {
      // Policy files changed by other programs (a `git checkout`) come as didChangeWatchedFiles.
      json watchers = json::array({{{"globPattern", "**/*.toml"}}});
      out.push_back({{"jsonrpc", "2.0"},
                     {"id", "rolec-watch"},
                     {"method", "client/registerCapability"},
                     {"params", {{"registrations", json::array({{{"id", "rolec-watch"},
                                                                 {"method", "workspace/didChangeWatchedFiles"},
                                                                 {"registerOptions", {{"watchers", std::move(watchers)}}}}})}}}});
      return;
    }
    if (method == "textDocument/didOpen") {
      const json& doc = params.at("textDocument");
      const std::optional<std::string> path = path_of_uri(doc.at("uri").get<std::string>());
      if (!path || fs::path(*path).filename().string().starts_with('.')) return;  // hidden files are not policy
      folder_state& f = folder_for(*path);
      f.folder->set_text(*path, doc.at("text").get<std::string>(), doc.value("version", std::int64_t{0}));
      relint(f, *path, out);
    } else if (method == "textDocument/didChange") {
      const std::optional<std::string> path = path_of_uri(params.at("textDocument").at("uri").get<std::string>());
      folder_state* f = path ? holding(*path) : nullptr;
      const folder_file* file = f == nullptr ? nullptr : f->folder->find(*path);
      if (file == nullptr || !file->open) return;
      std::string text(f->folder->sources().file(file->id).text());
      for (const json& change : params.at("contentChanges")) {
        std::optional<range> at;
        if (change.contains("range")) at = range_from(change["range"]);
        apply_change(text, at, change.at("text").get<std::string>(), enc);
      }
      f->folder->set_text(*path, std::move(text), params["textDocument"].value("version", std::int64_t{0}));
      relint(*f, *path, out);
    } else if (method == "textDocument/didClose") {
      const std::optional<std::string> path = path_of_uri(params.at("textDocument").at("uri").get<std::string>());
      folder_state* f = path ? holding(*path) : nullptr;
      if (f == nullptr || f->folder->find(*path) == nullptr) return;
      f->folder->close(*path);
      relint(*f, {}, out);
    } else if (method == "textDocument/didSave" || method == "workspace/didChangeWatchedFiles") {
      // Files changed on disk (another program, a `git checkout`, a `.rolec.toml`): read the folders again.
      for (folder_state& f : folders) {
        f.folder->rescan();
        relint(f, {}, out);
      }
    }
  }

  std::vector<json> handle(std::string_view body) {
    std::vector<json> out;
    json message = json::parse(body, nullptr, false);
    if (message.is_discarded()) return {error_response(nullptr, error_code::parse_error, "the message is not JSON")};
    if (!message.is_object() || !message.contains("method") || !message["method"].is_string()) {
      if (message.is_object() && message.contains("id") && (message.contains("result") || message.contains("error"))) {
        return out;  // a response to a request of ours: the server sends none that need one
      }
      const json id = message.is_object() && message.contains("id") ? message["id"] : json(nullptr);
      const bool usable = id.is_string() || id.is_number_integer();
      return {error_response(usable ? id : json(nullptr), error_code::invalid_request, "a message needs a `method`")};
    }
    const std::string method = message["method"].get<std::string>();
    const json params = message.value("params", json::object());
    const bool is_request = message.contains("id");
    const json id = is_request ? message["id"] : json(nullptr);
    if (is_request && !id.is_string() && !id.is_number_integer()) {
      return {error_response(nullptr, error_code::invalid_request, "a request's `id` is a number or a string")};
    }
    try {
      if (is_request) {
        json result = request(method, params);
        out.push_back(response(id, std::move(result)));
      } else {
        notify(method, params, out);
      }
    } catch (const request_error& e) {
      if (is_request) out.push_back(error_response(id, e.code, e.message));
    } catch (const json::exception& e) {
      // nlohmann's text after its `[json.exception.NAME.N] ` tag says what did not fit.
      const std::string_view what = e.what();
      const std::size_t tag = what.find("] ");
      if (is_request) {
        out.push_back(error_response(id, error_code::invalid_params,
                                     fmt::format("the params of `{}` do not fit: {}", method,
                                                 tag == std::string_view::npos ? what : what.substr(tag + 2))));
      }
    } catch (const std::exception& e) {
      if (is_request) out.push_back(error_response(id, error_code::internal_error, e.what()));
    }
    return out;
  }
};

server::server(server_options options) : s_(std::make_unique<state>()) { s_->options = std::move(options); }
server::~server() = default;

std::vector<json> server::handle(std::string_view body) { return s_->handle(body); }

std::vector<json> server::bad_frame(const std::string& error) {
  return {error_response(nullptr, error_code::parse_error, error)};
}

std::vector<json> server::collect_analyses() {
  std::vector<json> out;
  if (!s_->worker) return out;
  for (const analysis_worker::result& r : s_->worker->take()) s_->analysed(r, out);
  return out;
}

int server::wake_fd() const { return s_->worker ? s_->worker->wake_fd() : -1; }
bool server::exited() const { return s_->exited; }
int server::exit_code() const { return s_->shut_down ? 0 : 1; }

namespace {

// What `handle` gives, or nothing when it throws (out of memory): one message is lost, the
// server goes on.
template <typename F>
std::vector<json> guarded(F&& f) {
  try {
    return f();
  } catch (const std::exception&) {
    return {};
  }
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

int run(server_options options, int in, int out) {
  server s(std::move(options));
  message_reader reader;
  const auto send = [&](const std::vector<json>& messages) {
    for (const json& m : messages) {
      if (!write_all(out, frame_message(m))) return false;
    }
    return true;
  };
  std::string chunk(64 * 1024, '\0');
  bool input_open = true;
  while (!s.exited()) {
    if (auto f = reader.take()) {
      if (!send(guarded([&] { return f->error.empty() ? s.handle(f->body) : s.bad_frame(f->error); }))) return 1;
      continue;
    }
    if (!input_open) break;
    pollfd fds[2] = {{in, POLLIN, 0}, {s.wake_fd(), POLLIN, 0}};
    const int ready = ::poll(fds, s.wake_fd() < 0 ? 1 : 2, -1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return 1;
    if (s.wake_fd() >= 0 && (fds[1].revents & POLLIN) != 0 && !send(guarded([&] { return s.collect_analyses(); }))) return 1;
    if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      const ssize_t n = ::read(in, chunk.data(), chunk.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        input_open = false;
        continue;
      }
      reader.feed(std::string_view(chunk.data(), static_cast<std::size_t>(n)));
    }
  }
  return s.exited() ? s.exit_code() : 1;
}

}  // namespace rolec::lsp
