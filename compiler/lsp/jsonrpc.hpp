#pragma once
/// JSON-RPC messages as the Language Server Protocol frames them: `Content-Length` headers, a
/// blank line, then the body. The reader is fed bytes and hands out whole bodies, so that the
/// server can wait on its input and on other events at once.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace rolec::lsp {

/// The error codes of JSON-RPC and of the protocol.
namespace error_code {
inline constexpr int parse_error = -32700;
inline constexpr int invalid_request = -32600;
inline constexpr int method_not_found = -32601;
inline constexpr int invalid_params = -32602;
inline constexpr int internal_error = -32603;
inline constexpr int server_not_initialized = -32002;
inline constexpr int request_cancelled = -32800;
}  // namespace error_code

/// The largest body read; a longer one is skipped and reported.
inline constexpr std::size_t max_message_bytes = 64u << 20;

/// One thing read from the stream: a body, or a frame that cannot be read (its `error` says why;
/// the reader has skipped it and goes on with the next).
struct frame {
  std::string body;
  std::string error;
};

/// Splits a byte stream into message bodies.
class message_reader {
 public:
  /// Adds bytes read from the stream.
  void feed(std::string_view bytes);
  /// The next whole frame, if the bytes fed so far hold one.
  [[nodiscard]] std::optional<frame> take();
  /// True when no partial frame waits for more bytes.
  [[nodiscard]] bool idle() const { return buffer_.empty() && skipping_ == 0 && !lost_; }

 private:
  std::string buffer_;
  std::size_t skipping_ = 0;  // bytes of a too-long body still to drop
  bool lost_ = false;         // a frame's length was unusable: its body runs to the next header
};

/// `message` framed for the stream.
[[nodiscard]] std::string frame_message(const nlohmann::json& message);

/// A response to request `id`.
[[nodiscard]] nlohmann::json response(const nlohmann::json& id, nlohmann::json result);

/// An error response to request `id` (null when the request could not be read).
[[nodiscard]] nlohmann::json error_response(const nlohmann::json& id, int code, std::string message);

/// A notification from the server.
[[nodiscard]] nlohmann::json notification(std::string method, nlohmann::json params);

}  // namespace rolec::lsp
