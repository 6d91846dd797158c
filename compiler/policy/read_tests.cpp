// `[[tests]]`: policy tests, their documents and attributes turned into JSON.

#include "policy/reader.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "util/json_text.hpp"
#include "util/spell.hpp"

namespace rolec::policy {

const std::vector<std::string>& test_expectation_names() {
  static const std::vector<std::string> names{"read",    "create",         "update",  "manage",    "history",
                                              "editHistory", "delete",     "discardDraft", "discardVersion",
                                              "publish", "unpublish",      "duplicate"};
  return names;
}


using diag::rule;

namespace {

std::string rfc3339(const toml::date& d) { return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day); }

std::string rfc3339(const toml::time& t) {
  std::string out = fmt::format("{:02}:{:02}:{:02}", t.hour, t.minute, t.second);
  if (t.nanosecond == 0) return out;
  std::string fraction = fmt::format("{:09}", t.nanosecond);
  while (fraction.back() == '0') fraction.pop_back();
  return out + "." + fraction;
}

// TOML to JSON: tables are objects, dates and times RFC 3339 strings (a local date-time is
// taken as UTC). JSON has no infinity or NaN, so those are reported and become null.
nlohmann::json json_of(reader& r, const toml::node& n) {
  if (const toml::table* t = n.as_table()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto&& [key, value] : *t) out[std::string(key.str())] = json_of(r, value);
    return out;
  }
  if (const toml::array* a = n.as_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const toml::node& item : *a) out.push_back(json_of(r, item));
    return out;
  }
  if (const auto* s = n.as_string()) return s->get();
  if (const auto* i = n.as_integer()) return i->get();
  if (const auto* b = n.as_boolean()) return b->get();
  if (const auto* f = n.as_floating_point()) {
    if (std::isfinite(f->get())) return f->get();
    r.report(rule::invalid_type, r.at(n.source()), "a JSON value cannot be infinite or NaN", "write a finite number");
    return nullptr;
  }
  if (const auto* d = n.as_date()) return rfc3339(d->get());
  if (const auto* tm = n.as_time()) return rfc3339(tm->get());
  if (const auto* dt = n.as_date_time()) {
    const toml::date_time& v = dt->get();
    std::string out = rfc3339(v.date) + "T" + rfc3339(v.time);
    if (!v.offset || v.offset->minutes == 0) return out + "Z";
    const int minutes = std::abs(v.offset->minutes);
    return out + fmt::format("{}{:02}:{:02}", v.offset->minutes < 0 ? '-' : '+', minutes / 60, minutes % 60);
  }
  return nullptr;
}

// A table of a test (`document`, `attributes`) as JSON text.
json_value read_json_table(reader& r, const toml::table& t, std::string_view key, std::string_view example) {
  json_value out;
  const toml::node* n = t.get(key);
  if (n == nullptr) return out;
  out.at = r.at(n->source());
  if (!n->is_table()) {
    r.report(rule::invalid_type, out.at, fmt::format("`{}` must be a table", key), fmt::format("write {}", example));
    return out;
  }
  out.json = util::json_text(json_of(r, *n));
  out.present = true;
  return out;
}

// An inline document has an `_id` string: it says which form of the document it is.
void check_document_id(reader& r, const toml::table& document, const location& at) {
  const toml::node* id = document.get("_id");
  if (id == nullptr || !id->is_string()) {
    r.report(rule::missing_key, at, "the document has no `_id`",
             "add _id = \"drafts.NAME\" for a draft, or _id = \"NAME\" for the published document");
  }
}

// `documents = [{...}, ...]`: the forms of one document, each a table with its `_id`.
std::vector<json_value> read_documents(reader& r, const toml::table& t) {
  std::vector<json_value> out;
  const toml::node* n = t.get("documents");
  if (n == nullptr) return out;
  const toml::array* forms = n->as_array();
  if (forms == nullptr || forms->empty()) {
    r.report(rule::invalid_type, r.at(n->source()), "`documents` must be a non-empty array of tables",
             "write documents = [{ _id = \"p1\", _type = \"post\" }, { _id = \"drafts.p1\", _type = \"post\" }]");
    return out;
  }
  for (const toml::node& item : *forms) {
    json_value one;
    one.at = r.at(item.source());
    const toml::table* document = item.as_table();
    if (document == nullptr) {
      r.report(rule::invalid_type, one.at, "each of `documents` must be a table", "write { _id = \"p1\", _type = \"post\" }");
      continue;
    }
    check_document_id(r, *document, one.at);
    one.json = util::json_text(json_of(r, item));
    one.present = true;
    out.push_back(std::move(one));
  }
  return out;
}

