#include "groq/validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "groq/constant.hpp"
#include "groq/functions.hpp"
#include "groq/types.hpp"
#include "util/spell.hpp"

namespace rolec::groq {
namespace {

using diag::rule;

/// Where in the tree a node sits, as far as the placement rules care.
struct place {
  bool range_ok = false;     ///< right-hand side of `in`, or inside a slice
  bool pair_ok = false;      ///< an argument of `select()` or an attribute of an object
  bool ordering_ok = false;  ///< the top of an `order()` argument
  bool in_score = false;     ///< inside the arguments of `score()`
  int scopes = 0;            ///< nested scopes opened inside a custom function body
};

class validator {
 public:
  validator(parse_result& result, const validate_options& options) : result_(result), options_(options) {}

  void run() {
    for (const function_decl& decl : result_.functions) check_declaration(decl);
    check(result_.root, {});
  }

 private:
  parse_result& result_;
  const validate_options& options_;
  const function_decl* function_ = nullptr;  // the custom function whose body is being checked
  std::map<std::string_view, int> parameter_uses_;

  void report(rule r, diag::span where, std::string message, std::string help = {}) {
    result_.diagnostics.push_back(diag::make(r, where, std::move(message), std::move(help)));
  }

  [[nodiscard]] const function_decl* custom_function(std::string_view ns, std::string_view name) const {
    for (const function_decl& decl : result_.functions) {
      if (decl.ns == ns && decl.name == name) return &decl;
    }
    return nullptr;
  }

  void check_declaration(const function_decl& decl) {
    if (decl.params.size() != 1) {
      report(rule::invalid_function_decl, decl.name_where,
             fmt::format("the custom function `{}::{}` declares {} parameters", decl.ns, decl.name, decl.params.size()),
             "a custom function takes exactly one parameter, as in `fn ns::name($value) = ...;`");
    }
    for (const function_decl& other : result_.functions) {
      if (&other == &decl) break;
      if (other.ns == decl.ns && other.name == decl.name) {
        report(rule::invalid_function_decl, decl.name_where,
               fmt::format("the custom function `{}::{}` is declared twice", decl.ns, decl.name));
      }
    }
    function_ = &decl;
    parameter_uses_.clear();
    check(decl.body, {});
    for (const auto& [name, uses] : parameter_uses_) {
      if (uses > 1) {
        report(rule::invalid_function_decl, decl.body->where,
               fmt::format("the parameter `${}` is used {} times in the body of `{}::{}`", name, uses, decl.ns, decl.name),
               "a custom function may use its parameter only once");
      }
    }
    function_ = nullptr;
  }

  void check_children(const node* n, const place& p) {
    if (n->lhs != nullptr) check(n->lhs, p);
    if (n->rhs != nullptr) check(n->rhs, p);
    for (const node* item : n->children()) check(item, p);
  }

  void check(const node* n, const place& where) {
    if (n == nullptr) return;
    place inner;  // by default a child may hold nothing special
    inner.in_score = where.in_score;
    inner.scopes = where.scopes;
    switch (n->kind) {
      case node_kind::range:
        if (!where.range_ok) {
          report(rule::misplaced_range, n->where, fmt::format("a range (`{}`) cannot stand here", operator_text(*n)),
                 "ranges are only meaningful after `in` (`x in 1..10`) and in slices (`list[0..2]`)");
        }
        break;
      case node_kind::pair:
        if (!where.pair_ok) {
          report(rule::misplaced_pair, n->where, "a pair (`=>`) cannot stand here",
                 "pairs are only meaningful as `select()` arguments and as conditional object attributes");
        }
        break;
      case node_kind::asc:
      case node_kind::desc:
        if (!where.ordering_ok) {
          report(rule::misplaced_ordering, {n->op, n->where.end},
                 fmt::format("`{}` is only allowed in the arguments of `order()`", operator_text(*n)),
                 fmt::format("write `... | order(field {})`, or add parentheses to order by a computed value",
                             operator_text(*n)));
        }
        break;
      case node_kind::in:
        check(n->lhs, inner);
        {
          place rhs = inner;
          rhs.range_ok = true;
          check(n->rhs, rhs);
        }
        return;
      case node_kind::parameter: check_parameter(n); return;
      case node_kind::parent: check_parent(n, where); return;
      case node_kind::func_call: check_call(n, where); return;
      case node_kind::pipe_call: check_pipe_call(n, where); return;
      case node_kind::element_access: check_index(n); break;
      case node_kind::slice: {
        check(n->lhs, inner);
        check_slice(n);
        place bounds = inner;
        bounds.range_ok = true;
        check(n->rhs, bounds);
        return;
      }
      case node_kind::filter: check_condition(n); [[fallthrough]];
      case node_kind::projection: {
        check(n->lhs, inner);
        place nested = inner;
        ++nested.scopes;
        check(n->rhs, nested);
        return;
      }
      case node_kind::object_literal: check_object(n, inner); return;
      case node_kind::tuple:
      case node_kind::group_traversal:
        report(rule::misplaced_tuple, n->where,
               n->kind == node_kind::tuple ? "a tuple `(a, b)` is only allowed in a selector"
                                           : "a group traversal `.(...)` is only allowed in a selector",
               "selectors are the last argument of `diff::changedAny()` and friends");
        break;
      default: break;
    }
    check_children(n, inner);
  }

