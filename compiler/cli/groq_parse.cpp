#include "cli/groq_parse.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "diag/render_human.hpp"
#include "diag/render_json.hpp"
#include "groq/print.hpp"
#include "util/file.hpp"
#include "util/json_lines.hpp"
#include "util/parallel.hpp"
#include "util/json_text.hpp"

namespace rolec::cli {
namespace {

using json = nlohmann::ordered_json;

json ast_json(const groq::node* n) {
  json j;
  j["kind"] = groq::kind_name(n->kind);
  j["span"] = {n->where.begin, n->where.end};
  switch (n->kind) {
    case groq::node_kind::boolean_literal: j["value"] = n->has(groq::flag::true_value); break;
    case groq::node_kind::number_literal: j["value"] = n->number; break;
    case groq::node_kind::parent: j["levels"] = n->count; break;
    case groq::node_kind::func_call:
    case groq::node_kind::pipe_call:
      j["namespace"] = n->ns;
      j["name"] = n->text;
      break;
    case groq::node_kind::range: j["exclusive"] = n->has(groq::flag::exclusive); break;
    default:
      if (!n->text.empty()) j["name"] = n->text;
  }
  if (n->kind == groq::node_kind::string_literal) j["value"] = j["name"], j.erase("name");
  if (n->lhs != nullptr) j["lhs"] = ast_json(n->lhs);
  if (n->rhs != nullptr) j["rhs"] = ast_json(n->rhs);
  if (n->count > 0 && n->items != nullptr) {
    auto& items = j["items"] = json::array();
    for (const groq::node* item : n->children()) items.push_back(ast_json(item));
  }
  return j;
}

groq::analyze_options analysis(const groq_parse_options& options) {
  groq::analyze_options a;
  a.mode = options.mode;
  if (options.parameters) a.parameters = &*options.parameters;
  return a;
}

int run_single(const groq_parse_options& options) {
  const auto input = read_expression(options.expression);
  if (!input) return exit_failure;
  const std::string& text = input->text;
  const std::string& name = input->name;
  const groq::parse_result result = groq::analyze(text, analysis(options));
  diag::source_manager sources;
  sources.add(name, text);
  const bool ok = result.ok();
  if (options.output == format::json) {
    json out;
    out["format_version"] = "1";
    out["valid"] = ok;
    out["mode"] = options.mode == groq::mode::filter ? "filter" : "query";
    if (result.root != nullptr) {
      out["canonical"] = groq::print(result.functions, result.root);
      if (options.print_ast) out["ast"] = ast_json(result.root);
    }
    out["diagnostics"] = diag::to_json(sources, result.diagnostics);
    print_text((util::json_text(out, 2) + "\n"), stdout);
  } else {
    if (!result.diagnostics.empty()) {
      const std::string rendered = diag::render_human(sources, result.diagnostics, {use_color(stderr)});
      print_text(rendered, stderr);
    }
    if (ok) {
      const std::string shown = options.print_ast ? groq::dump(result.root) : groq::print(result.functions, result.root);
      print_text((shown + "\n"), stdout);
    }
  }
  return ok ? exit_ok : exit_findings;
}

int run_batch(const groq_parse_options& options) {
  std::string error;
  auto content = util::read_file(options.batch_file, error, util::max_batch_file_bytes);  // not const: it is moved from
  if (!content) {
    print_error(error);
    return exit_failure;
  }
  const util::string_lines lines(std::move(*content));
  const groq::analyze_options analyze = analysis(options);
  const bool color = use_color(stderr);
  const bool as_json = options.output == format::json;
  // Expressions are independent: check them in chunks on every core, print in input order.
  const auto& entries = lines.entries();
  constexpr std::size_t chunk = 512;
  const std::size_t chunks = (entries.size() + chunk - 1) / chunk;
  struct chunk_output {
    std::string out;
    std::string err;
    std::size_t invalid = 0;
    std::size_t bytes = 0;
    std::string error;  ///< the first line that is not a JSON string
  };
  std::vector<chunk_output> outputs(chunks);
  util::parallel_for(chunks, options.threads, [&](std::size_t c) {
    chunk_output& o = outputs[c];
    std::string text;
    for (std::size_t index = c * chunk; index < std::min(entries.size(), (c + 1) * chunk); ++index) {
      const auto& entry = entries[index];
      if (!lines.decode(entry, text, o.error)) return;
      o.bytes += text.size();
      const groq::parse_result result = groq::analyze(text, analyze);
      const bool ok = result.ok();
      o.invalid += ok ? 0 : 1;
      if (!as_json && result.diagnostics.empty()) continue;
      diag::source_manager sources;
      sources.add(fmt::format("{}#{}", options.batch_file, entry.line), text);
      if (as_json) {
        nlohmann::ordered_json line;
        line["index"] = index;
        line["valid"] = ok;
        line["diagnostics"] = diag::to_json(sources, result.diagnostics);
        o.out += util::json_text(line);
        o.out += '\n';
      } else {
        o.err += diag::render_human(sources, result.diagnostics, {color});
      }
    }
  });
  for (const chunk_output& o : outputs) {
    if (!o.error.empty()) {
      print_error(fmt::format("{}: {}", options.batch_file, o.error));
      return exit_failure;
    }
  }
  std::size_t bytes = 0;
  std::size_t invalid = 0;
  for (const chunk_output& o : outputs) {
    bytes += o.bytes;
    std::fwrite(o.err.data(), 1, o.err.size(), stderr);
    std::fwrite(o.out.data(), 1, o.out.size(), stdout);
    invalid += o.invalid;
  }
  if (!as_json) std::printf("parsed %zu expressions (%zu bytes), %zu invalid\n", entries.size(), bytes, invalid);
  return invalid == 0 ? exit_ok : exit_findings;
}

}  // namespace

int run_groq_parse(const groq_parse_options& options) {
  return options.batch_file.empty() ? run_single(options) : run_batch(options);
}

}  // namespace rolec::cli
