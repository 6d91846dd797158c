#include "access/client.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "model/api_json.hpp"
#include "model/canonical.hpp"
#include "util/json_read.hpp"

namespace rolec::access {
namespace {

using json = nlohmann::json;

bool transient(const http_response& r) { return !r.failure.empty() || r.status == 429 || r.status >= 500; }

// A body that is not JSON, or nested deeper than util::max_json_depth (which every step after
// this one would walk recursively), is no body.
json parse_body(const std::string& body) {
  util::json_error why;
  return util::parse_json<json>(body, why).value_or(json());
}

// Whether what exists under a name is what was sent, as the model compares them: read-only
// fields and the order of a role's grants do not count. A body the model cannot read is not.
bool same_as_sent(kind k, const json& existing, const json& sent) {
  try {
    const nlohmann::ordered_json now(existing), wanted(sent);
    if (k == kind::role) return model::same(model::canonical(model::role_from_api(now)), model::canonical(model::role_from_api(wanted)));
    return model::same(model::permission_from_api(now), model::permission_from_api(wanted));
  } catch (const model::shape_error&) {
    return false;
  }
}

// `text` as one segment of a URL path, or a query value: every byte but RFC 3986's unreserved
// characters percent-encoded, and the dot segments `.` and `..` too, so that a name read from a
// live state or a plan file (`a/b`, `..`, `x?y`, `50%`) stays the name of one permission or role.
std::string segment(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  const bool dots = text.find_first_not_of('.') == std::string_view::npos;
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '_' || c == '~' || (c == '.' && !dots);
    if (unreserved) {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  return out;
}

}  // namespace

std::string_view collection(kind k) { return k == kind::permission ? "permissions" : "roles"; }

std::string explain(const http_request& request, const http_response& response) {
  const std::string what = fmt::format("{} {}", request.method, request.path);
  if (!response.failure.empty()) return fmt::format("{}: no answer: {}", what, response.failure);
  const json body = parse_body(response.body);
  const std::string message = body.is_object() && body.contains("message") && body["message"].is_string()
                                  ? body["message"].get<std::string>()
                                  : std::string();
  const std::string said = message.empty() ? std::string() : fmt::format(": {}", message);
  switch (response.status) {
    case 401:
      return fmt::format("{}: 401 Unauthorized{}; Sanity did not accept the token: check that SANITY_AUTH_TOKEN holds a "
                         "current token for this project",
                         what, said);
    case 403:
      return fmt::format("{}: 403 Forbidden{}; the token is valid but its role may not do this: changing roles and "
                         "permissions needs `sanity-project-roles` (read, create, update, delete), which the "
                         "administrator role has and the editor role does not",
                         what, said);
    case 429: return fmt::format("{}: 429 Too Many Requests{}; still limited after every retry", what, said);
    default: return fmt::format("{}: {}{}", what, response.status, said);
  }
}

client::client(transport& t, std::string api_version, std::string project_id, retry_policy retries)
    : transport_(t),
      base_(fmt::format("/{}/access/project/{}", segment(api_version), segment(project_id))),
      retries_(std::move(retries)),
      random_(retries_.seed) {
  if (!retries_.sleep) retries_.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

void client::back_off(int attempt, const http_response& response) {
  if (response.status == 429 && response.retry_after) {
    retries_.sleep(std::chrono::milliseconds(static_cast<long>(*response.retry_after * 1000)));
    return;
  }
  const auto base = std::min(retries_.max_delay, retries_.first_delay * (1L << std::min(attempt - 1, 16)));
  double jitter = 0;
  {
    std::lock_guard lock(random_mutex_);
    jitter = std::uniform_real_distribution<double>(0.5, 1.0)(random_);
  }
  retries_.sleep(std::chrono::milliseconds(static_cast<long>(static_cast<double>(base.count()) * jitter)));
}

outcome client::exchange(const http_request& request, bool idempotent) {
  outcome out;
  http_response response;
  for (out.attempts = 1;; ++out.attempts) {
    response = transport_.send(request);
    out.status = response.status;
    if (!transient(response)) break;
    // A POST that was answered 429 was not processed, so it may be sent again; after any other
    // failure it may have taken effect, and the caller must look before trying again.
    const bool may_repeat = idempotent || (response.status == 429 && response.failure.empty());
    if (!may_repeat || out.attempts >= retries_.attempts) break;
    back_off(out.attempts, response);
  }
  out.body = parse_body(response.body);
  out.ok = response.failure.empty() && response.status >= 200 && response.status < 300;
  if (!out.ok) out.error = explain(request, response);
  return out;
}

outcome client::list(std::string_view collection_name, std::vector<json>& items,
                     const std::function<void(std::size_t)>& on_page) {
  std::string cursor;
  for (int pages = 0;; ++pages) {
    http_request request{"GET", fmt::format("{}/{}?limit=500", base_, collection_name), ""};
    if (!cursor.empty()) request.path += "&nextCursor=" + segment(cursor);
    outcome page = exchange(request, true);
    if (!page.ok) return page;
    const json* data = &page.body;
    if (page.body.is_object() && page.body.contains("data")) data = &page.body["data"];
    if (!data->is_array()) {
      page.ok = false;
      page.error = fmt::format("GET {}: the answer is not a listing", request.path);
      return page;
    }
    for (const json& item : *data) items.push_back(item);
    if (on_page) on_page(items.size());
    const json next = page.body.is_object() ? page.body.value("nextCursor", json()) : json();
    if (!next.is_string() || next.get<std::string>().empty()) return page;
    if (next.get<std::string>() == cursor || pages > 100000) {
      page.ok = false;
      page.error = fmt::format("GET {}: the listing does not advance (`nextCursor` repeats)", request.path);
      return page;
    }
    cursor = next.get<std::string>();
  }
}

outcome client::create(kind k, const json& body) {
  const std::string name = body.contains("name") && body["name"].is_string() ? body["name"].get<std::string>() : "";
  const http_request post{"POST", fmt::format("{}/{}", base_, collection(k)), body.dump()};
  const http_request get{"GET", fmt::format("{}/{}/{}", base_, collection(k), segment(name)), ""};
  int attempts = 0;
  for (int round = 1;; ++round) {
    outcome sent = exchange(post, false);
    attempts += sent.attempts;
    sent.attempts = attempts;
    // Without a name there is nothing to look up: the failure stands.
    const bool ambiguous = !sent.ok && !name.empty() && (sent.status == 0 || sent.status >= 500 || sent.status == 409);
    if (sent.ok || !ambiguous) return sent;
    // Did the POST take effect? Then it is done, if what exists is what was sent.
    const outcome existing = exchange(get, true);
    attempts += existing.attempts;
    if (existing.ok) {
      if (same_as_sent(k, existing.body, body)) return {true, existing.status, existing.body, "", attempts};
      sent.error = fmt::format("POST {}: `{}` exists, but not as sent (changed by someone else?); plan again",
                               post.path, name);
      return sent;
    }
    if (existing.status != 404 || sent.status == 409 || round >= retries_.attempts) return sent;
    back_off(round, http_response{});
  }
}

outcome client::replace(kind k, const std::string& name, const json& body) {
  return exchange({"PUT", fmt::format("{}/{}/{}", base_, collection(k), segment(name)), body.dump()}, true);
}

outcome client::remove(kind k, const std::string& name) {
  outcome out = exchange({"DELETE", fmt::format("{}/{}/{}", base_, collection(k), segment(name)), ""}, true);
  if (!out.ok && out.status == 404) {
    out.ok = true;  // already gone: by an earlier attempt whose answer was lost, or by someone else
    out.error.clear();
  }
  return out;
}

}  // namespace rolec::access
