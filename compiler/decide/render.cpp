// Explanations as people and programs read them: `rolec explain`, and failures of `rolec test`.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "decide/explain.hpp"

namespace rolec::decide {
namespace {

constexpr std::size_t widest_value = 24;

// Filters and their parts on one line: white space that spans lines becomes one space.
std::string one_line(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r') {
      std::size_t end = i;
      bool newline = false;
      while (end < text.size() && (text[end] == ' ' || text[end] == '\t' || text[end] == '\n' || text[end] == '\r')) {
        newline = newline || text[end] == '\n';
        ++end;
      }
      out += newline ? std::string(" ") : std::string(text.substr(i, end - i));
      i = end;
    } else {
      out += text[i++];
    }
  }
  while (!out.empty() && out.front() == ' ') out.erase(out.begin());
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string shortened(const std::string& value) {
  if (value.size() <= widest_value) return value;
  return value.substr(0, widest_value - 3) + "...";
}

std::string grant_title(const rule& g) {
  std::string out = fmt::format("`{}` of role `{}` ({})", g.permission, g.role, g.written);
  if (!g.via.empty()) out += fmt::format(", through `extends = [\"{}\"]`", g.via);
  return out;
}

void render_terms(std::string& out, const std::vector<term>& terms, std::string_view indent) {
  std::size_t width = 0;
  for (const term& t : terms) width = std::max(width, shortened(t.error.empty() ? t.value : "error").size());
  for (const term& t : terms) {
    const std::string value = shortened(t.error.empty() ? t.value : "error");
    out += fmt::format("{}{:<{}}  {:>{}}{}{}\n", indent, value, width, "", static_cast<std::size_t>(t.depth) * 2, one_line(t.text),
                       t.error.empty() ? "" : fmt::format("  ({})", t.error));
  }
}

std::string check_title(const check_explanation& c) {
  return fmt::format("`{}` on {} `{}`", name_of(c.what), name_of(c.kind), c.document_id);
}

void render_check(std::string& out, const model& m, const check_explanation& c, std::string_view indent) {
  const auto grants = m.rules();
  const auto filters = m.filters();
  if (c.public_read) {
    out += fmt::format("{}allowed to anyone: dataset `{}` is public, and anyone may read its documents under the root "
                       "path (ids without a dot), whatever the roles\n",
                       indent, m.ctx().dataset.value_or(""));
  }
  for (const grant_explanation& e : c.grants) {
    const rule& g = grants[e.rule];
    if (e.allows) {
      out += fmt::format("{}allowed by {}\n", indent, grant_title(g));
      out += fmt::format("{}  filter: {}\n", indent, one_line(filters[g.filter].text));
      continue;
    }
    out += fmt::format("{}not by {}: {}\n", indent, grant_title(g), e.verdict);
    if (!g.broken.empty()) continue;  // no filter to show
    if (e.terms.empty()) {
      out += fmt::format("{}  filter: {}\n", indent, one_line(filters[g.filter].text));
    } else {
      render_terms(out, e.terms, fmt::format("{}  ", indent));
    }
  }
  if (!c.allowed && c.grants.empty() && !m.ctx().anonymous) out += fmt::format("{}no grant of the roles gives `{}` at all\n", indent, name_of(c.what));
  for (const std::string& hint : c.hints) out += fmt::format("{}hint: {}\n", indent, hint);
}

nlohmann::ordered_json check_json(const model& m, const check_explanation& c) {
  const auto grants = m.rules();
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const grant_explanation& e : c.grants) {
    const rule& g = grants[e.rule];
    nlohmann::ordered_json item{{"role", g.role}, {"permission", g.permission}, {"grant", g.written},
                                {"filter", m.filters()[g.filter].text}, {"allows", e.allows}, {"verdict", e.verdict}};
    if (!g.via.empty()) item["via"] = g.via;
    if (!e.terms.empty()) {
      nlohmann::ordered_json terms = nlohmann::ordered_json::array();
      for (const term& t : e.terms) {
        nlohmann::ordered_json one{{"depth", t.depth}, {"text", t.text}};
        if (t.error.empty()) {
          one["value"] = nlohmann::ordered_json::parse(t.value);
        } else {
          one["error"] = t.error;
        }
        terms.push_back(std::move(one));
      }
      item["terms"] = std::move(terms);
    }
    list.push_back(std::move(item));
  }
  nlohmann::ordered_json out{{"action", name_of(c.what)}, {"document_id", c.document_id}, {"kind", name_of(c.kind)}};
  if (!c.purpose.empty()) out["purpose"] = c.purpose;
  out["exists"] = c.exists;
  if (c.public_read) out["public_read"] = true;
  out["decision"] = c.allowed ? "allow" : "deny";
  out["grants"] = std::move(list);
  out["hints"] = c.hints;
  return out;
}

}  // namespace

