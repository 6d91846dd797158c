#include "emulator/http_server.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <fmt/format.h>

#include <cstdio>
#include <thread>

#include "util/json_text.hpp"

namespace rolec::emulator {
namespace {

constexpr const char* json_type = "application/json; charset=utf-8";
// Connections are kept alive and each holds a thread: room for the most parallel rolec apply
// (--parallelism 64) and a few clients more.
constexpr std::size_t worker_threads = 72;
constexpr std::size_t max_body_bytes = 8 * 1024 * 1024;
// httplib closes a kept-alive connection after 5 requests by default; an HTTP/1.1 API server
// keeps it for many more.
constexpr std::size_t keep_alive_requests = 1000;
constexpr int listen_backlog = 128;

request from_http(const httplib::Request& req) {
  request r;
  r.method = req.method;
  r.path = req.path;
  for (const auto& [key, value] : req.params) r.query.try_emplace(key, value);
  if (req.has_header("Authorization")) r.authorization = req.get_header_value("Authorization");
  r.body = req.body;
  return r;
}


}  // namespace

struct http_server::impl {
  httplib::Server server;
  service& to;
  std::chrono::milliseconds latency;
  socket_t listening = -1;

  impl(service& s, std::chrono::milliseconds delay) : to(s), latency(delay) {}

  void answer(const httplib::Request& req, httplib::Response& res) {
    const request r = from_http(req);
    const outcome out = to.handle(r);
    if (latency.count() > 0 && r.path.rfind(test_prefix, 0) != 0) std::this_thread::sleep_for(latency);
    res.status = out.answer.status;
    for (const auto& [name, value] : out.headers) res.set_header(name, value);
    std::string body = util::json_text(out.answer.body);
    if (out.drop) {
      // Send the headers and half the body, then fail: httplib closes the connection.
      res.set_content_provider(body.size(), json_type, [body](std::size_t offset, std::size_t, httplib::DataSink& sink) {
        if (offset == 0) sink.write(body.data(), body.size() / 2);
        return false;
      });
    } else {
      res.set_content(body, json_type);
    }
    // One line per request on standard error; the service leaves out queries and headers and
    // redacts tokens.
    fmt::print(stderr, "rolec-emulator: {}\n", out.log);
  }
};

http_server::http_server(service& to, std::chrono::milliseconds latency) : impl_(std::make_unique<impl>(to, latency)) {
  httplib::Server& server = impl_->server;
  server.new_task_queue = [] { return new httplib::ThreadPool(worker_threads); };
  server.set_payload_max_length(max_body_bytes);
  server.set_keep_alive_max_count(keep_alive_requests);
  // httplib writes the headers and the body of an answer in two sends; with Nagle's algorithm on
  // they meet the client's delayed ACK, 40 ms per request on a kept-alive connection.
  server.set_tcp_nodelay(true);
  // httplib's default adds SO_REUSEPORT, which lets a second emulator share a busy port; a
  // restart on the same port still works with SO_REUSEADDR alone.
  server.set_socket_options([this](socket_t sock) {
    const int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    impl_->listening = sock;
  });
  const auto handler = [this](const httplib::Request& req, httplib::Response& res) { impl_->answer(req, res); };
  server.Get(".*", handler);
  server.Post(".*", handler);
  server.Put(".*", handler);
  server.Patch(".*", handler);
  server.Delete(".*", handler);
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content(util::json_text(boom(500, "the emulator failed on this request")), json_type);
  });
}

http_server::~http_server() = default;

int http_server::bind(int port) {
  const int bound = port == 0 ? impl_->server.bind_to_any_port("127.0.0.1")
                              : (impl_->server.bind_to_port("127.0.0.1", port) ? port : -1);
  // httplib's compiled library listens with a backlog of 5: a client that opens more connections
  // at once has its SYNs dropped and waits a second to send them again, a stall that shows in any
  // parallel run. Listening again on the bound socket raises the backlog.
  if (bound > 0 && impl_->listening >= 0) ::listen(impl_->listening, listen_backlog);
  return bound;
}

bool http_server::run() { return impl_->server.listen_after_bind(); }

void http_server::stop() { impl_->server.stop(); }

}  // namespace rolec::emulator
