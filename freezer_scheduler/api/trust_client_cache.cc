#include "freezer_scheduler/api/trust_client_cache.h"

namespace freezer::scheduler {

std::shared_ptr<TrustClient> TrustClientCache::get(const std::string& trust_id) {
  {
    std::lock_guard lock(mutex_);
    if (auto found = by_trust_.find(trust_id); found != by_trust_.end()) {
      entries_.splice(entries_.begin(), entries_, found->second);
      return found->second->second;
    }
  }
  auto client = make_(trust_id);
  std::lock_guard lock(mutex_);
  ++made_;
  if (auto found = by_trust_.find(trust_id); found != by_trust_.end())
    return found->second->second;  // made meanwhile by another thread: one per trust
  entries_.emplace_front(trust_id, client);
  by_trust_[trust_id] = entries_.begin();
  while (entries_.size() > capacity_) {
    by_trust_.erase(entries_.back().first);
    entries_.pop_back();
  }
  return client;
}

std::size_t TrustClientCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

std::size_t TrustClientCache::made() const {
  std::lock_guard lock(mutex_);
  return made_;
}

}  // namespace freezer::scheduler
