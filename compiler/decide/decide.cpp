#include "decide/decide.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "eval/json.hpp"

namespace rolec::decide {
namespace {

kinds bit(id_kind k) { return static_cast<kinds>(k); }

// The value of one filter on a document: 1, 0, or -1 with `error` set.
int evaluate(const filter& f, const eval::value& document, util::arena& arena, std::string* error) {
  if (f.program == nullptr) {
    if (error != nullptr) *error = "the filter is not a valid permission filter, so the grant allows nothing (the policy's errors say why)";
    return -1;
  }
  try {
    return f.program->matches(document, arena) ? 1 : 0;
  } catch (const eval::eval_error& e) {
    if (error != nullptr) *error = e.diagnostic.message;
    return -1;
  }
}

std::string document_id(const eval::value& document) {
  if (!document.is(eval::value_type::object)) return "";
  const std::optional<eval::value> id = document.get("_id");
  return id && id->is(eval::value_type::string) ? std::string(id->as_string()) : std::string();
}

std::string value_text(const eval::value& v, util::arena& arena) { return eval::to_json(v, arena).dump(); }

void explain_node(const filter& f, const groq::node* n, int depth, const eval::value& document, util::arena& arena,
                  std::vector<term>& out) {
  term t;
  t.depth = depth;
  t.text = std::string(f.parsed->text.substr(n->where.begin, n->where.size()));
  try {
    t.value = value_text(f.program->run_node(n, document, arena), arena);
  } catch (const eval::eval_error& e) {
    t.error = e.diagnostic.message;
  }
  out.push_back(std::move(t));
  const auto literal = [](const groq::node* x) {
    switch (x->kind) {
      case groq::node_kind::null_literal:
      case groq::node_kind::boolean_literal:
      case groq::node_kind::number_literal:
      case groq::node_kind::string_literal: return true;
      default: return false;
    }
  };
  if (n->kind == groq::node_kind::and_ || n->kind == groq::node_kind::or_) {
    for (const groq::node* operand : n->children()) explain_node(f, operand, depth + 1, document, arena, out);
  } else if (n->kind == groq::node_kind::not_) {
    explain_node(f, n->lhs, depth + 1, document, arena, out);
  } else if (groq::is_comparison(n->kind)) {
    // The two sides of a comparison, unless a side is a literal, whose value is its text.
    for (const groq::node* side : {n->lhs, n->rhs}) {
      if (side != nullptr && !literal(side)) explain_node(f, side, depth + 1, document, arena, out);
    }
  }
}

}  // namespace

void filter_results(const model& m, const eval::value& document, util::arena& arena, std::vector<signed char>& out) {
  const auto filters = m.filters();
  out.resize(filters.size());
  for (std::size_t i = 0; i < filters.size(); ++i) {
    out[i] = static_cast<signed char>(evaluate(filters[i], document, arena, nullptr));
  }
}

bool allowed(const model& m, const role& r, action a, std::string_view id, id_kind k,
             const std::vector<signed char>& results) {
  if (a == action::read && m.public_read(id)) return true;
  if (!m.applies(r)) return false;
  const auto grants = m.rules();
  for (const std::size_t index : r.rules) {
    const rule& g = grants[index];
    if ((g.on(a) & bit(k)) != 0 && m.in_dataset(g) && results[g.filter] == 1 && !system_refuses(g, a, id)) return true;
  }
  return false;
}

decision decide(const model& m, const std::vector<std::string>& roles, action a, const eval::value& document,
                util::arena& arena) {
  decision out;
  out.document_id = document_id(document);
  out.kind = kind_of(out.document_id);
  out.public_read = a == action::read && m.public_read(out.document_id);
  out.allowed = out.public_read;
  const auto grants = m.rules();
  const auto filters = m.filters();
  for (const std::string& name : roles) {
    const role* r = m.find_role(name);
    if (r == nullptr) {
      out.unknown_roles.push_back(name);
      continue;
    }
    for (const std::size_t index : r->rules) {
      const rule& g = grants[index];
      grant_verdict v;
      v.rule = index;
      v.role_applies = m.applies(*r);
      v.in_dataset = m.in_dataset(g);
      v.action_granted = g.on(a) != 0;
      v.kind_covered = (g.on(a) & bit(out.kind)) != 0;
      v.system_refused = system_refuses(g, a, out.document_id);
      if (v.role_applies && v.in_dataset && v.action_granted && v.kind_covered && !v.system_refused) {
        v.evaluated = true;
        if (g.broken.empty()) {
          v.filter_true = evaluate(filters[g.filter], document, arena, &v.error) == 1;
        } else {
          v.error = g.broken;
        }
      }
      out.allowed = out.allowed || v.allows();
      out.verdicts.push_back(std::move(v));
    }
  }
  return out;
}

std::vector<term> explain_filter(const model& m, std::size_t f, const eval::value& document, util::arena& arena) {
  std::vector<term> out;
  const filter& which = m.filters()[f];
  if (which.program == nullptr || which.parsed->root == nullptr) return out;
  explain_node(which, which.parsed->root, 0, document, arena, out);
  return out;
}

}  // namespace rolec::decide
