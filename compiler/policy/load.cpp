#include "policy/load.hpp"

// toml++ 3.3 checks parser invariants with assert(); some malformed files break them (found by
// mutating the test policies) and are reported as TOML errors all the same in Release builds and in
// Debian's shared library, which compile the checks out. Debug builds leave them out too, so that a
// bad file is a finding, never an abort.
#define TOML_ASSERT(expr) static_cast<void>(0)
#include <toml++/toml.h>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <filesystem>
#include <map>
#include <unordered_map>
#include <set>
#include <span>

#include "policy/toml_string.hpp"
#include "util/file.hpp"
#include "util/json_text.hpp"
#include "util/parallel.hpp"
#include "util/spell.hpp"

namespace rolec::policy {
namespace {

namespace fs = std::filesystem;
using diag::rule;

/// Turns one parsed TOML file into model entries, reporting what does not fit the format.
class reader {
 public:
  reader(const diag::source_file& file, diag::source_id id, load_result& result) : file_(file), id_(id), result_(result) {}

  void read(const toml::table& root) {
    check_keys(root, {"project", "targets", "permissions", "roles", "tests", "lint"}, "the top level");
    if (const toml::node* n = root.get("project")) read_project(*n);
    if (const toml::table* t = table_at(root, "targets")) {
      for (auto&& [key, value] : ordered(*t)) read_target(*key, *value);
    }
    if (const toml::table* t = table_at(root, "permissions")) {
      for (auto&& [key, value] : ordered(*t)) read_permission(*key, *value);
    }
    if (const toml::table* t = table_at(root, "roles")) {
      for (auto&& [key, value] : ordered(*t)) read_role(*key, *value);
    }
    if (const toml::node* n = root.get("tests")) read_tests(*n);
    if (const toml::node* n = root.get("lint")) read_lint(*n);
  }

 private:
  const diag::source_file& file_;
  diag::source_id id_;
  load_result& result_;  // this file's entries alone; `merge` joins the files

  // toml++ keeps tables sorted by key; findings read better in file order.
  static std::vector<std::pair<const toml::key*, const toml::node*>> ordered(const toml::table& t) {
    std::vector<std::pair<const toml::key*, const toml::node*>> entries;
    for (auto&& [key, value] : t) entries.emplace_back(&key, &value);
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      const auto& x = a.first->source().begin;
      const auto& y = b.first->source().begin;
      return x.line != y.line ? x.line < y.line : x.column < y.column;
    });
    return entries;
  }

  location at(const toml::source_region& r) const {
    const std::uint32_t begin = file_.offset_of_code_point(r.begin.line, r.begin.column);
    std::uint32_t end = r.end.line == 0 ? begin : file_.offset_of_code_point(r.end.line, r.end.column);
    if (end < begin) end = begin;
    return {id_, {begin, end}};
  }

  void report(rule r, location where, std::string message, std::string help = {}) {
    diag::diagnostic d = diag::make(r, where.where, std::move(message), std::move(help));
    d.source = where.source;
    result_.diagnostics.push_back(std::move(d));
  }

  void check_keys(const toml::table& t, std::initializer_list<std::string_view> allowed, std::string_view where) {
    std::vector<std::string> names(allowed.begin(), allowed.end());
    for (auto&& [key, value] : t) {
      if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
      std::string help = fmt::format("the keys of {} are {}", where, fmt::join(names, ", "));
      if (auto guess = util::closest(key.str(), names)) help = fmt::format("did you mean `{}`?", *guess);
      report(rule::unknown_key, at(key.source()), fmt::format("unknown key `{}` in {}", key.str(), where), help);
    }
  }

  const toml::table* table_at(const toml::table& t, std::string_view key) {
    const toml::node* n = t.get(key);
    if (n == nullptr) return nullptr;
    if (const toml::table* table = n->as_table()) return table;
    report(rule::invalid_type, at(n->source()), fmt::format("`{}` must be a table", key),
           fmt::format("write `[{}.NAME]` sections", key));
    return nullptr;
  }

