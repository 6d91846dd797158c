#include "apply/apply.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>

namespace rolec::apply {

bool report::ok() const {
  return not_started == 0 && std::all_of(results.begin(), results.end(), [](const change_result& r) { return r.ok; });
}

int phase_of(const plan::change& c) {
  const bool permission = c.resource == access::kind::permission;
  if (c.what != plan::action::remove) return permission ? 0 : 1;
  return permission ? 3 : 2;
}

namespace {

change_result carry_out(const plan::change& c, access::client& api) {
  access::outcome o;
  switch (c.what) {
    case plan::action::create: o = api.create(c.resource, c.body); break;
    case plan::action::update: o = api.replace(c.resource, c.name, c.body); break;
    case plan::action::remove: o = api.remove(c.resource, c.name); break;
  }
  return {&c, o.ok, o.error, o.attempts};
}

}  // namespace

report run(const plan::plan& p, access::client& api, unsigned parallelism, const std::function<void(const change_result&)>& done) {
  report out;
  std::mutex lock;
  std::atomic<bool> failed{false};
  std::vector<const plan::change*> ordered;
  for (const plan::change& c : p.changes) ordered.push_back(&c);
  std::stable_sort(ordered.begin(), ordered.end(), [](const plan::change* a, const plan::change* b) { return phase_of(*a) < phase_of(*b); });

  std::size_t begin = 0;
  while (begin < ordered.size() && !failed) {
    std::size_t end = begin;
    while (end < ordered.size() && phase_of(*ordered[end]) == phase_of(*ordered[begin])) ++end;
    std::atomic<std::size_t> next{begin};
    // Results are reported in plan order, each as soon as those before it in the phase are done,
    // so that output and logs read the same from run to run whatever finishes first.
    std::vector<std::optional<change_result>> finished(end - begin);
    std::size_t reported = 0;
    const auto worker = [&] {
      for (std::size_t i = next++; i < end && !failed; i = next++) {
        change_result r = carry_out(*ordered[i], api);
        std::lock_guard guard(lock);
        if (!r.ok) failed = true;
        finished[i - begin] = std::move(r);
        for (; reported < finished.size() && finished[reported]; ++reported) {
          if (done) done(*finished[reported]);
          out.results.push_back(std::move(*finished[reported]));
        }
      }
    };
    const std::size_t threads = std::min<std::size_t>(std::max(1u, parallelism), end - begin);
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (std::thread& t : pool) t.join();
    begin = end;
  }
  out.not_started = ordered.size() - out.results.size();
  return out;
}

}  // namespace rolec::apply
