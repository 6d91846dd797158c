// The plan as a person reads it, in the spirit of `terraform plan`: one block per change.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "plan/plan.hpp"
#include "util/json_text.hpp"

namespace rolec::plan {
namespace {

struct palette {
  bool on;
  std::string paint(std::string_view text, std::string_view code) const {
    return on ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  }
};

std::string shown(const nlohmann::json& value) { return util::json_text(value); }

// One `{name, action, params}` entry of a role. A plan read from a file may hold anything there:
// what is not such an entry is shown as its JSON.
std::string entry_text(const nlohmann::json& e) {
  const auto is_text = [&](const char* key) { return e.contains(key) && e[key].is_string(); };
  if (!e.is_object() || !is_text("action") || !is_text("name")) return util::json_text(e);
  std::string out = fmt::format("`{}` on `{}`", e["action"].get<std::string>(), e["name"].get<std::string>());
  if (e.contains("params") && !e["params"].empty()) out += fmt::format(" {}", util::json_text(e["params"]));
  return out;
}

void show_body(std::string& out, const change& c) {
  for (const char* key : {"title", "description", "type", "appliesToUsers", "appliesToRobots"}) {
    if (c.body.contains(key)) out += fmt::format("      {}: {}\n", key, shown(c.body[key]));
  }
  if (c.body.contains("config") && c.body["config"].contains("filter")) {
    const nlohmann::json& filter = c.body["config"]["filter"];
    out += fmt::format("      filter: {}\n", filter.is_string() ? filter.get<std::string>() : shown(filter));
  }
  if (c.body.contains("permissions")) {
    for (const auto& e : c.body["permissions"]) out += fmt::format("      + {}\n", entry_text(e));
  }
}

}  // namespace

std::string render_human(const plan& p, bool color) {
  const palette paint{color};
  std::string out;
  const bool nothing = p.changes.empty() && p.refused.empty();
  if (nothing) {
    out += fmt::format("No changes: project `{}` matches the policy.\n", p.project_id);
  } else {
    out += fmt::format("Plan for project `{}` (Access API {}):\n{}", p.project_id, p.api_version, p.changes.empty() ? "" : "\n");
  }
  for (const change& c : p.changes) {
    const std::string kind = c.resource == access::kind::permission ? "permission" : "role";
    const std::string widening = c.widens.empty() ? std::string() : paint.paint("  (widens access)", "1;33");
    switch (c.what) {
      case action::create:
        out += paint.paint(fmt::format("  + create {} `{}`", kind, c.name), "32") + widening + "\n";
        show_body(out, c);
        break;
      case action::update:
        out += paint.paint(fmt::format("  ~ update {} `{}`", kind, c.name), "33") + widening + "\n";
        for (const field_change& f : c.fields) {
          if (f.field == "permissions") {
            for (const auto& e : f.after) out += paint.paint(fmt::format("      + {}", entry_text(e)), "32") + "\n";
            for (const auto& e : f.before) out += paint.paint(fmt::format("      - {}", entry_text(e)), "31") + "\n";
          } else if (f.field == "filter" && f.before.is_string() && f.after.is_string()) {
            // GROQ is shown as GROQ, one line each: quoted and escaped, a filter is hard to read.
            out += "      filter:\n";
            out += paint.paint(fmt::format("        - {}", f.before.get<std::string>()), "31") + "\n";
            out += paint.paint(fmt::format("        + {}", f.after.get<std::string>()), "32") + "\n";
          } else {
            out += fmt::format("      {}: {} -> {}\n", f.field, f.before.is_null() ? "(none)" : shown(f.before), shown(f.after));
          }
        }
        break;
      case action::remove: out += paint.paint(fmt::format("  - delete {} `{}`", kind, c.name), "31") + "\n"; break;
    }
    for (const std::string& why : c.widens) out += fmt::format("      widens access: {}\n", why);
    for (const std::string& why : c.narrows) out += fmt::format("      narrows access: {}\n", why);
  }
  if (!p.refused.empty()) {
    out += "\nRefused:\n";
    for (const std::string& r : p.refused) out += fmt::format("  ! {}\n", r);
  }
  if (!p.unmanaged.empty()) {
    out += fmt::format("\nLeft alone, not in the policy ([project] exclusive = true would delete them): {}\n",
                       fmt::join(p.unmanaged, ", "));
  }
  if (!nothing) {
    const summary s = summarize(p);
    out += fmt::format("\nPlan: {} to create, {} to update, {} to delete", s.create, s.update, s.remove);
    out += s.widening == 0 ? ".\n" : fmt::format("; {} widen{} access.\n", s.widening, s.widening == 1 ? "s" : "");
  }
  return out;
}

}  // namespace rolec::plan