  text read_text(const toml::table& t, std::string_view key) {
    text out;
    const toml::node* n = t.get(key);
    if (n == nullptr) return out;
    if (const auto* s = n->as_string()) {
      out.value = s->get();
      out.at = at(n->source());
      out.present = true;
    } else {
      out.at = at(n->source());
      out.invalid = true;
      report(rule::invalid_type, out.at, fmt::format("`{}` must be a string", key),
             fmt::format("write `{} = \"...\"`", key));
    }
    return out;
  }

  flag read_flag(const toml::table& t, std::string_view key) {
    flag out;
    const toml::node* n = t.get(key);
    if (n == nullptr) return out;
    if (const auto* b = n->as_boolean()) {
      out.value = b->get();
      out.at = at(n->source());
      out.present = true;
    } else {
      report(rule::invalid_type, at(n->source()), fmt::format("`{}` must be `true` or `false`", key));
    }
    return out;
  }

  // A string, or an array of strings (`extends`, `actions`, `allow`).
  std::vector<text> read_strings(const toml::table& t, std::string_view key, bool allow_single = false) {
    std::vector<text> out;
    const toml::node* n = t.get(key);
    if (n == nullptr) return out;
    if (allow_single && n->is_string()) return {read_text(t, key)};
    const toml::array* a = n->as_array();
    if (a == nullptr) {
      report(rule::invalid_type, at(n->source()), fmt::format("`{}` must be an array of strings", key),
             fmt::format("write `{} = [\"...\"]`", key));
      return out;
    }
    for (const toml::node& item : *a) {
      if (const auto* s = item.as_string()) {
        out.push_back({s->get(), at(item.source()), true});
      } else {
        report(rule::invalid_type, at(item.source()), fmt::format("the elements of `{}` must be strings", key));
      }
    }
    return out;
  }

  void read_project(const toml::node& n) {
    const toml::table* t = n.as_table();
    if (t == nullptr) {
      report(rule::invalid_type, at(n.source()), "`project` must be a table", "write a `[project]` section");
      return;
    }
    check_keys(*t, {"id", "api_version", "exclusive", "protect"}, "`[project]`");
    result_.merged.project_id = read_text(*t, "id");
    result_.merged.api_version = read_text(*t, "api_version");
    result_.merged.exclusive = read_flag(*t, "exclusive");
    result_.merged.protected_roles = read_strings(*t, "protect");
  }

  void read_target(const toml::key& key, const toml::node& n) {
    const toml::table* t = n.as_table();
    if (t == nullptr) {
      report(rule::invalid_type, at(n.source()), fmt::format("target `{}` must be a table", key.str()));
      return;
    }
    check_keys(*t, {"project", "api_version"}, fmt::format("target `{}`", key.str()));
    target out;
    out.name = {std::string(key.str()), at(key.source()), true};
    out.project = read_text(*t, "project");
    out.api_version = read_text(*t, "api_version");
    result_.merged.targets.push_back(std::move(out));
  }

  void read_permission(const toml::key& key, const toml::node& n) {
    const toml::table* t = n.as_table();
    if (t == nullptr) {
      report(rule::invalid_type, at(n.source()), fmt::format("permission `{}` must be a table", key.str()),
             fmt::format("write `[permissions.{}]`", key.str()));
      return;
    }
    check_keys(*t, {"title", "description", "type", "filter"}, fmt::format("permission `{}`", key.str()));
    permission out;
    out.name = {std::string(key.str()), at(key.source()), true};
    out.title = read_text(*t, "title");
    out.description = read_text(*t, "description");
    out.type = read_text(*t, "type");
    if (const toml::node* f = t->get("filter")) {
      if (const auto* s = f->as_string()) {
        out.filter = filter_of(*s, at(f->source()));
      } else {
        report(rule::invalid_type, at(f->source()), "`filter` must be a string",
               "write the GROQ filter in a literal string: filter = '''_type == \"post\"'''");
      }
    }
    result_.merged.permissions.push_back(std::move(out));
  }

