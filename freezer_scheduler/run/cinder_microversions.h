#pragma once
// The microversion negotiated with each Cinder, kept for the runs that follow: version
// discovery once an hour per Cinder rather than once per run. An hour, so that a Cinder
// upgraded (or rolled back) in place is seen again.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace freezer::scheduler {

class CinderMicroversions {
 public:
  std::optional<std::string> find(const std::string& versions_url) {
    std::lock_guard lock(mutex_);
    auto it = known_.find(versions_url);
    if (it == known_.end() || Clock::now() - it->second.since > kKeptFor) return std::nullopt;
    return it->second.microversion;
  }

  void remember(const std::string& versions_url, const std::string& microversion) {
    std::lock_guard lock(mutex_);
    known_[versions_url] = Known{microversion, Clock::now()};
  }

 private:
  using Clock = std::chrono::steady_clock;
  static constexpr auto kKeptFor = std::chrono::hours(1);
  struct Known {
    std::string microversion;
    Clock::time_point since;
  };
  std::mutex mutex_;
  std::map<std::string, Known> known_;  // by the versions document's URL (one per Cinder)
};

}  // namespace freezer::scheduler
