#include "differential/pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <utility>

#include "access/client.hpp"
#include "adopt/live.hpp"
#include "apply/apply.hpp"
#include "build/compile.hpp"
#include "build/target.hpp"
#include "diag/source.hpp"
#include "emulator/service.hpp"
#include "lint/lint.hpp"
#include "model/api_json.hpp"
#include "plan/plan.hpp"
#include "policy/load.hpp"
#include "resolve/resolve.hpp"
#include "schemas/catalog.hpp"
#include "util/json_text.hpp"

namespace rolec::test::differential {
namespace {

constexpr const char* project_id = "p1";
constexpr const char* admin_token = "admin-secret";

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The emulator sees paths decoded, as its HTTP server hands them over.
std::string percent_decoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 && hex_digit(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Hands each request to the emulator's service, as its HTTP server would, and keeps the first
// refusal: apply reports a failure in its own words, and the test wants the API's.
class in_process final : public access::transport {
 public:
  explicit in_process(emulator::service& api) : api_(api) {}

  access::http_response send(const access::http_request& request) override {
    emulator::request r;
    r.method = request.method;
    const std::size_t question = request.path.find('?');
    r.path = percent_decoded(std::string_view(request.path).substr(0, question));
    if (question != std::string::npos) {
      std::string_view query = std::string_view(request.path).substr(question + 1);
      while (!query.empty()) {
        const std::string_view pair = query.substr(0, query.find('&'));
        const std::size_t equals = pair.find('=');
        r.query.try_emplace(percent_decoded(pair.substr(0, equals)),
                            equals == std::string_view::npos ? std::string() : percent_decoded(pair.substr(equals + 1)));
        query.remove_prefix(std::min(query.size(), pair.size() + 1));
      }
    }
    r.authorization = std::string("Bearer ") + admin_token;
    r.body = request.body;
    const emulator::outcome out = api_.handle(r);

    access::http_response response;
    response.status = out.answer.status;
    response.body = util::json_text(out.answer.body);
    for (const auto& [name, value] : out.headers) {
      if (name == "Retry-After") response.retry_after = std::stod(value);
    }
    if (out.drop) {
      response.status = 0;
      response.failure = "the emulator dropped the connection";
    }
    const std::lock_guard guard(mutex_);
    ++requests_;
    if (!refusal_ && (out.drop || out.answer.status >= 400)) {
      const auto& body = out.answer.body;
      const std::string message =
          body.is_object() && body.contains("message") && body["message"].is_string() ? body["message"].get<std::string>()
                                                                                       : response.body;
      refusal_ = {out.answer.status, request.method + " " + r.path + ": " + message};
    }
    return response;
  }

  [[nodiscard]] std::size_t requests() const { return requests_; }
  [[nodiscard]] const std::optional<std::pair<long, std::string>>& refusal() const { return refusal_; }

 private:
  emulator::service& api_;
  std::mutex mutex_;
  std::size_t requests_ = 0;
  std::optional<std::pair<long, std::string>> refusal_;
};

}  // namespace

std::vector<std::string> lint_errors(const std::string& path) {
  diag::source_manager sources;
  const lint::lint_result result = lint::lint({path}, sources);
  std::vector<std::string> out;
  for (const std::string& e : result.errors) out.push_back("load: " + e);
  for (const diag::diagnostic& d : result.findings) {
    if (d.level == diag::severity::error) out.push_back(std::string(diag::info(d.rule).id) + " " + d.message);
  }
  return out;
}

built build_bodies(const std::string& path) {
  diag::source_manager sources;
  const policy::load_result loaded = policy::load({path}, sources);
  if (!loaded.errors.empty()) return {std::nullopt, "load: " + loaded.errors.front()};
  const resolve::resolved_policy resolved = resolve::resolve(loaded.merged, schemas::builtin());
  std::string error;
  const auto compiled = build::compile(loaded.merged, resolved, std::nullopt, error);
  if (!compiled) return {std::nullopt, "compile: " + error};
  build::output out = build::emit_access_api(*compiled);
  for (const diag::diagnostic& d : out.diagnostics) {
    if (d.level == diag::severity::error) return {std::nullopt, "emit: " + d.message};
  }
  return {std::move(out.bundle), {}};
}

applied apply_to_empty(const nlohmann::ordered_json& bundle) {
  emulator::store initial;
  initial.add_project(project_id);
  emulator::service_options options;
  options.tokens = {{admin_token, "administrator"}};
  emulator::service api(std::move(initial), std::move(options));
  in_process transport(api);

  adopt::live_state empty;
  empty.resource_type = "project";
  empty.resource_id = project_id;
  // The bundle's bodies, read back as `rolec apply` would send them.
  plan::desired_state desired;
  for (const auto& body : bundle.value("permissions", nlohmann::ordered_json::array())) {
    desired.permissions.push_back(model::permission_from_api(body));
  }
  for (const auto& body : bundle.value("roles", nlohmann::ordered_json::array())) desired.roles.push_back(model::role_from_api(body));
  resolve::filter_set filters;
  const plan::plan p = plan::make_plan(desired, empty, schemas::builtin(), {}, filters);

  // One attempt per request and no sleeping: the emulator injects no faults here.
  access::retry_policy once{1, std::chrono::milliseconds(0), std::chrono::milliseconds(0), 0, [](auto) {}};
  access::client client(transport, bundle.value("api_version", std::string(build::default_api_version)), project_id, once);
  const apply::report report = apply::run(p, client, 1, nullptr);

  applied out;
  out.accepted = report.ok();
  out.requests = transport.requests();
  if (!out.accepted) {
    if (const auto& refusal = transport.refusal()) {
      out.status = refusal->first;
      out.message = refusal->second;
    } else {
      // Refused without an HTTP error: apply itself gave up (a change that exists, but not as sent).
      for (const apply::change_result& r : report.results) {
        if (!r.ok) {
          out.message = r.error;
          break;
        }
      }
    }
  }
  return out;
}

}  // namespace rolec::test::differential