  // Maps every byte of the filter back to the file; if the literal cannot be re-read exactly,
  // every position falls back to the start of the string rather than to a wrong column.
  filter_source filter_of(const toml::value<std::string>& value, location literal) const {
    filter_source out;
    out.text = value.get();
    out.literal = literal;
    const std::string_view raw = file_.text().substr(literal.where.begin, literal.where.size());
    const auto mapped = map_toml_string(raw);
    if (mapped && mapped->value == out.text) {
      out.offsets.reserve(mapped->offsets.size());
      for (std::uint32_t o : mapped->offsets) out.offsets.push_back(literal.where.begin + o);
    } else {
      out.exact = false;
      out.offsets.assign(out.text.size() + 1, literal.where.begin);
    }
    return out;
  }

  void read_role(const toml::key& key, const toml::node& n) {
    const toml::table* t = n.as_table();
    if (t == nullptr) {
      report(rule::invalid_type, at(n.source()), fmt::format("role `{}` must be a table", key.str()),
             fmt::format("write `[roles.{}]`", key.str()));
      return;
    }
    check_keys(*t, {"title", "description", "applies_to_users", "applies_to_robots", "extends", "protect", "grants"},
               fmt::format("role `{}`", key.str()));
    role out;
    out.name = {std::string(key.str()), at(key.source()), true};
    out.title = read_text(*t, "title");
    out.description = read_text(*t, "description");
    out.applies_to_users = read_flag(*t, "applies_to_users");
    out.applies_to_robots = read_flag(*t, "applies_to_robots");
    out.protect = read_flag(*t, "protect");
    out.extends = read_strings(*t, "extends", true);
    if (const toml::node* g = t->get("grants")) {
      out.grants_at = at(g->source());
      out.has_grants = !g->is_array() || !g->as_array()->empty();
      if (const toml::array* a = g->as_array()) {
        for (const toml::node& item : *a) read_grant(item, out);
      } else {
        report(rule::invalid_type, at(g->source()), "`grants` must be an array of tables",
               "write grants = [ { permission = \"...\", actions = [\"read\"] } ]");
      }
    }
    result_.merged.roles.push_back(std::move(out));
  }

  void read_grant(const toml::node& n, role& owner) {
    const toml::table* t = n.as_table();
    if (t == nullptr) {
      report(rule::invalid_type, at(n.source()), "a grant must be a table",
             "write { permission = \"...\", actions = [\"read\"] }");
      return;
    }
    check_keys(*t, {"permission", "actions", "mode", "history", "params"}, "a grant");
    grant out;
    out.at = at(n.source());
    out.permission = read_text(*t, "permission");
    if (const toml::node* a = t->get("actions")) {
      out.has_actions = true;
      out.actions_at = at(a->source());
      out.actions = read_strings(*t, "actions");
    }
    out.mode = read_text(*t, "mode");
    out.history = read_flag(*t, "history");
    if (const toml::node* p = t->get("params")) {
      if (const toml::table* params = p->as_table()) {
        for (auto&& [key, value] : *params) out.params.push_back(read_param(key, value));
      } else {
        report(rule::invalid_type, at(p->source()), "`params` must be a table", "write params = { dataset = \"production\" }");
      }
    }
    if (!out.permission.present) {
      report(rule::missing_key, out.at, "this grant names no permission", "add permission = \"...\"");
    }
    owner.grants.push_back(std::move(out));
  }

  param read_param(const toml::key& key, const toml::node& value) {
    param p;
    p.name = std::string(key.str());
    p.key = at(key.source());
    p.value = at(value.source());
    if (const auto* s = value.as_string()) {
      p.type = param::kind::string;
      p.string_value = s->get();
    } else if (const auto* b = value.as_boolean()) {
      p.type = param::kind::boolean;
      p.bool_value = b->get();
    } else if (const auto* i = value.as_integer()) {
      p.type = param::kind::integer;
      p.number_value = static_cast<double>(i->get());
    } else if (const auto* f = value.as_floating_point()) {
      p.type = param::kind::floating;
      p.number_value = f->get();
    }
    return p;
  }

  void read_tests(const toml::node& n) {
    const toml::array* tests = n.as_array();
    if (tests == nullptr) {
      report(rule::invalid_type, at(n.source()), "`tests` must be an array of tables", "write `[[tests]]` sections");
      return;
    }
    for (const toml::node& item : *tests) {
      const toml::table* t = item.as_table();
      if (t == nullptr) {
        report(rule::invalid_type, at(item.source()), "a test must be a table", "write a `[[tests]]` section");
        continue;
      }
      read_test(*t, at(item.source()));
    }
  }

