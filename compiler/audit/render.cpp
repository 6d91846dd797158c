#include "audit/render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include "util/json_text.hpp"

namespace rolec::audit {
namespace {

// How many `_type`s a row of the human table names before `+N more`.
constexpr std::size_t shown_types = 3;

std::string type_label(std::string_view type) { return type.empty() ? "(no _type)" : std::string(type); }

std::string plural(std::uint64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string who(const decide::context& ctx) {
  std::string out = ctx.robot ? "as a robot" : "as a user";
  out += ctx.identity.empty() ? " with no identity" : fmt::format(" `{}`", ctx.identity);
  if (!ctx.attributes.is_null()) out += fmt::format(" with attributes {}", util::json_text(ctx.attributes));
  if (ctx.dataset) out += fmt::format(", in dataset `{}`", *ctx.dataset);
  if (ctx.now) out += fmt::format(", at {}", *ctx.now);
  return out;
}

// The `_type`s of a row, most reached first.
std::string top_types(const action_count& a) {
  std::vector<const std::pair<std::string, by_kind>*> types;
  for (const auto& t : a.by_type) types.push_back(&t);
  std::stable_sort(types.begin(), types.end(), [](const auto* x, const auto* y) { return x->second.total() > y->second.total(); });
  std::string out;
  for (std::size_t i = 0; i < types.size() && i < shown_types; ++i) {
    if (i != 0) out += ", ";
    out += fmt::format("{} {}", type_label(types[i]->first), types[i]->second.total());
  }
  if (types.size() > shown_types) out += fmt::format(", +{} more", types.size() - shown_types);
  return out;
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

}  // namespace

std::string render_human(const report& r, const heading& h) {
  std::string out = fmt::format("{}: {} ({} published, {}, {})\n{}\n", h.source,
                                plural(r.documents.total(), "document", "documents"), r.documents.published,
                                plural(r.documents.drafts, "draft", "drafts"),
                                plural(r.documents.versions, "release version", "release versions"), who(h.ctx));
  if (r.roles.empty()) return out;

  // One set of column widths for every table, so that they line up.
  static constexpr std::array<std::string_view, 5> headers{"documents", "published", "drafts", "versions", "types"};
  std::size_t action_width = std::string_view("action").size();
  std::array<std::size_t, 4> widths{};
  for (std::size_t c = 0; c < widths.size(); ++c) widths[c] = headers[c].size();
  for (const role_count& role : r.roles) {
    for (const action_count& a : role.actions) {
      action_width = std::max(action_width, decide::name_of(a.what).size());
      const std::array<std::uint64_t, 4> cells{a.reached.total(), a.reached.published, a.reached.drafts, a.reached.versions};
      for (std::size_t c = 0; c < widths.size(); ++c) widths[c] = std::max(widths[c], fmt::formatted_size("{}", cells[c]));
    }
  }
  for (std::size_t i = 0; i < r.roles.size(); ++i) {
    const role_count& role = r.roles[i];
    out += fmt::format("\n{}", role.role);
    if (i < h.applies.size() && !h.applies[i]) {
      out += h.ctx.robot ? " (does not apply to robots)" : " (does not apply to users)";
    }
    out += fmt::format("\n  {:<{}}", "action", action_width);
    for (std::size_t c = 0; c < widths.size(); ++c) out += fmt::format("  {:>{}}", headers[c], widths[c]);
    out += fmt::format("  {}\n", headers[4]);
    for (const action_count& a : role.actions) {
      const std::array<std::uint64_t, 4> cells{a.reached.total(), a.reached.published, a.reached.drafts, a.reached.versions};
      std::string line = fmt::format("  {:<{}}", decide::name_of(a.what), action_width);
      for (std::size_t c = 0; c < widths.size(); ++c) line += fmt::format("  {:>{}}", cells[c], widths[c]);
      const std::string types = top_types(a);
      if (!types.empty()) line += "  " + types;
      out += line + '\n';
    }
  }
  return out;
}

std::string render_human(const operations_report& r) {
  std::string out = fmt::format("\nStudio's operations on {} (by published id; no release in view, not live-edit)\n",
                                plural(r.documents, "document", "documents"));
  std::size_t width = std::string_view("operation").size();
  for (const decide::operation op : audited_operations) width = std::max(width, decide::name_of(op).size());
  for (const role_operations& role : r.roles) {
    out += fmt::format("\n{}\n  {:<{}}  {:>9}  {:>10}  types\n", role.role, "operation", width, "allowed", "applicable");
    for (const operation_count& op : role.operations) {
      std::vector<const std::pair<std::string, std::uint64_t>*> types;
      for (const auto& t : op.by_type) types.push_back(&t);
      std::stable_sort(types.begin(), types.end(), [](const auto* x, const auto* y) { return x->second > y->second; });
      std::string named;
      for (std::size_t i = 0; i < types.size() && i < shown_types; ++i) {
        named += fmt::format("{}{} {}", i == 0 ? "  " : ", ", type_label(types[i]->first), types[i]->second);
      }
      if (types.size() > shown_types) named += fmt::format(", +{} more", types.size() - shown_types);
      out += fmt::format("  {:<{}}  {:>9}  {:>10}{}\n", decide::name_of(op.what), width, op.allowed, op.applicable, named);
    }
  }
  return out;
}

std::string render_json(const report& r, const operations_report* operations) {
  using json = nlohmann::ordered_json;
  const auto kinds = [](json& j, const by_kind& n) {
    j["published"] = n.published;
    j["drafts"] = n.drafts;
    j["versions"] = n.versions;
  };
  json out;
  out["format_version"] = "1";
  out["documents"] = r.documents.total();
  kinds(out["by_kind"], r.documents);
  out["by_type"] = json::object();
  for (const auto& [type, n] : r.by_type) out["by_type"][type] = n.total();
  out["roles"] = json::array();
  for (const role_count& role : r.roles) {
    json actions = json::array();
    for (const action_count& a : role.actions) {
      json entry;
      entry["action"] = decide::name_of(a.what);
      entry["documents"] = a.reached.total();
      kinds(entry, a.reached);
      entry["by_type"] = json::object();
      for (const auto& [type, n] : a.by_type) entry["by_type"][type] = n.total();
      actions.push_back(std::move(entry));
    }
    out["roles"].push_back(json{{"role", role.role}, {"actions", std::move(actions)}});
  }
  if (operations != nullptr) {
    json roles = json::array();
    for (const role_operations& role : operations->roles) {
      json list = json::array();
      for (const operation_count& op : role.operations) {
        json by_type = json::object();
        for (const auto& [type, n] : op.by_type) by_type[type] = n;
        list.push_back(json{{"operation", decide::name_of(op.what)}, {"applicable", op.applicable}, {"allowed", op.allowed},
                            {"by_type", std::move(by_type)}});
      }
      roles.push_back(json{{"role", role.role}, {"operations", std::move(list)}});
    }
    out["operations"] = json{{"documents", operations->documents}, {"roles", std::move(roles)}};
  }
  return util::json_text(out, 2) + "\n";
}

std::string render_csv(const report& r, const operations_report* operations) {
  std::string out = "role,action,type,documents,published,drafts,versions\n";
  for (const role_count& role : r.roles) {
    for (const action_count& a : role.actions) {
      // Every `_type` of the dataset, so that each role and action has the same rows.
      auto reached = a.by_type.begin();
      for (const auto& [type, documents] : r.by_type) {
        by_kind n;
        if (reached != a.by_type.end() && reached->first == type) n = (reached++)->second;
        out += fmt::format("{},{},{},{},{},{},{}\n", csv_field(role.role), decide::name_of(a.what), csv_field(type), n.total(),
                           n.published, n.drafts, n.versions);
      }
    }
  }
  if (operations == nullptr) return out;
  for (const role_operations& role : operations->roles) {
    for (const operation_count& op : role.operations) {
      for (const auto& [type, n] : op.by_type) {
        out += fmt::format("{},{},{},{},,,\n", csv_field(role.role), decide::name_of(op.what), csv_field(type), n);
      }
    }
  }
  return out;
}

}  // namespace rolec::audit
