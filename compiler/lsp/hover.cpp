// Hover: a permission's type, actions and filter; a role's grants as the Access API is sent them,
// with where each came from; a GROQ function's arguments and result; a rule's summary and page.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>

#include "diag/rules.hpp"
#include "groq/functions.hpp"
#include "lsp/features.hpp"
#include "lsp/locate.hpp"
#include "schemas/catalog.hpp"

namespace rolec::lsp {
namespace {

std::string_view type_name(groq::result_type t) {
  switch (t) {
    case groq::result_type::boolean: return "boolean";
    case groq::result_type::number: return "number";
    case groq::result_type::string: return "string";
    case groq::result_type::array: return "array";
    case groq::result_type::object: return "object";
    case groq::result_type::datetime: return "datetime";
    case groq::result_type::path: return "path";
    case groq::result_type::null: return "null";
    case groq::result_type::any: break;
  }
  return "any";
}

std::string listed(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += fmt::format("{}`{}`", out.empty() ? "" : ", ", i);
  return out;
}

std::string grant_text(const model::grant& g) {
  std::string out = g.action.is_mode() ? fmt::format("mode `{}`", g.action.mode.value_or("?")) : fmt::format("`{}`", g.action.name);
  if (g.history) out += fmt::format(", history {}", *g.history ? "true" : "false");
  if (g.dataset) out += fmt::format(", dataset `{}`", *g.dataset);
  return out;
}

std::string permission_text(const view& v, const std::string& name) {
  const resolve::permission* p = v.folder.current()->resolved.find_permission(name);
  if (p == nullptr) return fmt::format("**permission `{}`**: not defined in this policy, nor predefined by Sanity", name);
  std::string out = fmt::format("**permission `{}`**", name);
  const model::permission value = p->api_value();
  if (value.title) out += fmt::format(": {}", *value.title);
  out += fmt::format("\n\n{} permission of type `{}` ({} scope)", p->predefined() ? "Predefined" : "Custom", p->type_name(),
                     model::name_of(p->scope));
  if (p->type != nullptr) {
    if (p->type->is_mode()) {
      const schemas::param_spec* mode = p->type->param("mode");
      out += fmt::format("\n\ngranted with `mode`: {}", mode != nullptr ? listed(mode->values) : std::string("?"));
    } else {
      out += fmt::format("\n\nactions: {}", listed(p->type->actions));
    }
  }
  if (!value.description.empty()) out += fmt::format("\n\n{}", value.description);
  if (value.filter) out += fmt::format("\n\n```groq\n{}\n```", *value.filter);
  return out;
}

std::string role_text(const view& v, const std::string& name) {
  const resolve::role* r = v.folder.current()->resolved.find_role(name);
  if (r == nullptr) return fmt::format("**role `{}`**: not defined in this policy, nor built in", name);
  std::string out = fmt::format("**role `{}`**: {}\n\n{} role", name, r->value.title.value_or(""), r->builtin() ? "Built-in" : "Custom");
  std::vector<std::string> who;
  if (r->value.applies_to_users) who.emplace_back("users");
  if (r->value.applies_to_robots) who.emplace_back("robots");
  out += who.empty() ? std::string(", held by no one") : fmt::format(", held by {}", fmt::join(who, " and "));
  if (!r->value.description.empty()) out += fmt::format("\n\n{}", r->value.description);
  out += fmt::format("\n\nGrants ({}):", r->sent.size());
  constexpr std::size_t shown = 40;
  for (std::size_t i = 0; i < r->sent.size() && i < shown; ++i) {
    const resolve::grant& g = r->effective[r->sent[i]];
    out += fmt::format("\n- `{}`: {}", g.value.permission, grant_text(g.value));
    if (g.from.inherited()) {
      out += g.from.role == g.from.via() ? fmt::format(" (inherited from `{}`)", g.from.role)
                                         : fmt::format(" (inherited from `{}`, through `{}`)", g.from.role, g.from.via());
    }
  }
  if (r->sent.size() > shown) out += fmt::format("\n- and {} more", r->sent.size() - shown);
  return out;
}

std::string function_text(const std::string& name) {
  const std::size_t sep = name.find("::");
  const std::string ns = sep == std::string::npos ? "global" : name.substr(0, sep);
  const std::string bare = sep == std::string::npos ? name : name.substr(sep + 2);
  const groq::function_info* f = groq::find_function(ns, bare);
  if (f == nullptr) return {};
  return fmt::format("**GROQ function `{}()`**\n\ntakes {}, returns {}", name, groq::arity_text(*f), type_name(f->result));
}

std::string rule_text(const view& v, const std::string& name) {
  const auto r = diag::find_rule(name);
  if (!r) return {};
  const diag::rule_info& info = diag::info(*r);
  return fmt::format("**{} `{}`** ({}, {} by default)\n\n{}\n\n[{}.md]({}{}.md)", info.id, info.name, diag::to_string(info.category),
                     diag::to_string(info.default_severity), info.summary, info.id, v.docs_base, info.id);
}

}  // namespace

nlohmann::json hover(const view& v, const folder_file& file, std::uint32_t offset) {
  const named n = name_at(v.folder, file, offset);
  std::string text;
  switch (n.what) {
    case named::kind::nothing: return nullptr;
    case named::kind::permission: text = permission_text(v, n.name); break;
    case named::kind::role: text = role_text(v, n.name); break;
    case named::kind::function: text = function_text(n.name); break;
    case named::kind::rule: text = rule_text(v, n.name); break;
  }
  if (text.empty()) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", text}}}, {"range", v.range_of(file.id, n.where)}};
}

}  // namespace rolec::lsp
