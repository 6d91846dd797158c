#include "emulator/reply.hpp"

namespace rolec::emulator {

const char* reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

json boom(int status, const std::string& message) {
  return json{{"statusCode", status}, {"error", reason_phrase(status)}, {"message", message}};
}

reply error_reply(const api_error& error) { return {error.status, boom(error.status, error.message)}; }

}  // namespace rolec::emulator
