#include "validate/rules.hpp"

#include <algorithm>

#include "model/resources.hpp"
#include "util/utf8.hpp"

namespace rolec::validate {

bool valid_name(std::string_view name) { return model::valid_name(name); }

void check_name_and_title(std::string_view name, const std::optional<std::string>& title, std::vector<finding>& out) {
  if (!valid_name(name)) out.push_back({problem::invalid_name});
  if (!title) {
    out.push_back({problem::missing_title});
    return;
  }
  const std::size_t length = util::utf8_length(*title);
  if (length == 0 || length > max_title_length) {
    finding f{problem::invalid_title};
    f.count = length;
    out.push_back(std::move(f));
  }
}

bool reserved_permission_name(std::string_view name, model::scope scope, const schemas::catalog& catalog) {
  const schemas::predefined_permission* p = catalog.permission(name);
  return p != nullptr && catalog.scope_of(*p) == scope;
}

bool reserved_role_name(std::string_view name, model::scope scope, const schemas::catalog& catalog) {
  return std::any_of(catalog.roles().begin(), catalog.roles().end(),
                     [&](const schemas::builtin_role& r) { return r.name == name && r.scope == scope; });
}

std::vector<std::string> custom_types(model::scope scope, const schemas::catalog& catalog) {
  std::vector<std::string> out;
  for (const schemas::permission_type& t : catalog.types()) {
    if (t.takes_filter && t.scope == scope) out.push_back(t.type);
  }
  return out;
}

std::optional<finding> check_type(std::string_view type, model::scope scope, const schemas::catalog& catalog) {
  const schemas::permission_type* known = catalog.type(type);
  if (known == nullptr) return finding{problem::unknown_type};
  if (!known->takes_filter || known->scope != scope) return finding{problem::custom_type};
  return std::nullopt;
}

std::optional<finding> check_filter(bool has_filter, const groq::parse_result* parsed) {
  if (!has_filter) return finding{problem::missing_filter};
  if (parsed == nullptr || parsed->ok()) return std::nullopt;
  finding f{problem::invalid_filter};
  const auto error = std::find_if(parsed->diagnostics.begin(), parsed->diagnostics.end(),
                                  [](const diag::diagnostic& d) { return d.level == diag::severity::error; });
  f.detail = error == parsed->diagnostics.end() ? "syntax error" : error->message;
  return f;
}

std::optional<target> find_permission(std::string_view name, const custom_lookup& custom, const schemas::catalog& catalog) {
  if (custom) {
    if (auto found = custom(name)) return found;
  }
  if (const schemas::predefined_permission* p = catalog.permission(name)) {
    return target{catalog.type_of(*p), catalog.scope_of(*p), false};
  }
  return std::nullopt;
}

std::optional<finding> check_permission_of(const std::optional<target>& found, model::scope scope) {
  if (!found) return finding{problem::unknown_permission};
  if (found->scope != scope) return finding{problem::wrong_scope};
  return std::nullopt;
}

bool action_allowed(const schemas::permission_type& type, const model::action& a) { return type.has_action(a.name); }

bool fits(const schemas::param_spec& spec, const model::param_value& value) {
  using kind = model::param_value::kind;
  if (spec.type == "string") {
    if (value.type != kind::string) return false;
    return spec.values.empty() || std::find(spec.values.begin(), spec.values.end(), value.text) != spec.values.end();
  }
  if (spec.type == "boolean") return value.type == kind::boolean;
  if (spec.type == "integer") return value.type == kind::integer;
  if (spec.type == "number") return value.type == kind::integer || value.type == kind::number;
  return true;
}

void check_params(const schemas::permission_type& type, const model::grant& g, std::vector<finding>& out) {
  for (const std::string& name : g.param_names()) {
    const schemas::param_spec* spec = type.param(name);
    finding f{spec == nullptr ? problem::unknown_param : problem::invalid_param};
    f.param = name;
    if (spec == nullptr || !fits(*spec, *g.find_param(name))) out.push_back(std::move(f));
  }
  for (const schemas::param_spec& spec : type.params) {
    if (spec.required && !g.find_param(spec.name)) {
      finding f{problem::missing_param};
      f.param = spec.name;
      out.push_back(std::move(f));
    }
  }
}

std::vector<finding> check_permission(const model::permission& p, model::scope scope, const schemas::catalog& catalog,
                                      const groq::parse_result* parsed) {
  std::vector<finding> out;
  check_name_and_title(p.name, p.title, out);
  if (auto f = check_type(p.type, scope, catalog)) {
    out.push_back(std::move(*f));
    return out;
  }
  if (auto f = check_filter(p.filter.has_value(), parsed)) out.push_back(std::move(*f));
  return out;
}

std::vector<finding> check_grants(const model::role& r, model::scope scope, const custom_lookup& custom,
                                  const schemas::catalog& catalog) {
  std::vector<finding> out;
  std::vector<const schemas::permission_type*> types(r.grants.size(), nullptr);
  for (std::size_t i = 0; i < r.grants.size(); ++i) {
    const auto found = find_permission(r.grants[i].permission, custom, catalog);
    if (auto f = check_permission_of(found, scope)) {
      f->grant = i;
      out.push_back(std::move(*f));
    } else {
      types[i] = found->type;
    }
  }
  for (std::size_t i = 0; i < r.grants.size(); ++i) {
    if (types[i] == nullptr) continue;
    const model::grant& g = r.grants[i];
    if (!action_allowed(*types[i], g.action)) {
      finding f{problem::unknown_action};
      f.grant = i;
      out.push_back(std::move(f));
    }
    const std::size_t first = out.size();
    check_params(*types[i], g, out);
    for (std::size_t k = first; k < out.size(); ++k) out[k].grant = i;
  }
  return out;
}

}  // namespace rolec::validate