  void check_parameter(const node* n) {
    if (function_ != nullptr) {
      for (const node* param : function_->params) {
        if (param->text == n->text) {
          ++parameter_uses_[n->text];
          return;
        }
      }
    }
    if (options_.parameters == nullptr) return;
    const auto& names = *options_.parameters;
    if (std::find(names.begin(), names.end(), n->text) != names.end()) return;
    std::string help = "pass it with `--params '{\"" + std::string(n->text) + "\": ...}'`";
    if (auto guess = util::closest(n->text, names)) help = fmt::format("did you mean `${}`?", *guess);
    report(rule::undefined_parameter, n->where, fmt::format("the parameter `${}` is not defined", n->text), help);
  }

  // Inside a custom function, `^` may only reach scopes opened within the body.
  void check_parent(const node* n, const place& where) {
    if (function_ == nullptr || static_cast<int>(n->count) < where.scopes) return;
    std::string written = "^";
    for (std::uint32_t i = 1; i < n->count; ++i) written += ".^";
    report(rule::invalid_function_decl, n->where,
           fmt::format("`{}` reaches outside the body of the custom function `{}::{}`", written, function_->ns,
                       function_->name),
           "a custom function only sees its parameter; pass what it needs as the argument");
  }

  void check_arguments(const node* n, const place& where, const function_info* info) {
    place arg;
    arg.in_score = where.in_score;
    arg.scopes = where.scopes;
    for (std::uint32_t i = 0; i < n->count; ++i) {
      const node* a = n->items[i];
      if (info != nullptr && static_cast<int>(i) == info->selector_arg) {
        check_selector(a, arg);
        continue;
      }
      place p = arg;
      if (info != nullptr && (info->flags & function_flag::variadic_select) != 0) p.pair_ok = true;
      check(a, p);
    }
  }

  static std::string shown_name(const node* n) {
    return n->has(flag::namespaced) ? fmt::format("{}::{}", n->ns, n->text) : std::string(n->text);
  }

  void check_call(const node* n, const place& where) {
    const diag::span name_span{n->where.begin, n->op + static_cast<std::uint32_t>(n->text.size())};
    if (const function_decl* decl = result_.functions.empty() ? nullptr : custom_function(n->ns, n->text)) {
      if (n->count != decl->params.size()) {
        report(rule::argument_count, n->where,
               fmt::format("`{}` takes {} argument{}, but {} {} given", shown_name(n), decl->params.size(),
                           decl->params.size() == 1 ? "" : "s", n->count, n->count == 1 ? "is" : "are"));
      }
      check_arguments(n, where, nullptr);
      return;
    }
    const function_info* info = n->function;
    if (info == nullptr) {
      report_unknown(n, shown_name(n), name_span);
      check_arguments(n, where, nullptr);
      return;
    }
    if (!arity_ok(*info, n->count)) {
      report(rule::argument_count, n->where,
             fmt::format("`{}()` takes {}, but {} {} given", shown_name(n), arity_text(*info), n->count,
                         n->count == 1 ? "is" : "are"));
    }
    if ((info->flags & function_flag::pipe) != 0) {
      report(rule::misplaced_function, name_span, fmt::format("`{}()` can only be used as a pipe function", shown_name(n)),
             fmt::format("write `... | {}(...)`", n->text));
    }
    if ((info->flags & function_flag::delta) != 0 && !options_.delta_mode) {
      report(rule::delta_mode_only, name_span, fmt::format("`{}()` only exists in delta mode", shown_name(n)),
             "delta mode is used by webhooks and document actions, which see a change instead of a document");
    }
    if ((info->flags & function_flag::score_argument) != 0 && !where.in_score) {
      report(rule::misplaced_function, name_span, fmt::format("`{}()` can only be used inside `score()`", shown_name(n)),
             "write `... | score(boost(condition, 2))`");
    }
    if ((info->flags & function_flag::selector) != 0) {
      report(rule::misplaced_function, name_span, fmt::format("`{}()` can only be used in a selector", shown_name(n)),
             "selectors are the last argument of `diff::changedAny()` and friends");
    }
    if ((info->flags & function_flag::variadic_select) != 0) check_select(n);
    check_arguments(n, where, info);
  }

