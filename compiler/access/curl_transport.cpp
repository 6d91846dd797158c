// libcurl, loaded with dlopen: linking it would load some 37 shared libraries at every start of
// rolec, which costs more than a whole `rolec lint` of a small policy (docs/performance.md).

#include <curl/curl.h>
#include <dlfcn.h>

#include <fmt/format.h>

#include <mutex>
#include <vector>

#include "access/transport.hpp"
#include "util/file.hpp"
#include "util/version.hpp"

namespace rolec::access {
namespace {

// The few libcurl functions used here, looked up once.
struct curl_api {
  decltype(&curl_global_init) global_init = nullptr;
  decltype(&curl_easy_init) easy_init = nullptr;
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...) = nullptr;
  decltype(&curl_easy_perform) easy_perform = nullptr;
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...) = nullptr;
  decltype(&curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&curl_easy_reset) easy_reset = nullptr;
  decltype(&curl_easy_strerror) easy_strerror = nullptr;
  decltype(&curl_slist_append) slist_append = nullptr;
  decltype(&curl_slist_free_all) slist_free_all = nullptr;
  std::string error;
};

const curl_api& load_curl() {
  static curl_api api;
  static std::once_flag once;
  std::call_once(once, [] {
    void* library = ::dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
      api.error = fmt::format("cannot load libcurl (libcurl.so.4): {}", ::dlerror());
      return;
    }
    const auto find = [&](auto& slot, const char* name) {
      slot = reinterpret_cast<std::remove_reference_t<decltype(slot)>>(::dlsym(library, name));
      if (slot == nullptr && api.error.empty()) api.error = fmt::format("libcurl lacks `{}`", name);
    };
    find(api.global_init, "curl_global_init");
    find(api.easy_init, "curl_easy_init");
    find(api.easy_setopt, "curl_easy_setopt");
    find(api.easy_perform, "curl_easy_perform");
    find(api.easy_getinfo, "curl_easy_getinfo");
    find(api.easy_cleanup, "curl_easy_cleanup");
    find(api.easy_reset, "curl_easy_reset");
    find(api.easy_strerror, "curl_easy_strerror");
    find(api.slist_append, "curl_slist_append");
    find(api.slist_free_all, "curl_slist_free_all");
    if (api.error.empty() && api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) api.error = "libcurl failed to start";
  });
  return api;
}

// A response longer than any input rolec reads whole is cut off: returning less than was given
// ends the transfer (CURLE_WRITE_ERROR).
std::size_t collect_body(char* data, std::size_t size, std::size_t count, void* out) {
  auto& body = *static_cast<std::string*>(out);
  if (body.size() + size * count > util::max_input_bytes) return 0;
  body.append(data, size * count);
  return size * count;
}

std::size_t collect_header(char* data, std::size_t size, std::size_t count, void* out) {
  const std::string_view line(data, size * count);
  constexpr std::string_view name = "retry-after:";
  if (line.size() > name.size()) {
    bool matches = true;
    for (std::size_t i = 0; i < name.size(); ++i) {
      matches = matches && std::tolower(static_cast<unsigned char>(line[i])) == name[i];
    }
    if (matches) {
      try {
        *static_cast<std::optional<double>*>(out) = std::stod(std::string(line.substr(name.size())));
      } catch (...) {
        // An HTTP date instead of seconds: the client's own backoff applies.
      }
    }
  }
  return size * count;
}

class curl_transport final : public transport {
 public:
  curl_transport(const curl_api& api, std::string base_url, std::string token)
      : api_(api), base_url_(std::move(base_url)), token_(std::move(token)), authorization_("Authorization: Bearer " + token_),
        user_agent_(fmt::format("User-Agent: rolec/{}", util::version())) {}

  ~curl_transport() override {
    for (CURL* handle : idle_) api_.easy_cleanup(handle);
  }

  curl_transport(const curl_transport&) = delete;
  curl_transport& operator=(const curl_transport&) = delete;

  http_response send(const http_request& request) override {
    http_response out;
    CURL* handle = take_handle();
    if (handle == nullptr) {
      out.failure = "libcurl could not start a request";
      return out;
    }
    curl_slist* headers = nullptr;
    headers = api_.slist_append(headers, authorization_.c_str());
    headers = api_.slist_append(headers, "Accept: application/json");
    headers = api_.slist_append(headers, "Content-Type: application/json");
    headers = api_.slist_append(headers, user_agent_.c_str());
    const std::string url = base_url_ + request.path;
    api_.easy_setopt(handle, CURLOPT_URL, url.c_str());
    api_.easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    api_.easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
    if (!request.body.empty()) {
      api_.easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.c_str());
      api_.easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
    api_.easy_setopt(handle, CURLOPT_WRITEFUNCTION, &collect_body);
    api_.easy_setopt(handle, CURLOPT_WRITEDATA, &out.body);
    api_.easy_setopt(handle, CURLOPT_HEADERFUNCTION, &collect_header);
    api_.easy_setopt(handle, CURLOPT_HEADERDATA, &out.retry_after);
    api_.easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
    api_.easy_setopt(handle, CURLOPT_TIMEOUT_MS, 60000L);
    api_.easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);           // threads: no SIGALRM for timeouts
    api_.easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);     // the defaults, stated: never off
    api_.easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
    api_.easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);     // the token goes to this host only
    const CURLcode code = api_.easy_perform(handle);
    if (code == CURLE_OK) {
      api_.easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &out.status);
    } else {
      out.failure = code == CURLE_WRITE_ERROR ? fmt::format("the response is larger than {}, the most rolec reads",
                                                             util::byte_size(util::max_input_bytes))
                                              : std::string(api_.easy_strerror(code));
      out.body.clear();
    }
    api_.slist_free_all(headers);
    give_back(handle);
    // Whatever a server or a proxy echoes, the token goes no further than this.
    redact(out.body);
    redact(out.failure);
    return out;
  }

 private:
  const curl_api& api_;
  std::string base_url_;
  std::string token_;
  std::string authorization_;
  std::string user_agent_;
  std::mutex idle_mutex_;
  std::vector<CURL*> idle_;  // handles between requests, each holding its open connection

  // A handle per request in flight, reused afterwards: its connection stays open (keep-alive), so
  // an apply pays for one TCP and TLS handshake per parallel worker instead of one per change.
  CURL* take_handle() {
    {
      const std::lock_guard lock(idle_mutex_);
      if (!idle_.empty()) {
        CURL* handle = idle_.back();
        idle_.pop_back();
        return handle;
      }
    }
    return api_.easy_init();
  }

  void give_back(CURL* handle) {
    api_.easy_reset(handle);  // forgets the options, keeps the connection
    const std::lock_guard lock(idle_mutex_);
    idle_.push_back(handle);
  }

  void redact(std::string& text) const {
    if (token_.empty()) return;
    // The search goes on after the replacement, which may itself contain the token (`t`, `ok`).
    constexpr std::string_view hidden = "[token]";
    for (auto at = text.find(token_); at != std::string::npos; at = text.find(token_, at + hidden.size())) {
      text.replace(at, token_.size(), hidden);
    }
  }
};

}  // namespace

std::unique_ptr<transport> make_curl_transport(std::string base_url, std::string token, std::string& error) {
  const curl_api& api = load_curl();
  if (!api.error.empty()) {
    error = api.error;
    return nullptr;
  }
  while (!base_url.empty() && base_url.back() == '/') base_url.pop_back();
  return std::make_unique<curl_transport>(api, std::move(base_url), std::move(token));
}

}  // namespace rolec::access
