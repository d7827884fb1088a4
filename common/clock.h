#pragma once
// Time as a seam: expiry logic takes a Clock so tests can move time without sleeping.
#include <chrono>

namespace freezer::common {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::now();
  }
};

}  // namespace freezer::common