  static bool arity_ok(const function_info& info, std::uint32_t count) {
    return static_cast<int>(count) >= info.min_args && (info.max_args < 0 || static_cast<int>(count) <= info.max_args);
  }

  void report_unknown(const node* n, const std::string& shown, diag::span name_span) {
    bool custom_namespace = false;
    std::vector<std::string> custom_names;
    for (const function_decl& decl : result_.functions) {
      if (decl.ns == n->ns) {
        custom_namespace = true;
        custom_names.emplace_back(decl.name);
      }
    }
    if (!is_namespace(n->ns) && !custom_namespace) {
      const diag::span ns_span{n->where.begin, n->where.begin + static_cast<std::uint32_t>(n->ns.size())};
      std::string help = "see the namespaces of the GROQ specification: global, string, array, math, dateTime, ...";
      std::vector<std::string> known = namespace_names();
      if (auto guess = util::closest(n->ns, known)) help = fmt::format("did you mean `{}::{}`?", *guess, n->text);
      report(rule::unknown_namespace, ns_span, fmt::format("unknown function namespace `{}`", n->ns), help);
      return;
    }
    std::vector<std::string> known = function_suggestions(n->ns);
    known.insert(known.end(), custom_names.begin(), custom_names.end());
    std::string help;
    if (auto guess = util::closest(n->text, known)) {
      help = n->has(flag::namespaced) ? fmt::format("did you mean `{}::{}()`?", n->ns, *guess)
                                      : fmt::format("did you mean `{}()`?", *guess);
    } else if (!n->has(flag::namespaced)) {
      // A bare name may be a function of another namespace (`split` is `string::split`).
      for (const function_info& f : all_functions()) {
        if (f.name == n->text) {
          help = fmt::format("did you mean `{}::{}()`?", f.ns, f.name);
          break;
        }
      }
    }
    report(rule::unknown_function, name_span, fmt::format("unknown function `{}()`", shown), help);
  }

  void check_select(const node* n) {
    for (std::uint32_t i = 0; i + 1 < n->count; ++i) {
      if (n->items[i]->kind != node_kind::pair) {
        report(rule::invalid_select, n->items[i]->where, "the default of `select()` must be its last argument",
               "write the `condition => value` pairs first and the default last");
        return;
      }
    }
  }

  void check_pipe_call(const node* n, const place& where) {
    place base = where;
    base.pair_ok = base.range_ok = base.ordering_ok = false;
    check(n->lhs, base);
    const function_info* info = n->function;
    const auto name_length = n->text.size() + (n->has(flag::namespaced) ? n->ns.size() + 2 : 0);
    const diag::span name_span{n->op, n->op + static_cast<std::uint32_t>(name_length)};
    if (info == nullptr || (info->flags & function_flag::pipe) == 0) {
      report(rule::unknown_function, name_span, fmt::format("`{}()` is not a pipe function", shown_name(n)),
             "the pipe functions are `order()` and `score()`");
    } else {
      if (!arity_ok(*info, n->count)) {
        report(rule::argument_count, n->where,
               fmt::format("`{}()` takes {}, but {} {} given", shown_name(n), arity_text(*info), n->count,
                           n->count == 1 ? "is" : "are"));
      }
      if (n->text == "score" && !is_document_array(n->lhs)) {
        report(rule::misplaced_function, name_span, "`score()` must be applied to documents of the dataset",
               "score a filtered dataset, as in `*[_type == \"post\"] | score(...)`");
      }
    }
    place arg;
    arg.scopes = where.scopes + 1;  // arguments are evaluated once per element
    arg.in_score = info != nullptr && n->text == "score";
    arg.ordering_ok = info != nullptr && n->text == "order";
    for (const node* a : n->children()) check(a, arg);
  }