  void read_test(const toml::table& t, location where) {
    check_keys(t, {"name", "role", "roles", "identity", "attributes", "robot", "dataset", "document", "document_file",
                   "allow", "deny"},
               "a test");
    test_case out;
    out.at = where;
    out.name = read_text(t, "name");
    out.roles = read_strings(t, "roles");
    if (text single = read_text(t, "role"); single.present) out.roles.insert(out.roles.begin(), single);
    out.identity = read_text(t, "identity");
    out.attributes = read_json_table(t, "attributes", "attributes = { team = \"news\" }");
    out.robot = read_flag(t, "robot");
    out.dataset = read_text(t, "dataset");
    out.document = read_json_table(t, "document", "document = { _id = \"drafts.p1\", _type = \"post\" }");
    if (out.document.present) {
      const toml::node* id = t.get("document")->as_table()->get("_id");
      if (id == nullptr || !id->is_string()) {
        report(rule::missing_key, out.document.at, "the document has no `_id`",
               "add _id = \"drafts.NAME\" for a draft, or _id = \"NAME\" for the published document");
      }
    }
    out.document_file = read_text(t, "document_file");
    if (out.document_file.present) {
      out.document_file.at = at(t.find("document_file")->first.source());
      out.document_path = (fs::path(file_.name()).parent_path() / out.document_file.value).lexically_normal().string();
      if (out.document.present) {
        report(rule::unknown_key, out.document_file.at, "a test takes `document` or `document_file`, not both",
               "remove one of them");
      }
    }
    out.allow = read_strings(t, "allow");
    out.deny = read_strings(t, "deny");
    for (const auto* expectations : {&out.allow, &out.deny}) {
      for (const text& action : *expectations) check_test_action(action);
    }
    if (!t.contains("role") && !t.contains("roles")) {
      report(rule::missing_key, where, "this test names no role", "add role = \"...\" or roles = [\"...\"]");
    }
    if (!t.contains("document") && !t.contains("document_file")) {
      report(rule::missing_key, where, "this test has no document",
             "add document = { _id = \"...\", _type = \"...\" }, or document_file = \"path.json\"");
    }
    if (!t.contains("allow") && !t.contains("deny")) {
      report(rule::missing_key, where, "this test expects nothing", "add allow = [...] or deny = [...]");
    }
    result_.merged.tests.push_back(std::move(out));
  }

  // What a test may expect: the actions of document permissions, and the operations that take
  // several of them.
  void check_test_action(const text& action) {
    static const std::vector<std::string> names{"read",    "create",      "update",  "manage",
                                                "history", "editHistory", "publish", "delete"};
    if (std::find(names.begin(), names.end(), action.value) != names.end()) return;
    std::string help = "a test expects the document actions read, create, update, manage, history and editHistory, "
                       "or the operations publish and delete";
    if (auto guess = util::closest(action.value, names)) help = fmt::format("did you mean `{}`?", *guess);
    report(rule::unknown_action, action.at, fmt::format("a test cannot expect `{}`: there is no such action", action.value),
           help);
  }

  // A table of a test (`document`, `attributes`) as JSON text.
  json_value read_json_table(const toml::table& t, std::string_view key, std::string_view example) {
    json_value out;
    const toml::node* n = t.get(key);
    if (n == nullptr) return out;
    out.at = at(n->source());
    if (!n->is_table()) {
      report(rule::invalid_type, out.at, fmt::format("`{}` must be a table", key), fmt::format("write {}", example));
      return out;
    }
    out.json = util::json_text(json_of(*n));
    out.present = true;
    return out;
  }

