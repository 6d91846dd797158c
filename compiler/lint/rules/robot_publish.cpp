// RC502 robot-publishes-all: a role robots can hold that may publish every document, so that a
// leaked token could rewrite all content.

#include <fmt/format.h>

#include "lint/filters.hpp"
#include "lint/rules/context.hpp"

namespace rolec::lint {
namespace {

bool covers_everything(const resolve::grant& g) {
  if (g.target == nullptr || g.target->filter == nullptr) return false;
  const groq::node* root = g.target->filter->parsed().root;
  return root != nullptr && matches_everything(root);
}

}  // namespace

void check_robot_publish(context& c, const resolve::role& r) {
  if (!r.value.applies_to_robots) return;
  for (const resolve::grant& g : r.effective) {
    if (g.value.action.level() != model::mode::publish || !covers_everything(g)) continue;
    const std::string source = g.from.inherited() ? fmt::format(" (through `{}`)", g.from.via()) : "";
    c.report(diag::rule::robot_publishes_all, g.from.shown_at(),
             fmt::format("robots can hold role `{}`, and it may publish every document{}", r.name(), source),
             "a leaked token could then rewrite all content; set applies_to_robots = false, or narrow the filter");
    return;
  }
}

}  // namespace rolec::lint
