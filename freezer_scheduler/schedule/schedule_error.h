#pragma once
// A job_schedule that cannot be turned into a trigger; names the offending field so the
// failure can be reported against the job.
#include <stdexcept>
#include <string>

namespace freezer::scheduler {

class ScheduleError : public std::runtime_error {
 public:
  ScheduleError(std::string field, const std::string& message)
      : std::runtime_error(field + ": " + message), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

}  // namespace freezer::scheduler
