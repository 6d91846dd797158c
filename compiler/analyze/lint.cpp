#include "analyze/lint.hpp"

#include <algorithm>
#include <string>

#include "analyze/properties.hpp"
#include "policy/toml_string.hpp"
#include "util/parallel.hpp"

namespace rolec::analyze {
namespace {

// True when `d` is a finding of rule `r` inside the filter written at `literal`.
bool inside(const diag::diagnostic& d, diag::rule r, const policy::location& literal) {
  return d.rule == r && d.source == literal.source && d.where.begin >= literal.where.begin && d.where.end <= literal.where.end;
}

// Drops the findings of `r` in the filter at `literal`; true when there were any.
bool take_back(std::vector<diag::diagnostic>& found, diag::rule r, const policy::location& literal) {
  const auto before = found.size();
  found.erase(std::remove_if(found.begin(), found.end(), [&](const diag::diagnostic& d) { return inside(d, r, literal); }),
              found.end());
  return found.size() != before;
}

bool has(const std::vector<diag::diagnostic>& found, diag::rule r, const policy::location& literal) {
  return std::any_of(found.begin(), found.end(), [&](const diag::diagnostic& d) { return inside(d, r, literal); });
}

}  // namespace

void refine_findings(const resolve::resolved_policy& resolved, std::vector<diag::diagnostic>& found) {
  // What each custom permission's filter matches: decided first (on every core for a large
  // policy, each thread with its own prover and solver), then reported in the policy's order.
  enum class matches { unknown, none, some, every };
  std::vector<const resolve::permission*> judged;
  for (const resolve::permission& p : resolved.custom_permissions()) {
    if (p.filter != nullptr && p.filter->ok() && p.written != nullptr && p.written->filter) judged.push_back(&p);
  }
  std::vector<matches> answers(judged.size(), matches::unknown);
  const std::size_t chunks = judged.size() < 512 ? 1 : util::thread_count(0);
  const side s{&resolved, std::nullopt, {}};
  util::parallel_for(chunks, static_cast<unsigned>(chunks), [&](std::size_t chunk) {
    std::string error;
    const std::vector<std::string> no_roles;
    prover judge(s, options{}, error, &no_roles);
    if (!error.empty()) return;  // lint's patterns stand
    for (std::size_t i = chunk; i < judged.size(); i += chunks) {
      const groq::parse_result& parsed = judged[i]->filter->parsed();
      const outcome some = judge.exists(parsed, true).result;
      if (some != outcome::refuted) {
        answers[i] = some == outcome::proved ? matches::none : matches::unknown;
        continue;
      }
      const outcome missed = judge.exists(parsed, false).result;
      answers[i] = missed == outcome::proved ? matches::every : missed == outcome::refuted ? matches::some : matches::unknown;
    }
  });
  for (std::size_t i = 0; i < judged.size(); ++i) {
    const policy::filter_source& written = *judged[i]->written->filter;
    const diag::span at = policy::file_span(written, judged[i]->filter->parsed().root->where);
    switch (answers[i]) {
      case matches::unknown: break;  // outside the fragment: the patterns' findings stay
      case matches::none:
        // No document and principal make it true. A pattern's finding says why, at the
        // contradiction; otherwise the whole filter is reported.
        take_back(found, diag::rule::filter_matches_all, written.literal);
        if (!has(found, diag::rule::filter_matches_none, written.literal)) {
          diag::diagnostic d = diag::make(diag::rule::filter_matches_none, at, "this filter matches no document",
                                          "remove the permission, or write the condition it was meant to have");
          d.source = written.literal.source;
          d.notes.push_back({"decided for every document and user: none makes the filter exactly `true`", std::nullopt, 0});
          found.push_back(std::move(d));
        }
        break;
      case matches::some:
        take_back(found, diag::rule::filter_matches_none, written.literal);
        take_back(found, diag::rule::filter_matches_all, written.literal);
        break;
      case matches::every:
        take_back(found, diag::rule::filter_matches_none, written.literal);
        if (!has(found, diag::rule::filter_matches_all, written.literal)) {
          diag::diagnostic d = diag::make(diag::rule::filter_matches_all, at, "this filter matches every document",
                                          "if the role should see everything, grant the predefined `sanity-all-documents` "
                                          "instead; otherwise narrow the filter");
          d.source = written.literal.source;
          d.notes.push_back({"decided for every document and user: the filter is `true` for each", std::nullopt, 0});
          found.push_back(std::move(d));
        }
        break;
    }
  }
}

}  // namespace rolec::analyze
