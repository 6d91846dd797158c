#include "lsp/worker.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

namespace rolec::lsp {

analysis_worker::analysis_worker(lint::refinement refine) : refine_(std::move(refine)) {
  if (::pipe2(pipe_, O_CLOEXEC | O_NONBLOCK) != 0) throw std::runtime_error("cannot make a pipe for the analysis thread");
  thread_ = std::thread([this] { loop(); });
}

analysis_worker::~analysis_worker() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
    jobs_.clear();
  }
  wake_.notify_all();
  thread_.join();
  ::close(pipe_[0]);
  ::close(pipe_[1]);
}

void analysis_worker::submit(const std::string& root, snapshot s) {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    const auto it = std::find_if(jobs_.begin(), jobs_.end(), [&](const auto& job) { return job.first == root; });
    if (it != jobs_.end()) {
      it->second = std::move(s);
    } else {
      jobs_.emplace_back(root, std::move(s));
    }
  }
  wake_.notify_one();
}

std::vector<analysis_worker::result> analysis_worker::take() {
  char drain[64];
  while (::read(pipe_[0], drain, sizeof drain) > 0) {
  }
  const std::lock_guard<std::mutex> lock(mutex_);
  return std::exchange(done_, {});
}

void analysis_worker::loop() {
  while (true) {
    std::pair<std::string, snapshot> job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
      if (stop_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    result r{job.first, job.second.generation, {}};
    try {
      r.findings = policy_folder::lint_snapshot(std::move(job.second), refine_, filters_[job.first]);
    } catch (const std::exception&) {
      continue;  // the checks' findings stay published; the next change tries again
    }
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      done_.push_back(std::move(r));
    }
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(pipe_[1], &byte, 1);  // a full pipe already wakes the server
  }
}

}  // namespace rolec::lsp
