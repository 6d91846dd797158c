// fuzz_groq_eval: GROQ evaluation of a parsed expression on a document, as `rolec groq eval
// --document` runs it, and sub-expression by sub-expression as `rolec explain` shows a filter.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "eval/eval.hpp"
#include "eval/json.hpp"
#include "targets/common.hpp"
#include "groq/analyze.hpp"
#include "util/json_text.hpp"
#include "util/utf8.hpp"

namespace rolec::fuzz {
namespace {

// What `identity()`, `now()`, `$a`, `$b` and `user::attributes()` are. No dataset: rolec never
// evaluates with one (`*` is null, as in `rolec groq eval`).
const eval::environment& environment() {
  static util::arena storage;
  static const eval::environment env = [] {
    eval::environment e;
    e.identity = "user-ann";
    e.now = *eval::parse_datetime("2026-01-01T00:00:00Z");
    e.parameters["a"] = eval::value::number(1);
    e.parameters["b"] = eval::from_nlohmann(nlohmann::json::parse(R"(["x", {"_ref": "user-ann"}])"), storage);
    e.project_id = "proj0001";
    e.dataset_name = "production";
    e.user_attributes = eval::from_nlohmann(nlohmann::json::parse(R"({"team": "news", "level": 3})"), storage);
    return e;
  }();
  return env;
}

// A result as JSON text. Strings are Unicode: from valid UTF-8 in, evaluation must give valid
// UTF-8 out, which `rolec explain` writes with a strict dump.
std::string shown(const eval::value& v, util::arena& arena, bool input_is_utf8, std::string_view query) {
  const nlohmann::ordered_json j = eval::to_json(v, arena);
  if (input_is_utf8) {
    try {
      return j.dump();
    } catch (const nlohmann::json::type_error& e) {
      throw violation(fmt::format("`{}` evaluates to text that is not UTF-8: {}", query, e.what()));
    }
  }
  return util::json_text(j);
}

// The parts `rolec explain` evaluates on their own: operands of `&&`, `||`, `!` and comparisons.
void explain(const eval::program& program, const groq::node* n, const eval::value& document, util::arena& arena,
             bool utf8, std::string_view query) {
  try {
    static_cast<void>(shown(program.run_node(n, document, arena), arena, utf8, query));
  } catch (const eval::eval_error&) {
    // shown to the user as the clause's error
  }
  if (n->kind == groq::node_kind::and_ || n->kind == groq::node_kind::or_) {
    for (const groq::node* operand : n->children()) explain(program, operand, document, arena, utf8, query);
  } else if (n->kind == groq::node_kind::not_) {
    explain(program, n->lhs, document, arena, utf8, query);
  } else if (groq::is_comparison(n->kind)) {
    for (const groq::node* side : {n->lhs, n->rhs}) {
      if (side != nullptr) explain(program, side, document, arena, utf8, query);
    }
  }
}

}  // namespace

int fuzz_groq_eval(const std::uint8_t* data, std::size_t size) {
  const auto parts = split(text_of(data, size), std::string_view("\0", 1), 2);
  const std::string query(parts[0]);
  const std::string document_text(parts.size() > 1 ? parts[1] : std::string_view());

  const std::vector<std::string> parameters{"a", "b"};
  groq::analyze_options options;
  options.parameters = &parameters;
  const groq::parse_result parsed = groq::analyze(query, options);
  if (!parsed.ok()) return 0;

  eval::json_document document;
  std::string error;
  const bool is_json = document.parse(document_text, error);
  // nlohmann reads only valid UTF-8, so the document's strings are.
  const bool utf8 = util::find_invalid_utf8(query) == std::string_view::npos;
  try {
    const eval::program program(parsed, environment());
    util::arena arena;
    const eval::value root = is_json ? document.root() : eval::value();
    static_cast<void>(shown(program.run(root, arena), arena, utf8, query));
    static_cast<void>(program.matches(root, arena));
    explain(program, parsed.root, root, arena, utf8, query);
  } catch (const eval::eval_error&) {
    // a run-time error, reported to the user as a finding
  }
  return 0;
}

}  // namespace rolec::fuzz
