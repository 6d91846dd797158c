#include "lsp/jsonrpc.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "util/json_text.hpp"


namespace rolec::lsp {
namespace {

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

void message_reader::feed(std::string_view bytes) {
  if (skipping_ != 0) {
    const std::size_t n = std::min(skipping_, bytes.size());
    skipping_ -= n;
    bytes.remove_prefix(n);
  }
  buffer_.append(bytes);
}

std::optional<frame> message_reader::take() {
  if (skipping_ != 0) return std::nullopt;
  if (lost_) {
    // The body of a frame without a usable length is dropped up to the next `Content-Length`.
    constexpr std::string_view header = "content-length";
    std::size_t found = std::string::npos;
    for (std::size_t i = 0; i + header.size() <= buffer_.size(); ++i) {
      if (same_name(std::string_view(buffer_).substr(i, header.size()), header)) {
        found = i;
        break;
      }
    }
    if (found == std::string::npos) {
      buffer_.erase(0, buffer_.size() > header.size() ? buffer_.size() - header.size() : 0);
      return std::nullopt;
    }
    buffer_.erase(0, found);
    lost_ = false;
  }
  // The headers end at the first blank line; editors write CRLF, a hand-typed test may write LF.
  std::size_t end = std::string::npos, body_at = 0;
  for (std::size_t line = 0; line < buffer_.size();) {
    const std::size_t nl = buffer_.find('\n', line);
    if (nl == std::string::npos) break;
    const std::string_view text = trim(std::string_view(buffer_).substr(line, nl - line));
    if (text.empty()) {
      if (line == 0) {  // blank lines between frames
        buffer_.erase(0, nl + 1);
        line = 0;
        continue;
      }
      end = line;
      body_at = nl + 1;
      break;
    }
    line = nl + 1;
  }
  if (end == std::string::npos) {
    if (buffer_.size() > 64 * 1024) {  // no blank line in 64 KiB: not headers
      buffer_.clear();
      return frame{{}, "the message headers are longer than 64 KiB"};
    }
    return std::nullopt;
  }
  std::optional<std::size_t> length;
  std::string error;
  for (std::size_t line = 0; line < end;) {
    const std::size_t nl = buffer_.find('\n', line);
    const std::string_view text = trim(std::string_view(buffer_).substr(line, nl - line));
    line = nl + 1;
    const std::size_t colon = text.find(':');
    if (colon == std::string_view::npos) {
      error = fmt::format("a header line without `:`: `{}`", text.substr(0, 80));
      continue;
    }
    if (!same_name(trim(text.substr(0, colon)), "Content-Length")) continue;
    const std::string_view value = trim(text.substr(colon + 1));
    std::size_t n = 0;
    const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || ptr != value.data() + value.size()) {
      error = fmt::format("`Content-Length` is not a number: `{}`", value.substr(0, 40));
      continue;
    }
    length = n;
  }
  if (!length) {
    buffer_.erase(0, body_at);
    lost_ = true;
    return frame{{}, error.empty() ? std::string("a message without `Content-Length`") : error};
  }
  if (*length > max_message_bytes) {
    buffer_.erase(0, body_at);
    const std::size_t dropped = std::min(*length, buffer_.size());
    buffer_.erase(0, dropped);
    skipping_ = *length - dropped;
    return frame{{}, fmt::format("a message of {} bytes, over the limit of {}", *length, max_message_bytes)};
  }
  if (buffer_.size() - body_at < *length) return std::nullopt;
  frame f{buffer_.substr(body_at, *length), {}};
  buffer_.erase(0, body_at + *length);
  return f;
}

std::string frame_message(const nlohmann::json& message) {
  const std::string body = util::json_text(message);
  return fmt::format("Content-Length: {}\r\n\r\n{}", body.size(), body);
}

nlohmann::json response(const nlohmann::json& id, nlohmann::json result) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

nlohmann::json error_response(const nlohmann::json& id, int code, std::string message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", std::move(message)}}}};
}

nlohmann::json notification(std::string method, nlohmann::json params) {
  return {{"jsonrpc", "2.0"}, {"method", std::move(method)}, {"params", std::move(params)}};
}

}  // namespace rolec::lsp
