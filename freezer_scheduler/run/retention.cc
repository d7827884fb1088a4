#include "freezer_scheduler/run/retention.h"

#include "freezer_scheduler/schedule/civil_time.h"

namespace freezer::scheduler {
namespace {

struct Chain {
  std::vector<const CinderBackup*> backups;  // the full one first
};

}  // namespace

bool made_by_freezer(const CinderBackup& b) {
  if (auto it = b.metadata.find("created_by"); it != b.metadata.end() && it->second == "freezer")
    return true;
  return b.description.rfind("Backup created by Freezer", 0) == 0;
}

std::optional<std::chrono::system_clock::time_point> cinder_time(const std::string& text) {
  if (text.size() < 19) return std::nullopt;
  auto when = parse_iso_datetime(text.substr(0, 19));
  if (!when) return std::nullopt;
  return std::chrono::system_clock::time_point(*when);
}

RetentionPlan plan_retention(const std::vector<CinderBackup>& backups,
                             const RetentionPolicy& policy) {
  std::vector<Chain> chains;
  for (const auto& b : backups) {
    // An incremental before any full one has nothing to hang on: a chain of its own.
    if (!b.is_incremental || chains.empty()) chains.emplace_back();
    chains.back().backups.push_back(&b);
  }
  RetentionPlan plan;
  // With freezer_only, chains Freezer did not start are neither counted nor touched.
  std::vector<const Chain*> candidates;
  for (const auto& chain : chains)
    if (!policy.freezer_only || made_by_freezer(*chain.backups.front()))
      candidates.push_back(&chain);
  std::size_t count = candidates.size();
  for (std::size_t i = 0; i < count; ++i) {
    const auto& chain = *candidates[i];
    bool beyond_rotation =
        policy.keep_chains && static_cast<long long>(count - i) > *policy.keep_chains;
    bool too_old = false;
    if (policy.older_than) {
      auto newest = cinder_time(chain.backups.back()->created_at);
      too_old = newest && *newest < *policy.older_than;
    }
    if (!beyond_rotation && !too_old) continue;
    bool foreign = false, busy = false;
    for (const auto* b : chain.backups) {
      foreign |= policy.freezer_only && !made_by_freezer(*b);
      busy |= b->status != "available" && b->status != "error";
    }
    const std::string& head = chain.backups.front()->id;
    if (foreign) {
      plan.kept_foreign.push_back(head);
      continue;
    }
    if (busy) {
      plan.kept_busy.push_back(head);
      continue;
    }
    for (auto it = chain.backups.rbegin(); it != chain.backups.rend(); ++it)
      plan.delete_order.push_back((*it)->id);
  }
  return plan;
}

}  // namespace freezer::scheduler