  // `score()` ranks documents: its base must be `*`, possibly filtered, sliced, ordered or scored.
  static bool is_document_array(const node* n) {
    while (true) {
      switch (n->kind) {
        case node_kind::everything: return true;
        case node_kind::filter:
        case node_kind::slice: n = n->lhs; break;
        case node_kind::pipe_call:
          if (n->text != "order" && n->text != "score") return false;
          n = n->lhs;
          break;
        default: return false;
      }
    }
  }

  // `x[...]` with a content that is not constant is a filter whatever its type, so an index that
  // is computed (`tags[count(tags) - 1]`) or a name that is (`x[lower("A")]`) keeps nothing.
  void check_condition(const node* n) {
    if (n->has(flag::parameter_key)) return;
    const result_type t = static_type(n->rhs);
    if (t == result_type::any || t == result_type::boolean) return;
    std::string help = "write a comparison that is `true` for the elements to keep";
    if (t == result_type::number) help = "an index must be constant, such as `[-1]` for the last element; to filter, write a comparison";
    if (t == result_type::string) help = "an attribute name in brackets must be constant, such as `[\"title\"]`; to filter, write a comparison";
    report(rule::condition_not_boolean, n->rhs->where,
           fmt::format("this filter keeps no element: its condition is {}, never `true`", type_phrase(t)), std::move(help));
  }

  void check_index(const node* n) {
    const auto value = constant_evaluate(n->rhs, result_.arena());
    if (value && value->kind == constant::type::number && std::floor(value->number) == value->number) return;
    report(rule::non_integer_index, n->rhs->where, "an element index must be an integer",
           "write a whole number such as `[0]` or `[-1]`");
  }

  // Engines substitute parameters before they validate, so bounds built from them are accepted.
  void check_slice(const node* n) {
    for (const node* bound : {n->rhs->lhs, n->rhs->rhs}) {
      const auto value = constant_evaluate(bound, result_.arena());
      if (value && value->kind == constant::type::parameter) continue;
      if (value && value->kind == constant::type::number && std::floor(value->number) == value->number) continue;
      report(rule::non_integer_index, bound->where, "a slice bound must be a constant integer",
             "write whole numbers such as `[0..10]`");
    }
  }

  void check_object(const node* n, const place& inner) {
    for (const node* entry : n->children()) {
      switch (entry->kind) {
        case node_kind::object_pair: check(entry->rhs, inner); break;
        case node_kind::object_splat: check(entry->lhs, inner); break;
        case node_kind::pair: {
          place p = inner;
          p.pair_ok = true;
          check(entry, p);
          break;
        }
        default:
          if (naming_node(entry) == nullptr) {
            report(rule::invalid_object_key, entry->where, "this object attribute has no name",
                   "give it one: `\"name\": expression`");
          }
          check(entry, inner);
      }
    }
  }

  // Spec "Selector": attributes, groups, tuples, `.attr`, `[]`, `[filter]`, `.(group)`.
  void check_selector(const node* n, const place& where) {
    switch (n->kind) {
      case node_kind::this_attribute: return;
      case node_kind::tuple:
        for (const node* item : n->children()) check_selector(item, where);
        return;
      case node_kind::attribute_access:
      case node_kind::array_postfix: check_selector(n->lhs, where); return;
      case node_kind::filter: {
        check_selector(n->lhs, where);
        place p = where;
        ++p.scopes;
        check(n->rhs, p);
        return;
      }
      case node_kind::group_traversal:
        check_selector(n->lhs, where);
        for (const node* item : n->children()) check_selector(item, where);
        return;
      case node_kind::func_call:
        if (n->ns == "global" && n->text == "anywhere" && n->count == 1) {
          check(n->items[0], where);
          return;
        }
        break;
      default: break;
    }
    report(rule::invalid_selector, n->where, "this is not a selector",
           "a selector names attributes: `title`, `body.text`, `tags[]`, `(a, b)`, `items[_type == \"x\"]`");
  }
};

}  // namespace

void validate(parse_result& result, const validate_options& options) {
  if (result.root == nullptr) return;
  validator(result, options).run();
}

}  // namespace rolec::groq
