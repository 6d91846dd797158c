#include "lint/filters.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "groq/print.hpp"
#include "util/utf8.hpp"

namespace rolec::lint {

using groq::node;
using groq::node_kind;

void check_filter_syntax(const policy::filter_source& filter, const groq::parse_result& parsed,
                         std::vector<diag::diagnostic>& out) {
  for (diag::diagnostic d : parsed.diagnostics) {
    d.where = file_span(filter, d.where);
    d.source = filter.literal.source;
    for (diag::note& n : d.notes) {
      if (n.where) n.where = file_span(filter, *n.where);
      n.source = filter.literal.source;
    }
    // A fix moves into the file only where each byte of the filter has its own place there and
    // the new text needs no TOML escape; otherwise it is no longer certain, and is dropped.
    if (d.fix) {
      const bool plain = d.fix->replacement.find_first_of("\"'\\\n") == std::string::npos;
      if (filter.exact && plain) {
        d.fix->where = file_span(filter, d.fix->where);
      } else {
        d.fix.reset();
      }
    }
    out.push_back(std::move(d));
  }
}

namespace {

// A path into the document: `_id`, `author._ref`, `metadata.owner.team`.
std::string document_path(const node* n) {
  if (n->kind == node_kind::this_attribute) return std::string(n->text);
  if (n->kind == node_kind::attribute_access && !n->has(groq::flag::bracketed)) {
    const std::string base = document_path(n->lhs);
    return base.empty() ? std::string() : base + "." + std::string(n->text);
  }
  return {};
}

bool is_user_attributes(const node* n) {
  while (n->kind == node_kind::attribute_access) n = n->lhs;
  return n->kind == node_kind::func_call && n->ns == "user" && n->text == "attributes";
}

bool is_path_glob(const node* n, std::string_view pattern) {
  return n->kind == node_kind::func_call && n->text == "path" && n->ns == "global" && n->count == 1 &&
         n->items[0]->kind == node_kind::string_literal && n->items[0]->text == pattern;
}

class meaning {
 public:
  meaning(const policy::filter_source& filter, std::vector<diag::diagnostic>& out) : filter_(filter), out_(out) {}

  void run(const node* root) {
    if (matches_everything(root)) {
      report(diag::rule::filter_matches_all, root->where, "this filter matches every document",
             "if the role should see everything, grant the predefined `sanity-all-documents` instead; otherwise "
             "narrow the filter");
    } else {
      report_if_matches_nothing(root);
    }
    walk(root, {});
    check_pinned_ids(root);
  }

 private:
  const policy::filter_source& filter_;
  std::vector<diag::diagnostic>& out_;

  void report(diag::rule r, diag::span where, std::string message, std::string help) {
    diag::diagnostic d = diag::make(r, file_span(filter_, where), std::move(message), std::move(help));
    d.source = filter_.literal.source;
    out_.push_back(std::move(d));
  }

  // Reports a filter that can never be true, at the contradiction; returns whether it found one.
  bool report_if_matches_nothing(const node* root) {
    if (root->kind == node_kind::boolean_literal && !root->has(groq::flag::true_value)) {
      report(diag::rule::filter_matches_none, root->where, "this filter matches no document",
             "remove the permission, or write the condition it was meant to have");
      return true;
    }
    if (root->kind != node_kind::and_) return false;
    // `_type == "a" && _type == "b"`: one attribute cannot equal two different constants.
    std::map<std::string, const node*> pinned;
    for (const node* operand : root->children()) {
      if (operand->kind != node_kind::equal) continue;
      const node* side = operand->rhs;
      std::string path = document_path(operand->lhs);
      if (path.empty()) {
        path = document_path(operand->rhs);
        side = operand->lhs;
      }
      if (path.empty() || (side->kind != node_kind::string_literal && side->kind != node_kind::number_literal)) continue;
      const auto [it, inserted] = pinned.emplace(path, side);
      if (inserted) continue;
      const node* earlier = it->second;
      const bool same = earlier->kind == side->kind &&
                        (side->kind == node_kind::string_literal ? earlier->text == side->text : earlier->number == side->number);
      if (!same) {
        report(diag::rule::filter_matches_none, operand->where,
               fmt::format("this filter matches no document: `{}` cannot be both {} and {}", path, groq::print(earlier),
                           groq::print(side)),
               "to allow either value, write `||`, or `in [...]`");
        return true;
      }
    }
    return false;
  }

  // Context while walking: the operands of the `&&` chain a comparison sits in, for guards.
  struct context {
    const node* conjunction = nullptr;
  };

  void walk(const node* n, context c) {
    if (n == nullptr) return;
    switch (n->kind) {
      case node_kind::and_: c.conjunction = n; break;
      case node_kind::equal:
      case node_kind::not_equal: check_comparison(n, c); break;
      case node_kind::in: check_user_attribute(n, c); break;
      case node_kind::string_literal:
        if (const std::string what = confusable(n->text); !what.empty()) {
          report(diag::rule::confusable_text, n->where, fmt::format("this string contains {}", what),
                 "retype it with plain characters; lookalikes make a filter silently match nothing");
        }
        break;
      default: break;
    }
    walk(n->lhs, c);
    walk(n->rhs, c);
    for (const node* item : n->children()) walk(item, c);
  }

