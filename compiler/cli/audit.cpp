#include "cli/audit.hpp"
#include "cli/progress.hpp"

#include <sys/stat.h>

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <nlohmann/json.hpp>

#include "audit/audit.hpp"
#include "audit/render.hpp"
#include "cli/build.hpp"
#include "decide/model.hpp"
#include "eval/scan.hpp"
#include "schemas/catalog.hpp"
#include "util/parallel.hpp"
#include "util/spell.hpp"

namespace rolec::cli {
namespace {

// What the progress line says: bytes read (of the total, when known) and documents per second.
std::string reading(const progress_line& progress, std::uint64_t bytes, std::uint64_t total, std::uint64_t documents) {
  std::string line = fmt::format("read {:.1f} MB", static_cast<double>(bytes) / 1e6);
  if (total != 0) line += fmt::format(" of {:.1f} MB ({}%)", static_cast<double>(total) / 1e6, bytes * 100 / total);
  line += fmt::format(", {} documents", documents);
  const double seconds = progress.seconds();
  if (seconds > 0) line += fmt::format(", {:.0f} documents/s", static_cast<double>(documents) / seconds);
  return line;
}

// The size of a regular file, or 0 when it is not one (a pipe, standard input).
std::uint64_t regular_size(std::FILE* f) {
  struct stat st{};
  if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) return 0;
  return static_cast<std::uint64_t>(st.st_size);
}

// The roles to audit: those named, or every custom role. Prints an error and returns nothing for
// a name that is neither in the policy nor built in.
std::optional<std::vector<const decide::role*>> chosen_roles(const decide::model& m, const std::vector<std::string>& names) {
  std::vector<const decide::role*> roles;
  if (names.empty()) {
    for (const decide::role& r : m.roles()) {
      if (!r.builtin) roles.push_back(&r);
    }
    return roles;
  }
  for (const std::string& name : names) {
    const decide::role* r = m.find_role(name);
    if (r == nullptr) {
      std::vector<std::string> known;
      for (const decide::role& k : m.roles()) known.push_back(k.name);
      const auto near = util::closest(name, known);
      print_error(fmt::format("--role: no role `{}` in the policy or built in{}", name,
                              near ? fmt::format("; did you mean `{}`?", *near) : std::string()));
      return std::nullopt;
    }
    if (std::find(roles.begin(), roles.end(), r) == roles.end()) roles.push_back(r);
  }
  return roles;
}

struct input_file {
  std::FILE* file = nullptr;
  std::string name;
  ~input_file() {
    if (file != nullptr && file != stdin) std::fclose(file);
  }
};

}  // namespace

int run_audit(const audit_options& options) {
  decide::context ctx;
  ctx.identity = options.identity;
  ctx.robot = options.robot;
  ctx.dataset = options.dataset;
  ctx.now = options.now;
  if (options.attributes) {
    ctx.attributes = nlohmann::json::parse(*options.attributes, nullptr, false);
    if (ctx.attributes.is_discarded() || !(ctx.attributes.is_object() || ctx.attributes.is_null())) {
      print_error("--attributes: expected a JSON object, such as {\"team\": \"news\"}");
      return exit_failure;
    }
  }
  input_file input;
  input.name = options.documents == "-" ? "<stdin>" : options.documents;
  input.file = options.documents == "-" ? stdin : std::fopen(options.documents.c_str(), "rb");
  if (input.file == nullptr) {
    print_error(fmt::format("{}: {}", options.documents, std::strerror(errno)));
    return exit_failure;
  }

  int status = exit_ok;
  const auto built = build_policy(options.paths, std::nullopt, build::target::access_api, status);
  if (!built) return status;
  std::string error;
  const auto model = decide::model::make(built->resolved, built->compiled.project_id, ctx, error);
  if (!model) {
    print_error(error);
    return exit_failure;
  }
  const auto roles = chosen_roles(*model, options.roles);
  if (!roles) return exit_failure;

  // One counter per worker thread, merged at the end.
  std::vector<audit::counter> counters;
  std::vector<audit::pair_counter> pairs;  // with --operations only
  const unsigned threads = util::thread_count(options.threads);
  counters.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) counters.emplace_back(*model, *roles);
  if (options.operations) {
    pairs.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) pairs.emplace_back(*model, *roles);
  }
  eval::document_visitor visit;
  visit.each = [&](unsigned worker, const eval::value& document, util::arena& arena) {
    // Counted as a published document of no type, a line that is not one would skew the counts.
    const auto id = document.is(eval::value_type::object) ? document.get("_id") : std::nullopt;
    if (!id || !id->is(eval::value_type::string)) throw eval::document_error{"not a document: a JSON object with an `_id` string"};
    counters[worker].add(document, arena);
    if (!pairs.empty()) pairs[worker].add(document, arena);
  };
  progress_line progress;
  const std::uint64_t total = regular_size(input.file);
  eval::read_options read;
  read.threads = threads;
  read.progress = [&](std::uint64_t bytes, std::uint64_t documents) {
    if (progress.on()) progress.show(reading(progress, bytes, total, documents));
  };
  const eval::read_result result = eval::for_each_document(input.file, read, visit);
  progress.clear();
  if (!result.error.empty()) {
    print_error(fmt::format("{}: {}", input.name, result.error));
    return exit_failure;
  }

  audit::tally merged(roles->size());
  for (const audit::counter& c : counters) merged.merge(c.counts());
  std::vector<std::string> names;
  audit::heading heading{input.name, model->ctx(), {}};
  for (const decide::role* r : *roles) {
    names.push_back(r->name);
    heading.applies.push_back(model->applies(*r));
  }
  const audit::report report = audit::summarize(merged, names);
  std::optional<audit::operations_report> operations;
  if (!pairs.empty()) {
    for (std::size_t t = 1; t < pairs.size(); ++t) pairs[0].merge(std::move(pairs[t]));
    operations = pairs[0].summarize();
  }
  const audit::operations_report* ops = operations ? &*operations : nullptr;
  std::string out;
  switch (options.output) {
    case audit_format::human:
      out = audit::render_human(report, heading);
      if (ops != nullptr) out += audit::render_human(*ops);
      break;
    case audit_format::json: out = audit::render_json(report, ops); break;
    case audit_format::csv: out = audit::render_csv(report, ops); break;
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return exit_ok;
}

}  // namespace rolec::cli
