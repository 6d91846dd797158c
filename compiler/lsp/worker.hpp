#pragma once
/// The analysis of policy folders on a thread of its own: the exact findings take longer than a
/// keystroke, so the server publishes lint's checks at once and these when they are ready. Only
/// the newest snapshot of a folder waits; one overtaken before it starts is dropped.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "diag/diagnostic.hpp"
#include "lint/lint.hpp"
#include "lsp/folder.hpp"
#include "resolve/filters.hpp"

namespace rolec::lsp {

/// A background thread that lints snapshots whole, analysis included.
class analysis_worker {
 public:
  /// What a finished job found.
  struct result {
    std::string root;
    std::uint64_t generation = 0;
    std::vector<diag::diagnostic> findings;
  };

  explicit analysis_worker(lint::refinement refine);
  ~analysis_worker();
  analysis_worker(const analysis_worker&) = delete;
  analysis_worker& operator=(const analysis_worker&) = delete;

  /// Queues the snapshot of folder `root`, in place of one of the same folder still waiting.
  void submit(const std::string& root, snapshot s);
  /// The results finished since the last call.
  [[nodiscard]] std::vector<result> take();
  /// Readable when results wait; `take` drains it.
  [[nodiscard]] int wake_fd() const { return pipe_[0]; }

 private:
  void loop();

  lint::refinement refine_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::pair<std::string, snapshot>> jobs_;
  std::vector<result> done_;
  bool stop_ = false;
  std::map<std::string, resolve::filter_set> filters_;  // per folder; touched by the thread alone
  int pipe_[2] = {-1, -1};
  std::thread thread_;
};

}  // namespace rolec::lsp
