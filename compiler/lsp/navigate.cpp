// Go to definition, and the outline of a file (document symbols).

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <initializer_list>

#include "lsp/features.hpp"
#include "lsp/locate.hpp"

namespace rolec::lsp {
namespace {

enum symbol_kind : int { module = 2, class_ = 5, method = 6, field = 8, constant = 14, object = 19 };

// The span from the start of `first` to the furthest end of the places in `parts` of the same file.
diag::span extent(const policy::location& first, std::initializer_list<const policy::location*> parts) {
  diag::span out = first.where;
  for (const policy::location* p : parts) {
    if (p != nullptr && p->source == first.source && p->where.end > p->where.begin) out = diag::cover(out, p->where);
  }
  return out;
}

nlohmann::json symbol(const view& v, const folder_file& file, std::string name, std::string detail, int kind,
                      diag::span whole, diag::span selected) {
  nlohmann::json out = {{"name", name.empty() ? std::string("(unnamed)") : std::move(name)},
                        {"kind", kind},
                        {"range", v.range_of(file.id, diag::cover(whole, selected))},
                        {"selectionRange", v.range_of(file.id, selected)}};
  if (!detail.empty()) out["detail"] = std::move(detail);
  return out;
}

std::string grant_detail(const policy::grant& g) {
  if (g.mode.present) return fmt::format("mode {}", g.mode.value);
  std::vector<std::string> actions;
  for (const policy::text& a : g.actions) actions.push_back(a.value);
  return fmt::format("{}", fmt::join(actions, ", "));
}

}  // namespace

nlohmann::json definition(const view& v, const folder_file& file, std::uint32_t offset) {
  const named n = name_at(v.folder, file, offset);
  const lint::lint_result* linted = v.folder.current();
  if (linted == nullptr) return nullptr;
  const policy::text* target = nullptr;
  if (n.what == named::kind::permission) {
    for (const policy::permission& p : linted->merged.permissions) {
      if (p.name.value == n.name) target = &p.name;
    }
  } else if (n.what == named::kind::role) {
    for (const policy::role& r : linted->merged.roles) {
      if (r.name.value == n.name) target = &r.name;
    }
  }
  if (target == nullptr) return nullptr;  // built in, predefined, or not defined at all
  return v.location_of(target->at.source, target->at.where);
}

nlohmann::json document_symbols(const view& v, const folder_file& file) {
  nlohmann::json out = nlohmann::json::array();
  const lint::lint_result* linted = v.folder.current();
  if (linted == nullptr) return out;
  const policy::policy& p = linted->merged;
  const auto mine = [&](const policy::location& at) { return at.source == file.id; };
  for (const policy::target& t : p.targets) {
    if (!mine(t.name.at)) continue;
    out.push_back(symbol(v, file, t.name.value, t.project.value, module, extent(t.name.at, {&t.project.at, &t.api_version.at}),
                         t.name.at.where));
  }
  for (const auto* list : {&p.permissions, &p.shadowed_permissions}) {
    for (const policy::permission& perm : *list) {
      if (!mine(perm.name.at)) continue;
      const policy::location* filter = perm.filter ? &perm.filter->literal : nullptr;
      out.push_back(symbol(v, file, perm.name.value, perm.title.value, object,
                           extent(perm.name.at, {&perm.title.at, &perm.description.at, &perm.type.at, filter}),
                           perm.name.at.where));
    }
  }
  for (const auto* list : {&p.roles, &p.shadowed_roles}) {
    for (const policy::role& r : *list) {
      if (!mine(r.name.at)) continue;
      nlohmann::json role = symbol(v, file, r.name.value, r.title.value, class_,
                                   extent(r.name.at, {&r.title.at, &r.description.at, &r.grants_at}), r.name.at.where);
      nlohmann::json grants = nlohmann::json::array();
      for (const policy::grant& g : r.grants) {
        if (!mine(g.at)) continue;
        grants.push_back(symbol(v, file, g.permission.value, grant_detail(g), field, g.at.where,
                                g.permission.present ? g.permission.at.where : g.at.where));
      }
      if (!grants.empty()) role["children"] = std::move(grants);
      out.push_back(std::move(role));
    }
  }
  std::size_t number = 0;
  for (const policy::test_case& t : p.tests) {
    ++number;
    if (!mine(t.at)) continue;
    const std::string name = t.name.present ? t.name.value : fmt::format("test {}", number);
    out.push_back(symbol(v, file, name, "test", method, t.at.where, t.name.present ? t.name.at.where : t.at.where));
  }
  number = 0;
  for (const policy::property& prop : p.properties) {
    ++number;
    if (!mine(prop.at)) continue;
    const std::string name = prop.name.present ? prop.name.value : fmt::format("property {}", number);
    out.push_back(symbol(v, file, name, "property", constant, prop.at.where, prop.name.present ? prop.name.at.where : prop.at.where));
  }
  std::sort(out.begin(), out.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
    const auto key = [](const nlohmann::json& s) {
      return std::pair{s["range"]["start"]["line"].get<std::uint32_t>(), s["range"]["start"]["character"].get<std::uint32_t>()};
    };
    return key(a) < key(b);
  });
  return out;
}

}  // namespace rolec::lsp
