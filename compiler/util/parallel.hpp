#pragma once
/// Running independent pieces of work on every core.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <thread>
#include <vector>

namespace rolec::util {

/// The number of threads to use: `requested`, or one per core when it is 0.
[[nodiscard]] inline unsigned thread_count(unsigned requested) {
  return requested != 0 ? requested : std::max(1u, std::thread::hardware_concurrency());
}

/// Calls `work(i)` for every i in [0, count) on up to `threads` threads; each i runs once. The
/// first exception thrown by `work` is rethrown here after every thread has stopped.
inline void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& work) {
  threads = static_cast<unsigned>(std::min<std::size_t>(thread_count(threads), count));
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) work(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  const auto run = [&] {
    for (std::size_t i = next++; i < count && !failed; i = next++) {
      try {
        work(i);
      } catch (...) {
        if (!failed.exchange(true)) failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(run);
  run();
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace rolec::util
