#pragma once
/// What an Access API operation answers: a status and a JSON body, errors in Boom's shape.

#include <string>

#include <nlohmann/json.hpp>

namespace rolec::emulator {

using json = nlohmann::ordered_json;

/// One answer of the API.
struct reply {
  int status = 200;
  json body;
};

/// A request the API refuses. Operations throw it so that their checks read as straight-line code;
/// the service turns it into a Boom-shaped reply.
struct api_error {
  int status;
  std::string message;
};

/// The reason phrase of an HTTP status (`Bad Request` for 400), as Boom's `error` field has it.
[[nodiscard]] const char* reason_phrase(int status);

/// `{"statusCode", "error", "message"}`: the error body of Sanity's management APIs.
[[nodiscard]] json boom(int status, const std::string& message);

/// The reply for a refused request.
[[nodiscard]] reply error_reply(const api_error& error);

}  // namespace rolec::emulator
