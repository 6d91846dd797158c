#include "cli/groq_eval.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "diag/render_human.hpp"
#include "eval/eval.hpp"
#include "eval/json.hpp"
#include "eval/scan.hpp"
#include "util/file.hpp"
#include "util/json_text.hpp"

namespace rolec::cli {
namespace {

bool set_parameters(const std::string& text, eval::environment& env, eval::json_document& storage,
                    std::vector<std::string>& names) {
  std::string error;
  if (!storage.parse(text, error) || !storage.root().is(eval::value_type::object)) {
    print_error(error.empty() ? "--params: expected a JSON object" : "--params: " + error);
    return false;
  }
  util::arena scratch;
  for (const eval::field& f : storage.root().fields(scratch)) {
    env.parameters[std::string(f.key)] = f.val;
    names.emplace_back(f.key);
  }
  return true;
}

int report(const groq::parse_result& result, const std::string& name, const std::string& text) {
  diag::source_manager sources;
  sources.add(name, text);
  print_text(diag::render_human(sources, result.diagnostics, {use_color(stderr)}), stderr);
  return exit_findings;
}

int run_batch(const groq_eval_options& options, const eval::environment& base) {
  std::string error;
  const auto content = util::read_file(options.batch_file, error, util::max_batch_file_bytes);
  if (!content) {
    print_error(error);
    return exit_failure;
  }
  std::string out;
  std::size_t index = 0;
  std::size_t failures = 0;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < content->size()) {
    std::size_t end = content->find('\n', start);
    if (end == std::string::npos) end = content->size();
    const std::string line = content->substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::ordered_json entry;
    entry["index"] = index++;
    const auto item = nlohmann::json::parse(line, nullptr, false);
    if (item.is_discarded() || !item.is_object() || !item.contains("query") || !item["query"].is_string()) {
      print_error(fmt::format("{}: line {}: expected {{\"query\": \"...\", \"params\": {{...}}}}", options.batch_file, line_number));
      return exit_failure;
    }
    const std::string query = item["query"].get<std::string>();
    util::arena arena;
    eval::environment env = base;
    std::vector<std::string> names;
    if (item.contains("params") && item["params"].is_object()) {
      for (const auto& p : item["params"].items()) {
        env.parameters[p.key()] = eval::from_nlohmann(p.value(), arena);
        names.push_back(p.key());
      }
    }
    groq::analyze_options analyze;
    analyze.mode = options.mode;
    analyze.parameters = &names;
    const auto parsed = groq::analyze(query, analyze);
    if (!parsed.ok()) {
      entry["error"] = parsed.diagnostics.front().message;
      ++failures;
    } else {
      try {
        const eval::program program(parsed, env);
        entry["result"] = eval::to_json(program.run({}, arena), arena);
      } catch (const eval::eval_error& e) {
        entry["error"] = e.diagnostic.message;
        ++failures;
      }
    }
    out += util::json_text(entry);
    out += '\n';
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return failures == 0 ? exit_ok : exit_findings;
}

int run_documents(const groq_eval_options& options, const eval::program& program, const std::string& name,
                  const std::string& text) {
  std::FILE* input = *options.documents == "-" ? stdin : std::fopen(options.documents->c_str(), "rb");
  if (input == nullptr) {
    print_error(fmt::format("{}: {}", *options.documents, std::strerror(errno)));
    return exit_failure;
  }
  eval::scan_options scan;
  scan.collect_ids = !options.count;
  scan.threads = options.threads;
  const eval::scan_result result = eval::scan_documents(input, program, scan, [](std::string_view ids) {
    std::fwrite(ids.data(), 1, ids.size(), stdout);
  });
  if (input != stdin) std::fclose(input);
  if (!result.error.empty()) {
    print_error(fmt::format("{}: {}", *options.documents, result.error));
    return exit_failure;
  }
  if (result.failure) {
    groq::parse_result failed;
    failed.diagnostics.push_back(result.failure->diagnostic);
    return report(failed, name, text);
  }
  if (options.count) std::printf("matched %zu of %zu\n", result.matched, result.total);
  return exit_ok;
}

}  // namespace

int run_groq_eval(const groq_eval_options& options) {
  eval::environment env;
  env.identity = options.identity;
  env.now = eval::current_time();
  if (options.now) {
    const auto parsed = eval::parse_datetime(*options.now);
    if (!parsed) {
      print_error(fmt::format("--now: `{}` is not an RFC 3339 timestamp such as 2026-01-01T00:00:00Z", *options.now));
      return exit_failure;
    }
    env.now = *parsed;
  }
  eval::json_document params_storage;
  std::vector<std::string> names;
  if (options.params && !set_parameters(*options.params, env, params_storage, names)) return exit_failure;
  if (!options.batch_file.empty()) return run_batch(options, env);
  // A permission filter may use `$identity`, the user id, as Studio passes it (unless --params says otherwise).
  util::arena identity_arena;
  if (options.mode == groq::mode::filter && env.parameters.count("identity") == 0) {
    env.parameters.emplace("identity", eval::from_nlohmann(nlohmann::json(options.identity), identity_arena));
  }

  const auto input = read_expression(options.expression);
  if (!input) return exit_failure;
  const std::string& text = input->text;
  const std::string& name = input->name;
  groq::analyze_options analyze;
  analyze.mode = options.mode;
  analyze.parameters = &names;
  const auto parsed = groq::analyze(text, analyze);
  if (!parsed.ok()) return report(parsed, name, text);

  eval::json_document document;
  if (options.document) {
    std::string error;
    const auto content = util::read_file(*options.document, error);
    if (!content || !document.parse(*content, error)) {
      print_error(fmt::format("{}: {}", *options.document, error));
      return exit_failure;
    }
  }
  try {
    const eval::program program(parsed, env);
    if (options.documents) return run_documents(options, program, name, text);
    util::arena arena;
    const eval::value result = program.run(document.root(), arena);
    std::puts(util::json_text(eval::to_json(result, arena)).c_str());
    return exit_ok;
  } catch (const eval::eval_error& e) {
    groq::parse_result failed;
    failed.diagnostics.push_back(e.diagnostic);
    return report(failed, name, text);
  }
}

}  // namespace rolec::cli
