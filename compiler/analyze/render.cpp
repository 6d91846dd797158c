#include "analyze/render.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "diag/render_machine.hpp"
#include "util/json_text.hpp"
#include "util/report_text.hpp"

namespace rolec::analyze {
namespace {

using json = nlohmann::ordered_json;

// JSON on one line with a space after `:` and `,`, as a person writes it in a comment.
void append_inline(std::string& out, const nlohmann::json& v) {
  if (v.is_object()) {
    out += '{';
    bool first = true;
    for (const auto& [key, item] : v.items()) {
      if (!first) out += ", ";
      first = false;
      util::append_json_string(out, key);
      out += ": ";
      append_inline(out, item);
    }
    out += '}';
  } else if (v.is_array()) {
    out += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i > 0) out += ", ";
      append_inline(out, v[i]);
    }
    out += ']';
  } else {
    out += util::json_text(v);
  }
}

std::string inline_json(const nlohmann::json& v) {
  std::string out;
  append_inline(out, v);
  return out;
}

struct counts {
  int widens = 0, narrows = 0, both = 0, unknown = 0, compared = 0, analysed = 0, with_solver = 0;
};

counts count(const report& r) {
  counts c;
  for (const change& x : r.changes) {
    ++c.compared;
    c.analysed += x.solved ? 1 : 0;
    c.with_solver += x.solver_checks > 0 ? 1 : 0;
    switch (x.result) {
      case verdict::widens: ++c.widens; break;
      case verdict::narrows: ++c.narrows; break;
      case verdict::both: ++c.both; break;
      case verdict::unknown: ++c.unknown; break;
      case verdict::unchanged: break;
    }
  }
  return c;
}

// One line of a change, for annotations: what it does and to which documents.
std::string headline(const change& c) {
  if (c.result == verdict::unknown) {
    return fmt::format("`{}` `{}`: the change to access is unknown: {}", c.role, c.action, c.reason);
  }
  std::string out;
  if (c.widened) out += fmt::format("`{}` may now `{}` {} (was not allowed)", c.role, c.action, documents_text(*c.widened));
  if (c.narrowed) {
    if (!out.empty()) out += "; ";
    out += fmt::format("`{}` may no longer `{}` {} (was allowed)", c.role, c.action, documents_text(*c.narrowed));
  }
  return out;
}

// The first place a change points at: a grant of the new policy that widens, else of the old one.
std::optional<site> first_site(const change& c, const sides_text& files) {
  if (c.widened && !c.widened->because.empty() && files.after != nullptr) {
    const site s = site_of(c.widened->because.front(), *files.after);
    if (!s.file.empty()) return s;
  }
  if (c.narrowed && !c.narrowed->because.empty() && files.before != nullptr) {
    const site s = site_of(c.narrowed->because.front(), *files.before);
    if (!s.file.empty()) return s;
  }
  return std::nullopt;
}

}  // namespace

std::string documents_text(const witness& w) {
  if (w.documents.size() == 1) return fmt::format("documents like {}", inline_json(w.documents.front()));
  std::string forms;
  for (const auto& d : w.documents) forms += (forms.empty() ? "" : " and ") + inline_json(d);
  return fmt::format("documents whose forms are {}", forms);
}

std::string who_text(const principal& p) {
  if (p.anonymous) return fmt::format("a visitor without a token, in dataset `{}`", p.dataset.value_or(""));
  std::string out = fmt::format("{} with identity() = {}", p.robot ? "a robot" : "a user", util::json_text(nlohmann::json(p.identity)));
  if (!p.attributes.is_null()) out += fmt::format(", user::attributes() = {}", inline_json(p.attributes));
  if (p.dataset) out += fmt::format(", in dataset `{}`", *p.dataset);
  if (p.now) out += fmt::format(", at {}", *p.now);
  return out;
}

std::string site_text(const site& s) {
  return s.file.empty() ? std::string("(built in)") : fmt::format("{}:{}:{}", s.file, s.line, s.column);
}

std::string causes_text(const witness& w, const diag::source_manager* sources) {
  if (w.who.anonymous) return " `[project] public_datasets` lists the dataset";
  std::string out;
  for (const cause& c : w.because) {
    const site s = sources == nullptr ? site{} : site_of(c, *sources);
    out += fmt::format("\n    `{}` ({}) at {}", c.permission, c.written, site_text(s));
  }
  return out;
}

