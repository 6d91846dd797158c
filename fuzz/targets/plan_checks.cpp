#include "targets/plan_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <string>
#include <vector>

#include "access/client.hpp"
#include "apply/apply.hpp"
#include "targets/common.hpp"
#include "util/json_text.hpp"

namespace rolec::fuzz {
namespace {

// What a plan file keeps: the plan file less the parts `rolec apply` does not read back (the
// fields of updates, the unmanaged list) and the digest of them all.
nlohmann::json kept(const plan::plan& p) {
  nlohmann::json j = nlohmann::json::parse(util::json_text(plan::to_json(p)));
  j.erase("unmanaged");
  j.erase("plan_digest");
  for (nlohmann::json& c : j["changes"]) c.erase("fields");
  return j;
}

// True when `segment` is one URL path segment that names one thing: unreserved characters and
// percent escapes only, and not a dot segment that a client or server would resolve.
bool plain_segment(std::string_view segment) {
  if (segment.empty() || segment == "." || segment == "..") return false;
  const auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t i = 0; i < segment.size(); ++i) {
    const char c = segment[i];
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_' || c == '~') continue;
    if (c == '%' && i + 2 < segment.size() && hex(segment[i + 1]) && hex(segment[i + 2])) {
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}

// `text` with its percent escapes decoded.
std::string decoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// An Access API that says yes to everything, and checks where each request goes: to
// `/API/access/project/ID/COLLECTION` or `.../COLLECTION/NAME`, each part one path segment that
// says what the plan says.
class fake_api : public access::transport {
 public:
  explicit fake_api(const plan::plan& p) : plan_(p) {}

  access::http_response send(const access::http_request& request) override {
    const std::lock_guard lock(mutex_);
    const std::string where = fmt::format("apply sent {} {}", request.method, request.path);
    std::vector<std::string_view> parts = split(request.path, "/", 8);
    check(parts.size() == 6 || parts.size() == 7, where + ": not a path to a collection or an item of it");
    for (std::size_t i = 1; i < parts.size(); ++i) check(plain_segment(parts[i]), where + ": a part is not one path segment");
    check(decoded(parts[1]) == plan_.api_version && parts[2] == "access" && parts[3] == "project" &&
              decoded(parts[4]) == plan_.project_id,
          fmt::format("{}: not below /{}/access/project/{}", where, plan_.api_version, plan_.project_id));
    check(parts[5] == "roles" || parts[5] == "permissions", where + ": not the roles or permissions");
    if (parts.size() == 7) {
      const std::string name = decoded(parts[6]);
      check(std::any_of(plan_.changes.begin(), plan_.changes.end(), [&](const plan::change& c) { return c.name == name; }),
            fmt::format("{}: `{}` is not a name the plan changes", where, name));
    }
    return {200, request.body.empty() ? "{}" : request.body, std::nullopt, ""};
  }

 private:
  const plan::plan& plan_;
  std::mutex mutex_;
};

}  // namespace

void check_plan_round_trip(const plan::plan& p) {
  static_cast<void>(plan::render_human(p, false));
  static_cast<void>(plan::render_human(p, true));
  const std::string written = util::json_text(plan::to_json(p), 2) + "\n";
  const nlohmann::json parsed = nlohmann::json::parse(written, nullptr, false);
  check(!parsed.is_discarded(), "a plan file rolec writes is not JSON");
  std::string error;
  const auto read = plan::from_json(parsed, error);
  check(read.has_value(), "rolec apply cannot read a plan file rolec wrote: " + error);
  check(kept(*read) == kept(p), fmt::format("a plan read back differs from the plan written:\n{}\n{}",
                                            util::json_text(kept(p)), util::json_text(kept(*read))));
}

void check_apply(const plan::plan& p) {
  fake_api api(p);
  access::retry_policy retries;
  retries.sleep = [](std::chrono::milliseconds) {};
  access::client client(api, p.api_version, p.project_id, retries);
  const apply::report report = apply::run(p, client, 1, nullptr);
  check(report.ok(), "a fake Access API that accepts everything did not take every change");
}

}  // namespace rolec::fuzz
