#include "groq/functions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <tuple>

namespace rolec::groq {
namespace {

using namespace function_flag;
using rt = result_type;

// Sources: GROQ spec chapters "Functions", "Pipe functions", "Vendor functions", "Extensions"
// (GROQ-1 revision 3) and the function set of groq-js 2.x for vendor namespaces.
// clang-format off
constexpr std::array registry = {
  function_info{"global", "after",      0, 0,  delta,          -1, rt::any},
  function_info{"global", "anywhere",   1, 1,  selector,       -1, rt::any},
  function_info{"global", "before",     0, 0,  delta,          -1, rt::any},
  function_info{"global", "boost",      2, 2,  score_argument, -1, rt::any},
  function_info{"global", "coalesce",   0, -1, 0,              -1, rt::any},
  function_info{"global", "count",      1, 1,  0,              -1, rt::number},
  function_info{"global", "dateTime",   1, 1,  0,              -1, rt::datetime},
  function_info{"global", "defined",    1, 1,  0,              -1, rt::boolean},
  function_info{"global", "geo",        1, 1,  0,              -1, rt::any},
  function_info{"global", "identity",   0, 0,  0,              -1, rt::string},
  function_info{"global", "length",     1, 1,  0,              -1, rt::number},
  function_info{"global", "lower",      1, 1,  0,              -1, rt::string},
  function_info{"global", "now",        0, 0,  0,              -1, rt::string},
  function_info{"global", "operation",  0, 0,  delta,          -1, rt::string},
  function_info{"global", "order",      1, -1, pipe,           -1, rt::array},
  function_info{"global", "path",       1, 1,  0,              -1, rt::path},
  function_info{"global", "pt",         1, 1,  0,              -1, rt::any},
  function_info{"global", "references", 1, -1, 0,              -1, rt::boolean},
  function_info{"global", "round",      1, 2,  0,              -1, rt::number},
  function_info{"global", "score",      1, -1, pipe,           -1, rt::array},
  function_info{"global", "select",     0, -1, variadic_select, -1, rt::any},
  function_info{"global", "string",     1, 1,  0,              -1, rt::string},
  function_info{"global", "upper",      1, 1,  0,              -1, rt::string},
  function_info{"array", "compact",     1, 1,  0,              -1, rt::array},
  function_info{"array", "intersects",  2, 2,  0,              -1, rt::boolean},
  function_info{"array", "join",        2, 2,  0,              -1, rt::string},
  function_info{"array", "unique",      1, 1,  0,              -1, rt::array},
  function_info{"dateTime", "now",      0, 0,  0,              -1, rt::datetime},
  function_info{"delta", "changedAny",  1, 1,  delta,           0, rt::boolean},
  function_info{"delta", "changedOnly", 1, 1,  delta,           0, rt::boolean},
  function_info{"delta", "operation",   0, 0,  delta,          -1, rt::string},
  function_info{"diff", "changedAny",   3, 3,  0,               2, rt::boolean},
  function_info{"diff", "changedOnly",  3, 3,  0,               2, rt::boolean},
  function_info{"documents", "get",     1, 1,  dataset,        -1, rt::any},
  function_info{"documents", "incomingGlobalDocumentReferenceCount", 0, 0, dataset, -1, rt::number},
  // groq-js knows it without an arity (it checks none), and Sanity documents neither.
  function_info{"documents", "incomingRefCount", 0, -1, dataset,       -1, rt::number},
  function_info{"geo", "contains",      2, 2,  0,              -1, rt::boolean},
  function_info{"geo", "distance",      2, 2,  0,              -1, rt::number},
  function_info{"geo", "intersects",    2, 2,  0,              -1, rt::boolean},
  function_info{"geo", "latLng",        2, 2,  0,              -1, rt::any},
  function_info{"math", "avg",          1, 1,  0,              -1, rt::number},
  function_info{"math", "max",          1, 1,  0,              -1, rt::number},
  function_info{"math", "min",          1, 1,  0,              -1, rt::number},
  function_info{"math", "sum",          1, 1,  0,              -1, rt::number},
  function_info{"media", "aspect",      2, 2,  service,        -1, rt::any},
  function_info{"pt", "text",           1, 1,  0,              -1, rt::string},
  function_info{"releases", "all",      0, 0,  dataset,        -1, rt::array},
  function_info{"sanity", "dataset",    0, 0,  0,              -1, rt::string},
  function_info{"sanity", "partOfRelease", 1, 1, 0,            -1, rt::boolean},
  function_info{"sanity", "projectId",  0, 0,  0,              -1, rt::string},
  function_info{"sanity", "versionOf",  1, 1,  0,              -1, rt::boolean},
  function_info{"string", "lower",      1, 1,  0,              -1, rt::string},
  function_info{"string", "split",      2, 2,  0,              -1, rt::array},
  function_info{"string", "startsWith", 2, 2,  0,              -1, rt::boolean},
  function_info{"string", "upper",      1, 1,  0,              -1, rt::string},
  function_info{"text", "embedding",    1, 1,  service,        -1, rt::any},
  function_info{"text", "query",        1, 1,  service,        -1, rt::any},
  function_info{"text", "semanticSimilarity", 1, 1, service,    -1, rt::number},
  function_info{"user", "attributes",   0, 0,  0,              -1, rt::any},
};
// clang-format on

}  // namespace

const function_info* find_function(std::string_view ns, std::string_view name) {
  // Every call of every filter is looked up: an open-addressing table built once.
  constexpr std::size_t slots = 256;
  static_assert(registry.size() < slots / 2);
  // A cheap hash of lengths and end characters; probing sorts out the few collisions.
  const auto hash = [](std::string_view ns_part, std::string_view name_part) -> std::size_t {
    if (name_part.empty() || ns_part.empty()) return 0;
    return name_part.size() * 31u + static_cast<unsigned char>(name_part.front()) * 7u +
           static_cast<unsigned char>(name_part.back()) * 3u + ns_part.size() * 131u + static_cast<unsigned char>(ns_part.front());
  };
  static const std::array<const function_info*, slots> table = [&] {
    std::array<const function_info*, slots> t{};
    for (const auto& f : registry) {
      std::size_t i = hash(f.ns, f.name) % slots;
      while (t[i] != nullptr) i = (i + 1) % slots;
      t[i] = &f;
    }
    return t;
  }();
  for (std::size_t i = hash(ns, name) % slots; table[i] != nullptr; i = (i + 1) % slots) {
    if (table[i]->name == name && table[i]->ns == ns) return table[i];
  }
  return nullptr;
}

bool is_namespace(std::string_view ns) {
  for (const auto& f : registry) {
    if (f.ns == ns) return true;
  }
  return false;
}

std::span<const function_info> all_functions() { return registry; }

std::vector<std::string> function_suggestions(std::string_view ns) {
  std::vector<std::string> names;
  for (const auto& f : registry) {
    if (f.ns == ns) names.emplace_back(f.name);
  }
  return names;
}

std::vector<std::string> namespace_names() {
  std::vector<std::string> names;
  for (const auto& f : registry) {
    if (names.empty() || names.back() != f.ns) names.emplace_back(f.ns);
  }
  return names;
}

std::string arity_text(const function_info& f) {
  const auto plural = [](int n) { return n == 1 ? "argument" : "arguments"; };
  if (f.max_args < 0) return fmt::format("at least {} {}", f.min_args, plural(f.min_args));
  if (f.min_args == f.max_args) return fmt::format("{} {}", f.min_args, plural(f.min_args));
  return fmt::format("{} to {} arguments", f.min_args, f.max_args);
}

}  // namespace rolec::groq
