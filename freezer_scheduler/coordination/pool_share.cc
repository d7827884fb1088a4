#include "freezer_scheduler/coordination/pool_share.h"

#include <spdlog/spdlog.h>

namespace freezer::scheduler {
PoolShare::PoolShare(std::unique_ptr<Coordinator> coordinator)
    : coordinator_(std::move(coordinator)) {}

bool PoolShare::refresh() {
  auto members = coordinator_->members();
  if (members == members_) return false;
  if (members)
    spdlog::info("Coordination: {} member(s) in the pool: {} (this one: {})", members->size(),
                 fmt::join(*members, ", "), coordinator_->member_id());
  else
    spdlog::warn(
        "Coordination: {} is not in the pool now (no session with the coordination service, "
        "or its member id is held by another session): it runs no job until it is again",
        coordinator_->member_id());
  members_ = std::move(members);
  ring_ = common::HashRing(members_.value_or(std::vector<std::string>{}));
  return true;
}

const std::string& PoolShare::owner(const std::string& job_id) const { return ring_.owner(job_id); }

bool PoolShare::owns(const std::string& job_id) const {
  return members_ && ring_.owner(job_id) == coordinator_->member_id();
}

}  // namespace freezer::scheduler
