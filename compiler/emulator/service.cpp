#include "emulator/service.hpp"

#include <fmt/format.h>

#include <cctype>

#include "emulator/state_file.hpp"
#include "util/json_text.hpp"

namespace rolec::emulator {
namespace {

constexpr requirement roles_read{"sanity-project-roles", "read"};
constexpr requirement roles_create{"sanity-project-roles", "create"};
constexpr requirement roles_update{"sanity-project-roles", "update"};
constexpr requirement roles_delete{"sanity-project-roles", "delete"};
constexpr requirement members_read{"sanity-project-members", "read"};
constexpr requirement members_update{"sanity-project-members", "update"};

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    const std::size_t slash = path.find('/');
    const std::string_view part = path.substr(0, slash);
    if (!part.empty()) out.push_back(part);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

// `vYYYY-MM-DD`: the API versions of the Access API are dates.
bool is_version(std::string_view s) {
  if (s.size() != 11 || s[0] != 'v' || s[5] != '-' || s[8] != '-') return false;
  for (const std::size_t i : {1, 2, 3, 4, 6, 7, 9, 10}) {
    if (std::isdigit(static_cast<unsigned char>(s[i])) == 0) return false;
  }
  return true;
}

bool is_write(const std::string& method) { return method != "GET" && method != "HEAD"; }

json parse_body(const std::string& body) {
  try {
    return json::parse(body);
  } catch (const json::parse_error& e) {
    // nlohmann prefixes its messages with `[json.exception.parse_error.101] `.
    const std::string_view what = e.what();
    const std::size_t tag_end = what.find("] ");
    throw api_error{400, fmt::format("the body is not valid JSON: {}",
                                     tag_end == std::string_view::npos ? what : what.substr(tag_end + 2))};
  }
}

// The permissions and roles endpoints work alike; this names the operations of one of them.
struct collection {
  std::string_view name;
  reply (store::*list)(const project&, const page_request&) const;
  reply (store::*get)(const project&, std::string_view) const;
  reply (store::*create)(project&, const json&);
  reply (store::*update)(project&, std::string_view, const json&);
  reply (store::*remove)(project&, std::string_view);
};

constexpr collection collections[] = {
    {"permissions", &store::list_permissions, &store::get_permission, &store::create_permission, &store::update_permission,
     &store::delete_permission},
    {"roles", &store::list_roles, &store::get_role, &store::create_role, &store::update_role, &store::delete_role},
};

// One endpoint: the permission it needs and what it does.
struct endpoint {
  requirement needs;
  std::function<reply(store&, project&)> run;
};

[[noreturn]] void no_endpoint(const request& r) { throw api_error{404, fmt::format("no endpoint at `{}`", r.path)}; }

[[noreturn]] void wrong_method(const request& r) {
  throw api_error{405, fmt::format("`{}` is not allowed on `{}`", r.method, r.path)};
}

endpoint collection_endpoint(const collection& c, const request& r, const std::vector<std::string_view>& rest) {
  if (rest.size() == 1) {
    if (r.method == "GET") return {roles_read, [&c, &r](store& s, project& p) { return (s.*c.list)(p, read_page_request(r.query)); }};
    if (r.method == "POST") return {roles_create, [&c, &r](store& s, project& p) { return (s.*c.create)(p, parse_body(r.body)); }};
    wrong_method(r);
  }
  const std::string name(rest[1]);
  if (r.method == "GET") return {roles_read, [&c, name](store& s, project& p) { return (s.*c.get)(p, name); }};
  if (r.method == "PUT") {
    return {roles_update, [&c, &r, name](store& s, project& p) { return (s.*c.update)(p, name, parse_body(r.body)); }};
  }
  if (r.method == "DELETE") return {roles_delete, [&c, name](store& s, project& p) { return (s.*c.remove)(p, name); }};
  wrong_method(r);
}

endpoint users_endpoint(const request& r, const std::vector<std::string_view>& rest) {
  if (rest.size() == 1 || rest.size() == 2) {
    if (r.method != "GET") wrong_method(r);
    if (rest.size() == 1) return {members_read, [&r](store& s, project& p) { return s.list_users(p, read_page_request(r.query)); }};
    return {members_read, [id = std::string(rest[1])](store& s, project& p) { return s.get_user(p, id); }};
  }
  if (rest.size() != 4 || rest[2] != "roles") no_endpoint(r);
  const std::string id(rest[1]);
  const std::string role_name(rest[3]);
  if (r.method == "PUT") return {members_update, [=](store& s, project& p) { return s.add_user_role(p, id, role_name); }};
  if (r.method == "DELETE") return {members_update, [=](store& s, project& p) { return s.remove_user_role(p, id, role_name); }};
  wrong_method(r);
}

// `rest` is the path after `/access/project/{id}`.
endpoint resolve(const request& r, const std::vector<std::string_view>& rest) {
  if (rest.empty()) no_endpoint(r);
  for (const collection& c : collections) {
    if (rest[0] == c.name && rest.size() <= 2) return collection_endpoint(c, r, rest);
  }
  if (rest[0] == "users") return users_endpoint(r, rest);
  no_endpoint(r);
}

std::string fault_note(const fault& f) {
  const std::string what = f.status == 0 ? std::string("dropped connection") : std::to_string(f.status);
  return f.kind == fault_kind::after_apply ? fmt::format("fault: {} after applying", what) : fmt::format("fault: {}", what);
}

std::string redact(std::string text, const std::vector<token_binding>& tokens) {
  constexpr std::string_view mask = "[token]";
  for (const token_binding& t : tokens) {
    for (std::size_t at = text.find(t.secret); at != std::string::npos; at = text.find(t.secret, at + mask.size())) {
      text.replace(at, t.secret.size(), mask);
    }
  }
  return text;
}

outcome answer(reply r) {
  outcome out;
  out.answer = std::move(r);
  return out;
}

// The answer a fault gives instead of the real one.
outcome faulty(const fault& f) {
  // A dropped connection still begins a response (a 503); the client sees it cut off.
  const int status = f.status == 0 ? 503 : f.status;
  outcome out = answer({status, boom(status, "the emulator injected this failure")});
  out.drop = f.status == 0;
  out.note = fault_note(f);
  return out;
}

}  // namespace

service::service(store initial, service_options options)
    : store_(std::move(initial)),
      options_(std::move(options)),
      faults_(options_.seed, options_.fail_rate),
      limiter_(options_.rate_limit),
      saved_version_(store_.version()) {}

outcome service::handle(const request& r) {
  const std::lock_guard lock(mutex_);
  outcome out = handle_locked(r);
  // A client may put a token where it does not belong (a path, a name); error messages and log
  // lines, which echo such input, must not carry it further.
  if (out.answer.status >= 400 && out.answer.body.contains("message")) {
    out.answer.body["message"] = redact(out.answer.body["message"].get<std::string>(), options_.tokens);
  }
  out.log = redact(fmt::format("{} {} {}{}", r.method, r.path, out.answer.status, out.note.empty() ? "" : " (" + out.note + ")"),
                   options_.tokens);
  return out;
}

outcome service::handle_locked(const request& r) {
  if (r.path.rfind(test_prefix, 0) != 0) return handle_api(r);
  if (r.method == "GET" && r.path == "/__emulator/state") return answer({200, state_json(store_.state())});
  if (r.method == "GET" && r.path == "/__emulator/stats") return answer({200, stats_locked()});
  return answer(error_reply({404, fmt::format("no endpoint at `{}`", r.path)}));
}

outcome service::handle_api(const request& r) {
  ++stats_.requests;
  if (!limiter_.admit(r.authorization.value_or(""), rate_limiter::clock::now())) {
    ++stats_.rate_limited;
    outcome out = answer(error_reply({429, fmt::format("rate limit exceeded: more than {} requests in a second", options_.rate_limit)}));
    out.headers.emplace_back("Retry-After", "1");
    out.note = "rate limited";
    return out;
  }
  const fault f = faults_.next(is_write(r.method));
  if (f.kind == fault_kind::server_error || f.kind == fault_kind::dropped) {
    ++(f.kind == fault_kind::dropped ? stats_.dropped : stats_.errors);
    return faulty(f);
  }
  outcome out = answer(serve(r));
  if (store_.version() != saved_version_) {
    std::string error;
    if (!save_locked(error)) out.note = fmt::format("state not saved: {}", error);
  }
  if (f.kind == fault_kind::after_apply) {
    ++stats_.after_apply;
    std::string note = std::move(out.note);
    out = faulty(f);
    if (!note.empty()) out.note += "; " + note;
  }
  return out;
}

reply service::serve(const request& r) {
  try {
    const std::vector<std::string_view> parts = segments(r.path);
    if (parts.size() < 4 || !is_version(parts[0]) || parts[1] != "access") no_endpoint(r);
    const token_binding& token = authenticate(options_.tokens, r.authorization ? &*r.authorization : nullptr);
    const endpoint e = resolve(r, {parts.begin() + 4, parts.end()});
    if (parts[2] != "project") throw api_error{404, fmt::format("resource type `{}` is not emulated, only `project`", parts[2])};
    project* in = store_.find_project(parts[3]);
    if (in == nullptr) throw api_error{404, fmt::format("project `{}` not found", parts[3])};
    permit(token, *in, e.needs);
    return e.run(store_, *in);
  } catch (const api_error& e) {
    return error_reply(e);
  }
}

bool service::save(std::string& error) {
  const std::lock_guard lock(mutex_);
  return save_locked(error);
}

bool service::save_locked(std::string& error) {
  if (!options_.save) return true;
  if (!options_.save(util::json_text(state_json(store_.state()), 2) + "\n", error)) return false;
  saved_version_ = store_.version();
  return true;
}

json service::stats() {
  const std::lock_guard lock(mutex_);
  return stats_locked();
}

json service::stats_locked() const {
  return json{{"requests", stats_.requests},
              {"faults", {{"errors", stats_.errors}, {"dropped", stats_.dropped}, {"after_apply", stats_.after_apply},
                          {"rate_limited", stats_.rate_limited}}},
              {"invariant_violations", store_.invariant_violations()}};
}

}  // namespace rolec::emulator
