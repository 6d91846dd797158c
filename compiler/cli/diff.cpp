#include "cli/diff.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "analyze/compare.hpp"
#include "analyze/render.hpp"
#include "util/json_text.hpp"
#include "util/process.hpp"
#include "util/spell.hpp"
#include "util/version.hpp"

namespace rolec::cli {
namespace {

// The first line git printed on standard error, for a message of ours.
std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  if (line.starts_with("fatal: ")) line.erase(0, 7);
  return line.empty() ? std::string("git failed") : line;
}

std::optional<std::vector<policy::named_text>> read_from_git(const std::string& argument, const std::string& rev,
                                                              const std::string& path, std::string& error) {
  // A revision is never an option of git's (`git:-r:x`), whatever it is spelled.
  if (rev.starts_with("-")) {
    error = fmt::format("{}: `{}` is not a git revision", argument, rev);
    return std::nullopt;
  }
  const std::string where = path.empty() ? std::string(".") : path;
  const auto run = [&](const std::vector<std::string>& args) -> std::optional<std::string> {
    const util::process_result r = util::run_process(args);
    if (!r.started) {
      error = fmt::format("{}: cannot run git: {}", argument, r.error);
      return std::nullopt;
    }
    if (r.exit_code != 0) {
      error = fmt::format("{}: {}", argument, first_line(r.err));
      return std::nullopt;
    }
    return r.out;
  };
  // A file is read whatever its name; a folder gives its `.toml` files, as on disk.
  const auto type = run({"git", "cat-file", "-t", fmt::format("{}:./{}", rev, where)});
  if (!type) return std::nullopt;
  const bool file = type->starts_with("blob");
  const auto listed = run({"git", "ls-tree", "-r", "-z", "--full-name", "--name-only", rev, "--", where});
  if (!listed) return std::nullopt;
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start < listed->size()) {
    const std::size_t end = listed->find('\0', start);
    names.push_back(listed->substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (!file) std::erase_if(names, [](const std::string& n) { return !n.ends_with(".toml"); });
  std::sort(names.begin(), names.end());
  if (names.empty()) {
    error = fmt::format("{}: no policy file at that revision", argument);
    return std::nullopt;
  }
  std::vector<policy::named_text> files;
  for (const std::string& name : names) {
    const auto shown = run({"git", "show", fmt::format("{}:{}", rev, name)});
    if (!shown) return std::nullopt;
    files.push_back(policy::named_text{fmt::format("git:{}:{}", rev, name), *shown});
  }
  return files;
}

bool fails(const analyze::report& r, fail_on when) {
  for (const analyze::change& c : r.changes) {
    const bool widens = c.result == analyze::verdict::widens || c.result == analyze::verdict::both ||
                        c.result == analyze::verdict::unknown;
    const bool narrows = c.result == analyze::verdict::narrows || c.result == analyze::verdict::both ||
                         c.result == analyze::verdict::unknown;
    if (when == fail_on::change && c.result != analyze::verdict::unchanged) return true;
    if (when == fail_on::widening && widens) return true;
    if (when == fail_on::narrowing && narrows) return true;
  }
  return false;
}

}  // namespace

std::optional<policy_input> side_input(const std::string& argument, std::string& error) {
  if (!argument.starts_with("git:")) return policy_input{{argument}, std::nullopt};
  const std::string rest = argument.substr(4);
  const std::size_t colon = rest.find(':');
  if (colon == std::string::npos || colon == 0) {
    error = fmt::format("`{}`: write git:REV:PATH, such as git:origin/main:policy", argument);
    return std::nullopt;
  }
  auto texts = read_from_git(argument, rest.substr(0, colon), rest.substr(colon + 1), error);
  if (!texts) return std::nullopt;
  return policy_input{{}, std::move(*texts)};
}

int run_diff(const diff_options& options) {
  std::vector<built_policy> sides;
  for (const std::string& argument : {options.before, options.after}) {
    std::string error;
    auto input = side_input(argument, error);
    if (!input) {
      print_error(error);
      return exit_failure;
    }
    int status = exit_ok;
    std::size_t errors = 0;
    auto built = resolve_for_decisions(std::move(*input), options.env, status, errors);
    if (!built) return status;
    sides.push_back(std::move(*built));
  }
  // Names the user gives must mean something on one side at least.
  std::set<std::string> roles;
  for (const built_policy& side : sides) {
    for (const resolve::role& r : side.resolved.roles) roles.insert(r.name());
  }
  for (const std::string& r : options.roles) {
    if (roles.count(r) != 0) continue;
    const auto close = util::closest(r, std::vector<std::string>(roles.begin(), roles.end()));
    print_error(fmt::format("role `{}` is in neither policy nor built in{}", r,
                            close ? fmt::format("; did you mean `{}`?", *close) : std::string()));
    return exit_failure;
  }
  const std::vector<std::string>& known = analyze::compared_actions();
  for (const std::string& a : options.actions) {
    if (std::find(known.begin(), known.end(), a) != known.end()) continue;
    const auto close = util::closest(a, known);
    print_error(fmt::format("`{}` is not an action diff compares ({}){}", a, fmt::join(known, ", "),
                            close ? fmt::format("; did you mean `{}`?", *close) : std::string()));
    return exit_failure;
  }
  const analyze::side before{&sides[0].resolved, sides[0].compiled.project_id, sides[0].compiled.public_datasets};
  const analyze::side after{&sides[1].resolved, sides[1].compiled.project_id, sides[1].compiled.public_datasets};
  const analyze::report r = analyze::compare(before, after, analyze::options{options.roles, options.actions});
  if (!r.error.empty()) {
    print_error(r.error);
    return exit_failure;
  }
  const analyze::sides_text files{&sides[0].sources, &sides[1].sources};
  std::string text;
  switch (options.output) {
    case diff_format::human: text = analyze::render_human(r, files); break;
    case diff_format::json: text = util::json_text(analyze::to_json(r, files), 2) + "\n"; break;
    case diff_format::sarif:
      text = analyze::render_sarif(r, files, std::string(util::version()), rules_url("") + "README.md");
      break;
    case diff_format::github: text = analyze::render_github(r, files); break;
  }
  print_text(text, stdout);
  if (const char* stats = std::getenv("ROLEC_STATS"); stats != nullptr && *stats != '\0') {
    std::vector<double> times;
    std::size_t with_solver = 0;
    for (const analyze::change& c : r.changes) {
      if (c.solved) times.push_back(c.millis);
      with_solver += c.solver_checks > 0 ? 1 : 0;
    }
    std::sort(times.begin(), times.end());
    print_text(fmt::format("rolec: stats: {} role-action pairs, {} analysed ({} without the solver), median {:.2f} ms per "
                           "pair analysed; {} witnesses found by search in {:.1f} ms; {} solver checks in {:.1f} ms, {:.1f} "
                           "ms re-checking their witnesses\n",
                           r.changes.size(), times.size(), times.size() - with_solver,
                           times.empty() ? 0.0 : times[times.size() / 2], r.spent.searched, r.spent.search_millis,
                           r.spent.solver_checks, r.spent.solver_millis, r.spent.check_millis),
               stderr);
  }
  return fails(r, options.fail) ? exit_findings : exit_ok;
}

}  // namespace rolec::cli
