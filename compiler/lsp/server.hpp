#pragma once
/// `rolec lsp`: the Language Server Protocol over a pair of file descriptors. Messages in, messages
/// out: `server::handle` is the whole protocol, `run` the loop around it.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lint/lint.hpp"

namespace rolec::lsp {

/// When the analysis's exact findings (`refine`) are added to what lint's checks find.
enum class analysis_mode {
  background,  ///< checks at once; the analysis on another thread, published when it ends
  inline_,     ///< checks and analysis together, one publication per change (tests)
  off,         ///< the checks alone
};

/// What the command line hands the server.
struct server_options {
  lint::refinement refine;     ///< the analysis's findings (a stage above lint supplies it)
  std::string docs_base;       ///< the folder of rule pages, with a slash at its end
  analysis_mode analysis = analysis_mode::background;
};

/// The protocol's state: the documents, the policy folders and their lints.
class server {
 public:
  explicit server(server_options options);
  ~server();
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  /// Handles one message; returns the messages to send, in order.
  [[nodiscard]] std::vector<nlohmann::json> handle(std::string_view body);
  /// A frame that could not be read: a parse error for the client.
  [[nodiscard]] std::vector<nlohmann::json> bad_frame(const std::string& error);
  /// The publications of background analyses that ended since the last call.
  [[nodiscard]] std::vector<nlohmann::json> collect_analyses();
  /// A descriptor that becomes readable when a background analysis ends.
  [[nodiscard]] int wake_fd() const;
  /// True once `exit` came; the process should end with `exit_code()`.
  [[nodiscard]] bool exited() const;
  [[nodiscard]] int exit_code() const;

 private:
  struct state;
  std::unique_ptr<state> s_;
};

/// Serves the protocol on `in` and `out` until `exit` or the end of input; returns the exit code
/// (0 after `shutdown` then `exit`, 1 otherwise, as the protocol says).
[[nodiscard]] int run(server_options options, int in, int out);

}  // namespace rolec::lsp