// What a test may expect: the actions of document permissions, and Studio's operations.
void check_test_action(reader& r, const text& action) {
  const std::vector<std::string>& names = test_expectation_names();
  if (std::find(names.begin(), names.end(), action.value) != names.end()) return;
  // `PERMISSION.ACTION`, a project permission's action: `rolec test` checks it against the catalogue.
  if (action.value.find('.') != std::string::npos) return;
  std::string help = "a test expects the document actions read, create, update, manage, history and editHistory, "
                     "the operations delete, discardDraft, discardVersion, publish, unpublish and duplicate, or a "
                     "project permission's action as PERMISSION.ACTION (sanity-project-tokens.create)";
  if (auto guess = util::closest(action.value, names)) help = fmt::format("did you mean `{}`?", *guess);
  r.report(rule::unknown_action, action.at, fmt::format("a test cannot expect `{}`: there is no such action", action.value),
           help);
}

void read_test(reader& r, const toml::table& t, location where) {
  r.check_keys(t, {"name", "role", "roles", "identity", "attributes", "robot", "dataset", "document", "document_file",
               "documents", "live_edit", "anonymous", "allow", "deny"},
             "a test");
  test_case out;
  out.at = where;
  out.name = r.read_text(t, "name");
  out.roles = r.read_strings(t, "roles");
  if (text single = r.read_text(t, "role"); single.present) out.roles.insert(out.roles.begin(), single);
  out.identity = r.read_text(t, "identity");
  out.attributes = read_json_table(r, t, "attributes", "attributes = { team = \"news\" }");
  out.robot = r.read_flag(t, "robot");
  out.anonymous = r.read_flag(t, "anonymous");
  out.dataset = r.read_text(t, "dataset");
  out.document = read_json_table(r, t, "document", "document = { _id = \"drafts.p1\", _type = \"post\" }");
  if (out.document.present) check_document_id(r, *t.get("document")->as_table(), out.document.at);
  out.document_file = r.read_text(t, "document_file");
  if (out.document_file.present) {
    out.document_file.at = r.at(t.find("document_file")->first.source());
    out.document_path = (std::filesystem::path(r.file.name()).parent_path() / out.document_file.value).lexically_normal().string();
    if (out.document.present) {
      r.report(rule::unknown_key, out.document_file.at, "a test takes `document` or `document_file`, not both",
               "remove one of them");
    }
  }
  out.documents = read_documents(r, t);
  if (t.contains("documents") && (t.contains("document") || t.contains("document_file"))) {
    r.report(rule::unknown_key, r.at(t.find("documents")->first.source()),
             "a test takes `document`, `document_file` or `documents`, one of them", "remove all but one");
  }
  out.live_edit = r.read_flag(t, "live_edit");
  out.allow = r.read_strings(t, "allow");
  out.deny = r.read_strings(t, "deny");
  for (const auto* expectations : {&out.allow, &out.deny}) {
    for (const text& action : *expectations) check_test_action(r, action);
  }
  if (out.anonymous.value && (t.contains("role") || t.contains("roles"))) {
    r.report(rule::unknown_key, out.anonymous.at, "an anonymous visitor holds no role: a test takes `anonymous = true` or roles",
             "remove one of them");
  } else if (!out.anonymous.value && !t.contains("role") && !t.contains("roles")) {
    r.report(rule::missing_key, where, "this test names no role",
             "add role = \"...\" or roles = [\"...\"], or anonymous = true for a visitor without a token");
  }
  const auto about_documents = [](const std::vector<text>& names) {
    return std::any_of(names.begin(), names.end(), [](const text& n) { return n.value.find('.') == std::string::npos; });
  };
  const bool needs_document = about_documents(out.allow) || about_documents(out.deny);
  if (needs_document && !t.contains("document") && !t.contains("document_file") && !t.contains("documents")) {
    r.report(rule::missing_key, where, "this test has no document",
             "add document = { _id = \"...\", _type = \"...\" }, documents = [...] for several forms, or "
             "document_file = \"path.json\"");
  }
  if (!t.contains("allow") && !t.contains("deny")) {
    r.report(rule::missing_key, where, "this test expects nothing", "add allow = [...] or deny = [...]");
  }
  r.result.merged.tests.push_back(std::move(out));
}

}  // namespace

void read_tests(reader& r, const toml::node& n) {
  const toml::array* tests = n.as_array();
  if (tests == nullptr) {
    r.report(rule::invalid_type, r.at(n.source()), "`tests` must be an array of tables", "write `[[tests]]` sections");
    return;
  }
  for (const toml::node& item : *tests) {
    const toml::table* t = item.as_table();
    if (t == nullptr) {
      r.report(rule::invalid_type, r.at(item.source()), "a test must be a table", "write a `[[tests]]` section");
      continue;
    }
    read_test(r, *t, r.at(item.source()));
  }
}

}  // namespace rolec::policy