  // TOML to JSON: tables are objects, dates and times RFC 3339 strings (a local date-time is
  // taken as UTC). JSON has no infinity or NaN, so those are reported and become null.
  nlohmann::json json_of(const toml::node& n) {
    if (const toml::table* t = n.as_table()) {
      nlohmann::json out = nlohmann::json::object();
      for (auto&& [key, value] : *t) out[std::string(key.str())] = json_of(value);
      return out;
    }
    if (const toml::array* a = n.as_array()) {
      nlohmann::json out = nlohmann::json::array();
      for (const toml::node& item : *a) out.push_back(json_of(item));
      return out;
    }
    if (const auto* s = n.as_string()) return s->get();
    if (const auto* i = n.as_integer()) return i->get();
    if (const auto* b = n.as_boolean()) return b->get();
    if (const auto* f = n.as_floating_point()) {
      if (std::isfinite(f->get())) return f->get();
      report(rule::invalid_type, at(n.source()), "a JSON value cannot be infinite or NaN", "write a finite number");
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

  static std::string rfc3339(const toml::date& d) { return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day); }

  static std::string rfc3339(const toml::time& t) {
    std::string out = fmt::format("{:02}:{:02}:{:02}", t.hour, t.minute, t.second);
    if (t.nanosecond == 0) return out;
    std::string fraction = fmt::format("{:09}", t.nanosecond);
    while (fraction.back() == '0') fraction.pop_back();
    return out + "." + fraction;
  }

  void read_lint(const toml::node& n) {
    const toml::table* t = n.as_table();
    if (t == nullptr) {
      report(rule::invalid_type, at(n.source()), "`lint` must be a table", "write a `[lint.rules]` section");
      return;
    }
    check_keys(*t, {"rules"}, "`[lint]`");
    const toml::table* rules = table_at(*t, "rules");
    if (rules == nullptr) return;
    for (auto&& [key, value] : ordered(*rules)) {
      rule_level level;
      level.rule = {std::string(key->str()), at(key->source()), true};
      if (const auto* s = value->as_string()) {
        level.level = {s->get(), at(value->source()), true};
        result_.merged.lint_levels.push_back(std::move(level));
      } else {
        report(rule::invalid_type, at(value->source()), "a rule level must be a string",
               "write \"off\", \"info\", \"warning\" or \"error\"");
      }
    }
  }
};

std::string house_style(std::string message) {
  if (!message.empty()) message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
  while (!message.empty() && (message.back() == '.' || message.back() == ' ')) message.pop_back();
  return message;
}

void collect(const fs::path& path, std::vector<std::string>& files, std::vector<std::string>& errors) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->is_regular_file() && it->path().extension() == ".toml") found.push_back(it->path().string());
    }
    if (ec) errors.push_back(fmt::format("{}: {}", path.string(), ec.message()));
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
    return;
  }
  if (!fs::exists(path, ec)) {
    errors.push_back(fmt::format("{}: no such file or folder", path.string()));
    return;
  }
  files.push_back(path.string());
}

// Parses one registered file into its own result; files are independent, so this runs in parallel.
load_result load_one(const diag::source_file& file, diag::source_id id) {
  load_result result;
  result.merged.files.push_back(id);
  toml::table root;
  try {
    root = toml::parse(file.text(), std::string_view(file.name()));
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    const std::uint32_t offset = file.offset_of_code_point(begin.line, begin.column);
    diag::diagnostic d = diag::make(diag::rule::toml_syntax, {offset, offset + 1},
                                    "invalid TOML: " + house_style(std::string(e.description())),
                                    "this file is skipped until it parses; references into it are not checked");
    d.source = id;
    result.diagnostics.push_back(std::move(d));
    result.merged.broken_files.push_back(id);
    return result;
  }
  reader(file, id, result).read(root);
  return result;
}

/// Where each name was first defined, one table per kind ("roles", "permissions", ...). Keys view
/// the names in the merged policy, whose vectors are reserved up front so that they never move.
using definitions = std::unordered_map<std::string, std::unordered_map<std::string_view, location>>;

