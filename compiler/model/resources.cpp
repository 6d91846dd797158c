#include "model/resources.hpp"

#include <algorithm>
#include <array>

namespace rolec::model {
namespace {

constexpr std::array<std::string_view, 2> scope_names{"project", "organization"};
constexpr std::array<std::string_view, 3> mode_names{"read", "create", "publish"};

}  // namespace

std::string_view name_of(scope s) { return scope_names[static_cast<std::size_t>(s)]; }

std::optional<scope> scope_named(std::string_view name) {
  for (std::size_t i = 0; i < scope_names.size(); ++i) {
    if (scope_names[i] == name) return static_cast<scope>(i);
  }
  return std::nullopt;
}

std::string_view name_of(mode m) { return mode_names[static_cast<std::size_t>(m)]; }

std::optional<mode> mode_named(std::string_view name) {
  for (std::size_t i = 0; i < mode_names.size(); ++i) {
    if (mode_names[i] == name) return static_cast<mode>(i);
  }
  return std::nullopt;
}

param_value param_value::of(std::string s) {
  param_value v;
  v.type = kind::string;
  v.text = std::move(s);
  return v;
}

param_value param_value::of(bool b) {
  param_value v;
  v.type = kind::boolean;
  v.boolean = b;
  return v;
}

action action::named(std::string name) { return {std::move(name), std::nullopt}; }

action action::of_mode(std::string mode) { return {"mode", std::move(mode)}; }

std::optional<model::mode> action::level() const {
  if (!is_mode() || !mode) return std::nullopt;
  return mode_named(*mode);
}

std::vector<std::string> grant::param_names() const {
  std::vector<std::string> rest;
  if (dataset) rest.emplace_back("dataset");
  for (const param& p : others) rest.push_back(p.name);
  std::sort(rest.begin(), rest.end());
  std::vector<std::string> out;
  if (action.mode) out.emplace_back("mode");
  if (history) out.emplace_back("history");
  out.insert(out.end(), rest.begin(), rest.end());
  return out;
}

std::optional<param_value> grant::find_param(std::string_view name) const {
  if (name == "mode" && action.mode) return param_value::of(*action.mode);
  if (name == "history" && history) return param_value::of(*history);
  if (name == "dataset" && dataset) return param_value::of(*dataset);
  for (const model::param& p : others) {
    if (p.name == name) return p.value;
  }
  return std::nullopt;
}

void grant::set_param(std::string name, param_value value) {
  // A later value of the same name replaces an earlier one, as in a JSON object.
  std::erase_if(others, [&](const param& p) { return p.name == name; });
  if (name == "mode") action.mode.reset();
  if (name == "history") history.reset();
  if (name == "dataset") dataset.reset();
  if (name == "mode" && value.type == param_value::kind::string) {
    action.mode = std::move(value.text);
  } else if (name == "history" && value.type == param_value::kind::boolean) {
    history = value.boolean;
  } else if (name == "dataset" && value.type == param_value::kind::string) {
    dataset = std::move(value.text);
  } else {
    const auto at = std::lower_bound(others.begin(), others.end(), name,
                                     [](const param& p, const std::string& n) { return p.name < n; });
    others.insert(at, param{std::move(name), std::move(value)});
  }
}

bool valid_name(std::string_view name) {
  return !name.empty() && name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") == std::string_view::npos;
}

std::string name_like(std::string_view name) {
  std::string out;
  for (const char ch : name) {
    const char c = ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
    if (valid_name(std::string_view(&c, 1))) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

}  // namespace rolec::model
