#pragma once
/// The HTTP transport of the emulator: cpp-httplib on 127.0.0.1, handing every request to the
/// service. The only file that includes httplib.h.

#include <chrono>
#include <memory>

#include "emulator/service.hpp"

namespace rolec::emulator {

/// An HTTP server on the loopback interface.
class http_server {
 public:
  /// Answers with `to`, each API answer after `latency`.
  http_server(service& to, std::chrono::milliseconds latency);
  ~http_server();
  http_server(const http_server&) = delete;
  http_server& operator=(const http_server&) = delete;

  /// Binds 127.0.0.1:`port` (0: a free port); the port bound, or -1.
  int bind(int port);
  /// Serves until stop(); false if serving failed.
  bool run();
  /// Makes run() return; callable from any thread.
  void stop();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace rolec::emulator