json witness_json(const witness& w) {
  json out;
  if (w.documents.size() == 1) {
    out["document"] = w.documents.front();
  } else {
    out["documents"] = w.documents;
  }
  if (w.who.anonymous) out["anonymous"] = true;
  out["identity"] = w.who.identity;
  out["attributes"] = w.who.attributes;
  out["robot"] = w.who.robot;
  out["dataset"] = w.who.dataset ? json(*w.who.dataset) : json(nullptr);
  if (w.who.now) out["now"] = *w.who.now;
  return out;
}

site site_of(const cause& c, const diag::source_manager& sources) {
  if (c.grant == nullptr) return {};
  // The filter when it is what changed, else the grant (a role's new grant of an old permission).
  const policy::location* at = nullptr;
  const resolve::permission* p = c.grant->target;
  const bool has_filter = p != nullptr && p->written != nullptr && p->written->filter;
  if (has_filter && (c.filter_changed || c.grant->from.written == nullptr)) {
    at = &p->written->filter->literal;
  } else if (c.grant->from.written != nullptr) {
    at = &c.grant->from.shown_at();
  } else if (has_filter) {
    at = &p->written->filter->literal;
  }
  if (at == nullptr || at->source >= sources.size()) return {};
  const diag::source_file& file = sources.file(at->source);
  const diag::position pos = file.position_of(at->where.begin);
  return site{file.name(), pos.line, pos.column, diag::code_point_column(file, pos)};
}

void sentences(const change& c, std::vector<std::string>& widens, std::vector<std::string>& narrows) {
  // Who asks, where it is not a user of any dataset: a robot, a dataset, attributes.
  const auto asker = [](const principal& p) {
    std::string out;
    if (p.robot) out += ", for a robot";
    if (p.dataset) out += fmt::format(", in dataset `{}`", *p.dataset);
    if (!p.attributes.is_null()) out += fmt::format(", with user::attributes() = {}", inline_json(p.attributes));
    return out;
  };
  if (c.widened) {
    widens.push_back(fmt::format("`{}` may now `{}` {}{} (was not allowed)", c.role, c.action, documents_text(*c.widened),
                                 asker(c.widened->who)));
  }
  if (c.narrowed) {
    narrows.push_back(fmt::format("`{}` may no longer `{}` {}{} (was allowed)", c.role, c.action, documents_text(*c.narrowed),
                                  asker(c.narrowed->who)));
  }
  if (c.result == verdict::unknown) {
    widens.push_back(fmt::format("`{}` `{}`: unknown whether access changed: {}", c.role, c.action, c.reason));
  }
}

std::string render_human(const report& r, const sides_text& files) {
  std::string out;
  for (const change& c : r.changes) {
    if (c.result == verdict::unchanged) continue;
    if (c.widened) {
      out += fmt::format("`{}` may now `{}` {} (was not allowed)\n  asked by {}\n  because of:{}\n", c.role, c.action,
                         documents_text(*c.widened), who_text(c.widened->who), causes_text(*c.widened, files.after));
    }
    if (c.narrowed) {
      out += fmt::format("`{}` may no longer `{}` {} (was allowed)\n  asked by {}\n  allowed before by:{}\n", c.role,
                         c.action, documents_text(*c.narrowed), who_text(c.narrowed->who),
                         causes_text(*c.narrowed, files.before));
    }
    if (c.result == verdict::unknown) {
      out += fmt::format("`{}` `{}`: unknown whether access changed: {}\n", c.role, c.action, c.reason);
    }
    out += "\n";
  }
  const counts n = count(r);
  const int changed = n.widens + n.narrows + n.both + n.unknown;
  const std::string work = fmt::format("{} role-action pair{} compared, {} analysed, {} with the solver", n.compared,
                                       n.compared == 1 ? "" : "s", n.analysed, n.with_solver);
  if (changed == 0) {
    out += fmt::format("no change to access ({})\n", work);
  } else {
    out += fmt::format("access changes for {} role-action pair{}: {} widen, {} narrow, {} both ways, {} unknown ({})\n",
                       changed, changed == 1 ? "" : "s", n.widens, n.narrows, n.both, n.unknown, work);
  }
  return out;
}

