#pragma once
// The one place where work the database aborted runs again. A conflict (Error::Kind::kConflict:
// a deadlock, or a Galera certification failure at commit) rolled the whole transaction back,
// so the unit of work that made it (an API request's handler) runs again from the start and
// reads afresh. Stores do not retry their own writes: a retry inside a retry multiplies.
//
// Up to `attempts` runs in all (20, oslo.db's default), with a randomised pause between two,
// its ceiling doubling from 10 ms up to 200 ms, so that retrying writers do not meet again:
// about three seconds at most before the conflict reaches the caller.
#include <algorithm>
#include <chrono>
#include <functional>
#include <random>
#include <thread>

#include "db/errors.h"

namespace freezer::db {

struct ConflictRetry {
  int attempts = 20;
  std::chrono::milliseconds max_pause{200};
  // Called between two runs (tests count the pauses instead of sleeping).
  std::function<void(std::chrono::milliseconds)> pause = [](std::chrono::milliseconds d) {
    std::this_thread::sleep_for(d);
  };
  // Called before each run again: attempt (2..attempts) and the conflict's message.
  std::function<void(int, const Error&)> on_retry = [](int, const Error&) {};
};

template <typename Fn>
auto retry_conflicts(Fn&& unit_of_work, const ConflictRetry& retry = {})
    -> decltype(unit_of_work()) {
  for (int attempt = 1;; ++attempt) {
    try {
      return unit_of_work();
    } catch (const Error& e) {
      if (e.kind() != Error::Kind::kConflict || attempt >= retry.attempts) throw;
      thread_local std::minstd_rand random(std::random_device{}());
      const int ceiling_ms =
          std::min(static_cast<int>(retry.max_pause.count()), 5 << std::min(attempt, 16));
      retry.pause(
          std::chrono::milliseconds(std::uniform_int_distribution<int>(1, ceiling_ms)(random)));
      retry.on_retry(attempt + 1, e);
    }
  }
}

}  // namespace freezer::db
