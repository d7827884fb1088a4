#include "db/sql/stores/job_document_cache.h"

#include <functional>

namespace freezer::db::sql {

JobDocumentCache::JobDocumentCache(std::size_t capacity)
    : shard_capacity_((capacity + kShards - 1) / kShards) {}

JobDocumentCache::Shard& JobDocumentCache::shard_of(const std::string& id) {
  return shards_[std::hash<std::string>{}(id) % kShards];
}

std::optional<JobWithParts> JobDocumentCache::find(const std::string& id, long long change_seq) {
  std::shared_ptr<const JobWithParts> kept;
  {
    Shard& shard = shard_of(id);
    std::lock_guard lock(shard.mutex);
    auto found = shard.entries.find(id);
    if (found == shard.entries.end() || found->second.parts->job.change_seq != change_seq)
      return std::nullopt;
    shard.order.splice(shard.order.begin(), shard.order, found->second.in_order);
    kept = found->second.parts;
  }
  return *kept;  // copied outside the lock
}

void JobDocumentCache::keep(const JobWithParts& parts) {
  if (shard_capacity_ == 0) return;
  auto copy = std::make_shared<const JobWithParts>(parts);
  Shard& shard = shard_of(parts.job.id);
  std::lock_guard lock(shard.mutex);
  auto [at, inserted] = shard.entries.try_emplace(parts.job.id);
  at->second.parts = std::move(copy);
  if (!inserted) {
    shard.order.splice(shard.order.begin(), shard.order, at->second.in_order);
    return;
  }
  shard.order.push_front(&at->first);
  at->second.in_order = shard.order.begin();
  if (shard.entries.size() > shard_capacity_) {
    const std::string* oldest = shard.order.back();
    shard.order.pop_back();
    shard.entries.erase(*oldest);
  }
}

std::size_t JobDocumentCache::size() {
  std::size_t total = 0;
  for (auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    total += shard.entries.size();
  }
  return total;
}

}  // namespace freezer::db::sql