// Appends one file's entries to the merged policy. A name defined in an earlier file wins; the
// later definition is reported, with a note at the first, and left out.
void merge(load_result&& part, load_result& into, definitions& seen) {
  const auto first = [&](const std::string& kind, std::string_view name, const location& where) {
    const auto [it, inserted] = seen[kind].emplace(name, where);
    if (inserted) return true;
    diag::diagnostic d = diag::make(rule::duplicate_name, where.where, fmt::format("`{}.{}` is defined twice", kind, name),
                                    "give one of them another name, or merge them");
    d.source = where.source;
    d.notes.push_back({"first defined here", it->second.where, it->second.source});
    into.diagnostics.push_back(std::move(d));
    return false;
  };
  // Moves each entry whose name is new into `to`, then records the name as it now sits there.
  const auto append = [&](const std::string& kind, auto& from, auto& to) {
    for (auto& entry : from) {
      if (seen[kind].count(entry.name.value) > 0) {
        first(kind, entry.name.value, entry.name.at);
        continue;
      }
      to.push_back(std::move(entry));
      first(kind, to.back().name.value, to.back().name.at);
    }
  };
  policy& from = part.merged;
  policy& to = into.merged;
  if (from.project_id.present && first("project", "id", from.project_id.at)) to.project_id = std::move(from.project_id);
  if (from.api_version.present && first("project", "api_version", from.api_version.at)) {
    to.api_version = std::move(from.api_version);
  }
  if (from.exclusive.present && first("project", "exclusive", from.exclusive.at)) to.exclusive = from.exclusive;
  std::move(from.protected_roles.begin(), from.protected_roles.end(), std::back_inserter(to.protected_roles));
  append("targets", from.targets, to.targets);
  append("permissions", from.permissions, to.permissions);
  append("roles", from.roles, to.roles);
  std::move(from.tests.begin(), from.tests.end(), std::back_inserter(to.tests));
  std::move(from.lint_levels.begin(), from.lint_levels.end(), std::back_inserter(to.lint_levels));
  to.files.insert(to.files.end(), from.files.begin(), from.files.end());
  to.broken_files.insert(to.broken_files.end(), from.broken_files.begin(), from.broken_files.end());
  std::move(part.diagnostics.begin(), part.diagnostics.end(), std::back_inserter(into.diagnostics));
}

// Merges the files' results in order, with the merged vectors reserved so that names keep their place.
void merge_all(std::vector<load_result>& parts, load_result& into) {
  std::size_t targets = 0, permissions = 0, roles = 0;
  for (const load_result& part : parts) {
    targets += part.merged.targets.size();
    permissions += part.merged.permissions.size();
    roles += part.merged.roles.size();
  }
  into.merged.targets.reserve(into.merged.targets.size() + targets);
  into.merged.permissions.reserve(into.merged.permissions.size() + permissions);
  into.merged.roles.reserve(into.merged.roles.size() + roles);
  definitions seen;
  seen["permissions"].reserve(permissions);
  seen["roles"].reserve(roles);
  for (load_result& part : parts) merge(std::move(part), into, seen);
}

}  // namespace

load_result load(const std::vector<std::string>& paths, diag::source_manager& sources) {
  load_result result;
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    if (p == "-") {
      files.push_back(p);
    } else {
      collect(p, files, result.errors);
    }
  }
  // Read and register every file first (the source manager is not shared between threads), then
  // parse them on every core, then merge in path order.
  std::set<fs::path> read_already;  // a file named twice (`rolec lint policy policy/roles.toml`) is read once
  std::vector<diag::source_id> ids;
  for (const std::string& path : files) {
    if (path != "-") {
      std::error_code ec;
      const fs::path canonical = fs::weakly_canonical(path, ec);
      if (!ec && !read_already.insert(canonical).second) continue;
    }
    std::string error;
    auto content = util::read_file(path, error);
    if (!content) {
      result.errors.push_back(error);
      continue;
    }
    ids.push_back(sources.add(path == "-" ? "<stdin>" : path, std::move(*content)));
  }
  std::vector<load_result> parts(ids.size());
  // A thread costs more than parsing a small policy: use more than one only for a large one.
  std::size_t bytes = 0;
  for (const diag::source_id id : ids) bytes += sources.file(id).text().size();
  const unsigned threads = bytes < 256 * 1024 ? 1 : 0;
  util::parallel_for(ids.size(), threads, [&](std::size_t i) { parts[i] = load_one(sources.file(ids[i]), ids[i]); });
  merge_all(parts, result);
  return result;
}

}  // namespace rolec::policy