json to_json(const report& r, const sides_text& files) {
  json access = json::array();
  for (const change& c : r.changes) {
    if (c.result == verdict::unchanged) continue;
    json entry;
    entry["role"] = c.role;
    entry["action"] = c.action;
    entry["verdict"] = name_of(c.result);
    if (c.widened) entry["widened"] = witness_json(*c.widened);
    if (c.narrowed) entry["narrowed"] = witness_json(*c.narrowed);
    if (!c.reason.empty()) entry["reason"] = c.reason;
    json because = json::array();
    for (const auto& [w, sources, side] : {std::tuple{&c.widened, files.after, "new"}, std::tuple{&c.narrowed, files.before, "old"}}) {
      if (!*w) continue;
      for (const cause& k : (*w)->because) {
        // Without the side's files (a live project read as a policy), the permission alone.
        const site s = sources == nullptr ? site{} : site_of(k, *sources);
        json item;
        item["permission"] = k.permission;
        item["side"] = side;
        item["file"] = s.file.empty() ? json(nullptr) : json(s.file.starts_with("git:") ? s.file : util::report_path(s.file));
        item["line"] = s.line;
        item["column"] = s.column;
        if (std::find(because.begin(), because.end(), item) == because.end()) because.push_back(std::move(item));
      }
    }
    entry["because"] = std::move(because);
    access.push_back(std::move(entry));
  }
  const counts n = count(r);
  json out;
  out["format_version"] = "1";
  out["access"] = std::move(access);
  out["summary"] = {{"widens", n.widens}, {"narrows", n.narrows}, {"both", n.both}, {"unknown", n.unknown},
                    {"compared", n.compared}, {"analysed", n.analysed}, {"with_solver", n.with_solver}};
  return out;
}

std::string render_sarif(const report& r, const sides_text& files, const std::string& version, const std::string& home) {
  json rules = json::array();
  const std::array<std::pair<const char*, const char*>, 3> kinds{
      {{"access-widens", "a change lets a role do more"},
       {"access-narrows", "a change lets a role do less"},
       {"access-unknown", "whether a change alters a role's access is unknown"}}};
  for (const auto& [id, text] : kinds) {
    json rule;
    rule["id"] = id;
    rule["shortDescription"]["text"] = text;
    rules.push_back(std::move(rule));
  }
  json results = json::array();
  for (const change& c : r.changes) {
    if (c.result == verdict::unchanged) continue;
    const int index = c.result == verdict::unknown ? 2 : c.widened ? 0 : 1;
    json result;
    result["ruleId"] = kinds[static_cast<std::size_t>(index)].first;
    result["ruleIndex"] = index;
    result["level"] = index == 1 ? "note" : "warning";
    result["message"]["text"] = headline(c);
    if (const auto s = first_site(c, files); s && !s->file.starts_with("git:")) {
      json location;
      location["physicalLocation"]["artifactLocation"] = diag::sarif_artifact(s->file);
      location["physicalLocation"]["region"]["startLine"] = s->line;
      location["physicalLocation"]["region"]["startColumn"] = s->code_point_column;
      result["locations"] = json::array({std::move(location)});
    }
    results.push_back(std::move(result));
  }
  return util::json_text(diag::sarif_log(version, home, std::move(rules), std::move(results)), 2) + "\n";
}

std::string render_github(const report& r, const sides_text& files) {
  std::string out;
  for (const change& c : r.changes) {
    if (c.result == verdict::unchanged) continue;
    const std::string_view command = c.result == verdict::narrows ? "notice" : "warning";
    std::string where;
    if (const auto s = first_site(c, files); s && !s->file.starts_with("git:")) {
      where = fmt::format(" file={},line={},col={},", util::workflow_property(util::report_path(s->file)), s->line, s->column);
    } else {
      where = " ";
    }
    fmt::format_to(std::back_inserter(out), "::{}{}title={}::{}\n", command, where,
                   util::workflow_property(fmt::format("rolec diff: {} {}", c.role, name_of(c.result))), util::workflow_data(headline(c)));
  }
  return out;
}

}  // namespace rolec::analyze
