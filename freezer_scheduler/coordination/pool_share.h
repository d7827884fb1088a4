#pragma once
// This scheduler's share of a pool's jobs. Jobs are spread over the live members by tooz's
// consistent hash of the job id, so a member leaving moves only its own jobs, and a member
// out of the group (no session) owns none: it cannot tell whether the others took its jobs.
// Used by the poll thread; the coordinator itself is safe from any thread.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/hash_ring.h"
#include "freezer_scheduler/coordination/coordinator.h"

namespace freezer::scheduler {

class PoolShare {
 public:
  explicit PoolShare(std::unique_ptr<Coordinator> coordinator);

  // Reads the group again (once per poll); logs and returns true when it changed.
  bool refresh();
  bool owns(const std::string& job_id) const;
  // The member a job belongs to ("" when this member is out of the group).
  const std::string& owner(const std::string& job_id) const;
  Coordinator& coordinator() { return *coordinator_; }
  // The members read at the last refresh (nullopt: this member is out of the group).
  const std::optional<std::vector<std::string>>& members() const { return members_; }

  // The lock a member holds while it runs a job.
  static std::string lock_name(const std::string& job_id) { return "freezer-job-" + job_id; }

 private:
  std::unique_ptr<Coordinator> coordinator_;
  std::optional<std::vector<std::string>> members_;
  common::HashRing ring_{{}};
};

}  // namespace freezer::scheduler