  void check_comparison(const node* n, const context& c) {
    const node* value = nullptr;
    if (n->rhs->kind == node_kind::null_literal) value = n->lhs;
    if (n->lhs->kind == node_kind::null_literal) value = n->rhs;
    if (value != nullptr && value->kind != node_kind::null_literal) {
      const std::string shown = groq::print(value);
      const bool equal = n->kind == node_kind::equal;
      report(diag::rule::null_comparison, n->where,
             fmt::format("`{}` compares with `null`", groq::print(n)),
             fmt::format("write `{}defined({})`, which means the same and says so", equal ? "!" : "", shown));
      return;
    }
    check_user_attribute(n, c);
  }

  // Whether `operand`, beside a comparison in an `&&` chain, makes sure `shown` is not null:
  // `defined(X)`, or `X != null` (which RC408 asks to write as `defined(X)`, but which guards
  // all the same).
  static bool guards(const node* operand, std::string_view shown) {
    if (operand->kind == node_kind::func_call && operand->text == "defined" && operand->count == 1) {
      return groq::print(operand->items[0]) == shown;
    }
    if (operand->kind != node_kind::not_equal) return false;
    const node* checked = operand->rhs->kind == node_kind::null_literal ? operand->lhs
                          : operand->lhs->kind == node_kind::null_literal ? operand->rhs
                                                                          : nullptr;
    return checked != nullptr && groq::print(checked) == shown;
  }

  // `user::attributes().team == team` is true when both are missing (null == null): users without
  // the attribute see every document without the field.
  void check_user_attribute(const node* n, const context& c) {
    const node* attribute = nullptr;
    const node* other = nullptr;
    if (is_user_attributes(n->lhs)) {
      attribute = n->lhs;
      other = n->rhs;
    } else if (n->kind != node_kind::in && is_user_attributes(n->rhs)) {
      attribute = n->rhs;
      other = n->lhs;
    }
    if (attribute == nullptr || attribute->kind != node_kind::attribute_access) return;
    if (other->kind == node_kind::string_literal || other->kind == node_kind::number_literal ||
        other->kind == node_kind::boolean_literal) {
      return;  // a constant is never null, so missing attributes do not match
    }
    const std::string shown = groq::print(attribute);
    if (c.conjunction != nullptr) {
      for (const node* operand : c.conjunction->children()) {
        if (guards(operand, shown)) return;
      }
    }
    report(diag::rule::unguarded_user_attribute, n->where,
           fmt::format("`{}` is compared without a guard: a user without the attribute matches every document "
                       "where the other side is missing too",
                       shown),
           fmt::format("add `defined({}) && ` before the comparison", shown));
  }

