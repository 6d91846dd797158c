#include "model/group_filter.hpp"

namespace rolec::model {
namespace {

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The end of the GROQ string literal opening at `i` (past its closing quote, or the text's end).
std::size_t string_end(std::string_view text, std::size_t i) {
  const char quote = text[i];
  for (++i; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      return i + 1;
    }
  }
  return text.size();
}

// The length of `from` at `i` when it stands there as a whole token, else 0. `from` starts with
// a name character or `$`, so the character before must not continue a name (nor be `$` or `.`,
// which would make `identity()` a method or `$identity` part of another name).
std::size_t token_at(std::string_view text, std::size_t i, std::string_view from, bool ends_in_name) {
  if (text.substr(i, from.size()) != from) return 0;
  if (i > 0 && (name_char(text[i - 1]) || text[i - 1] == '$' || text[i - 1] == '.' || text[i - 1] == ':')) return 0;
  const std::size_t end = i + from.size();
  if (ends_in_name && end < text.size() && name_char(text[end])) return 0;
  return from.size();
}

std::string replaced(std::string_view text, std::string_view from, std::string_view to, bool ends_in_name) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '"' || text[i] == '\'') {
      const std::size_t end = string_end(text, i);
      out.append(text.substr(i, end - i));
      i = end;
    } else if (const std::size_t n = token_at(text, i, from, ends_in_name)) {
      out.append(to);
      i += n;
    } else {
      out += text[i++];
    }
  }
  return out;
}

}  // namespace

std::string identity_to_call(std::string_view filter) { return replaced(filter, "$identity", "identity()", true); }

std::string identity_to_param(std::string_view filter) { return replaced(filter, "identity()", "$identity", false); }

std::string path_filter(std::string_view glob) {
  std::string quoted;
  for (const char c : glob) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return "_id in path(\"" + quoted + "\")";
}

}  // namespace rolec::model
