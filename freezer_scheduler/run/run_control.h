#pragma once
// How a job run is stopped from outside (an abort event, an agent time limit, the
// scheduler's shutdown): the running agent is stopped, a retry wait ends early, and no further
// agent starts.
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "freezer_scheduler/run/agent_process.h"

namespace freezer::scheduler {

class RunControl {
 public:
  void abort() {
    std::lock_guard lock(mutex_);
    aborted_ = true;
    if (agent_ != nullptr) agent_->stop();
    wake_.notify_all();
  }
  bool aborted() const {
    std::lock_guard lock(mutex_);
    return aborted_;
  }
  // The agent now running (nullptr: none); one started after abort() is stopped at once.
  void set_agent(RunningAgent* agent) {
    std::lock_guard lock(mutex_);
    agent_ = agent;
    if (agent_ != nullptr && aborted_) agent_->stop();
  }
  // Waits `duration` unless aborted first; false when aborted.
  bool wait_for(std::chrono::seconds duration) {
    std::unique_lock lock(mutex_);
    return !wake_.wait_for(lock, duration, [this] { return aborted_; });
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool aborted_ = false;
  RunningAgent* agent_ = nullptr;
};

}  // namespace freezer::scheduler