std::string render_human(const model& m, const explanation& e, std::string_view indent) {
  std::string out;
  const std::string who = m.ctx().anonymous   ? std::string("an anonymous visitor")
                          : e.roles.size() == 1 ? fmt::format("role `{}`", e.roles[0])
                                                : fmt::format("roles {}", fmt::join(e.roles, ", "));
  std::string context;
  if (!m.ctx().identity.empty()) context += fmt::format(", identity \"{}\"", m.ctx().identity);
  if (m.ctx().robot) context += ", a robot token";
  if (m.ctx().dataset) context += fmt::format(", dataset `{}`", *m.ctx().dataset);
  if (e.live_edit) context += ", a live-edit type";
  const bool single = single_action(e);
  const std::string subject = single ? check_title(e.checks[0]) : fmt::format("`{}` of `{}`", e.asked, e.id);
  out += fmt::format("{}{}: {}, for {}{}\n", indent, e.allowed ? "ALLOWED" : "DENIED", subject, who, context);
  for (const std::string& r : e.unknown_roles) {
    out += fmt::format("{}  role `{}` is neither in the policy nor built in\n", indent, r);
  }
  if (single) {
    render_check(out, m, e.checks[0], fmt::format("{}  ", indent));
    return out;
  }
  if (e.visitor_writes) {
    out += fmt::format("{}  an anonymous visitor changes nothing: every operation but reading needs a login\n", indent);
  }
  std::vector<std::string> forms;
  for (const std::string& id : e.forms) forms.push_back(fmt::format("{} `{}`", name_of(kind_of(id)), id));
  out += fmt::format("{}  the document: {}\n", indent, fmt::join(forms, ", "));
  if (e.checks.empty()) {
    if (!e.visitor_writes) {
      out += fmt::format("{}  Sanity Studio checks nothing for `{}` on a live-edit type: it has no drafts\n", indent, e.asked);
    }
    return out;
  }
  std::vector<std::string> needs;
  for (const check_explanation& c : e.checks) needs.push_back(fmt::format("`{}` on `{}`", name_of(c.what), c.document_id));
  out += fmt::format("{}  `{}` needs {}\n", indent, e.asked, fmt::join(needs, ", "));
  for (const check_explanation& c : e.checks) {
    const std::string purpose = c.purpose.empty() ? std::string() : fmt::format(", {}", c.purpose);
    if (!c.exists) {
      out += fmt::format("{}  {}: {}{}: there is none, so Studio does not check it\n", indent,
                         c.allowed ? "allowed" : "denied", check_title(c), purpose);
      continue;
    }
    out += fmt::format("{}  {}: {}{}\n", indent, c.allowed ? "allowed" : "denied", check_title(c), purpose);
    render_check(out, m, c, fmt::format("{}    ", indent));
  }
  return out;
}

nlohmann::ordered_json to_json(const model& m, const explanation& e) {
  nlohmann::ordered_json checks = nlohmann::ordered_json::array();
  std::vector<std::string> hints;
  for (const check_explanation& c : e.checks) {
    checks.push_back(check_json(m, c));
    hints.insert(hints.end(), c.hints.begin(), c.hints.end());
  }
  nlohmann::ordered_json out{{"format_version", "1"},
                             {"decision", e.allowed ? "allow" : "deny"},
                             {"role", e.roles.size() == 1 ? nlohmann::ordered_json(e.roles[0]) : nlohmann::ordered_json(e.roles)},
                             {"roles", e.roles},
                             {"action", e.asked},
                             {"document_id", single_action(e) ? e.checks[0].document_id : e.id},
                             {"documents", e.forms},
                             {"live_edit", e.live_edit},
                             {"identity", m.ctx().identity},
                             {"robot", m.ctx().robot},
                             {"anonymous", m.ctx().anonymous}};
  // The grants of a single action at the top, as the design's shape has them; every check in `checks`.
  out["grants"] = single_action(e) ? checks[0]["grants"] : nlohmann::ordered_json::array();
  out["unknown_roles"] = e.unknown_roles;
  out["hints"] = hints;
  out["checks"] = std::move(checks);
  return out;
}

}  // namespace rolec::decide