  // `_id == "settings"` leaves out `drafts.settings` and `versions.<release>.settings`: the role
  // can see the published document but cannot edit it in Studio, nor in a release. The same holds
  // of an id the request gives (`_id == identity()`, `_id == "drafts." + identity()`).
  void check_pinned_ids(const node* root) {
    struct pin {
      const node* where;  // where to report
      std::string key;    // the id, or `\x01` and the printed expression that gives it
      std::string shown;  // the id as messages name it
      bool literal;
    };
    std::vector<pin> pinned;
    std::set<std::string> mentioned;
    bool drafts_glob = false;    // `_id in path("drafts.**")`
    bool versions_glob = false;  // `_id in path("versions.**")`
    // The id an expression compared with `_id` pins: a string, or a value of the request (which
    // does not depend on the document), or `"drafts." + ` either.
    const auto id_of = [](const node* n) -> std::optional<pin> {
      if (n->kind == node_kind::string_literal) return pin{n, std::string(n->text), std::string(n->text), true};
      const bool from_request = (n->kind == node_kind::func_call && n->ns == "global" && n->text == "identity") ||
                                is_user_attributes(n);
      if (from_request) return pin{n, "\x01" + groq::print(n), groq::print(n), false};
      return std::nullopt;
    };
    const auto note_id = [&](const node* where, const node* n) {
      if (auto id = id_of(n)) {
        mentioned.insert(id->key);
        pinned.push_back({where, id->key, id->shown, id->literal});
        return;
      }
      // `"drafts." + identity()`: the draft of a request value.
      if (n->kind == node_kind::add && n->lhs->kind == node_kind::string_literal && n->lhs->text == "drafts.") {
        if (auto id = id_of(n->rhs); id && !id->literal) mentioned.insert("drafts." + id->key);
      }
    };
    const auto visit = [&](auto&& self, const node* n) -> void {
      if (n == nullptr) return;
      if (n->kind == node_kind::func_call && n->ns == "sanity" && n->text == "versionOf") drafts_glob = versions_glob = true;
      if (n->kind == node_kind::in && document_path(n->lhs) == "_id") {
        if (n->rhs->kind == node_kind::array_literal) {
          for (const node* item : n->rhs->children()) note_id(item, item);  // reported at the id itself
        } else if (n->rhs->kind == node_kind::func_call && n->rhs->text == "path" && n->rhs->count == 1 &&
                   n->rhs->items[0]->kind == node_kind::string_literal) {
          const std::string_view glob = n->rhs->items[0]->text;
          if (glob.rfind("drafts.", 0) == 0) drafts_glob = true;
          if (glob.rfind("versions.", 0) == 0) versions_glob = true;
        }
      }
      if (n->kind == node_kind::equal) {
        const node* id_side = document_path(n->lhs) == "_id" ? n->rhs : document_path(n->rhs) == "_id" ? n->lhs : nullptr;
        if (id_side != nullptr) note_id(n, id_side);
      }
      self(self, n->lhs);
      self(self, n->rhs);
      for (const node* item : n->children()) self(self, item);
    };
    visit(visit, root);
    if (drafts_glob && versions_glob) return;
    for (const pin& p : pinned) {
      if (p.literal && (p.key.rfind("drafts.", 0) == 0 || p.key.rfind("versions.", 0) == 0)) continue;
      const bool draft = drafts_glob || mentioned.count("drafts." + p.key) > 0;
      if (draft && versions_glob) continue;
      const std::string what = p.literal ? fmt::format("`{}`", p.shown) : fmt::format("the document `{}` names", p.shown);
      const std::string draft_name = p.literal ? fmt::format("`drafts.{}`", p.shown) : fmt::format("`\"drafts.\" + {}`", p.shown);
      const std::string versions_name =
          p.literal ? fmt::format(" (`versions.*.{}`)", p.shown) : std::string();
      const std::string message =
          draft ? fmt::format("the filter allows {} and its draft but not its release versions{}", what, versions_name)
                : fmt::format("the filter allows {} but not its draft {} or its release versions", what, draft_name);
      const std::string argument = p.literal ? fmt::format("\"{}\"", p.shown) : p.shown;
      report(diag::rule::id_without_drafts, p.where->where, message,
             fmt::format("write `sanity::versionOf({})`, which matches all of them", argument));
    }
  }
};

}  // namespace

bool matches_everything(const node* root) {
  switch (root->kind) {
    case node_kind::boolean_literal: return root->has(groq::flag::true_value);
    case node_kind::in: return document_path(root->lhs) == "_id" && is_path_glob(root->rhs, "**");
    case node_kind::func_call:
      return root->ns == "global" && root->text == "defined" && root->count == 1 && document_path(root->items[0]) == "_id";
    case node_kind::or_:
      return std::any_of(root->children().begin(), root->children().end(), [](const node* n) { return matches_everything(n); });
    case node_kind::and_:
      return std::all_of(root->children().begin(), root->children().end(), [](const node* n) { return matches_everything(n); });
    default: return false;
  }
}

std::string confusable(std::string_view text) {
  bool latin = false;
  bool lookalike = false;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t n = std::max<std::size_t>(1, util::utf8_sequence_length(text, i));
    const char32_t cp = util::utf8_decode(text, i);
    i += n;
    // Zero-width characters, the byte order mark, and bidirectional controls do not show.
    if ((cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 || cp == 0xFEFF || (cp >= 0x202A && cp <= 0x202E) ||
        (cp >= 0x2066 && cp <= 0x2069) || cp == 0x00AD) {
      return fmt::format("the invisible character U+{:04X}", static_cast<unsigned>(cp));
    }
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) latin = true;
    // Cyrillic and Greek letters that look like Latin ones (а е о р с у х, ο α ν ...).
    static constexpr char32_t lookalikes[] = {0x430, 0x435, 0x43E, 0x440, 0x441, 0x443, 0x445, 0x410, 0x415, 0x41E,
                                              0x420, 0x421, 0x422, 0x425, 0x41C, 0x41D, 0x41A, 0x412, 0x3BF, 0x3B1,
                                              0x3BD, 0x39F, 0x391, 0x392, 0x395, 0x397, 0x399, 0x39A, 0x39C, 0x39D,
                                              0x3A1, 0x3A4, 0x3A7, 0x456, 0x406, 0x458};
    if (std::find(std::begin(lookalikes), std::end(lookalikes), cp) != std::end(lookalikes)) lookalike = true;
  }
  if (latin && lookalike) return "Cyrillic or Greek letters that look like Latin ones, mixed with Latin letters";
  return {};
}

void check_filter_meaning(const policy::filter_source& filter, const groq::parse_result& parsed,
                          std::vector<diag::diagnostic>& out) {
  if (parsed.root == nullptr) return;
  meaning(filter, out).run(parsed.root);
}

}  // namespace rolec::lint
