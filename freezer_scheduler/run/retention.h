#pragma once
// Which Cinder backups of a volume a retention (admin) action deletes. Backups form chains: a
// full backup and the incremental backups made after it, up to the next full one; a backup is
// never deleted while a backup that depends on it stays, so whole chains go, newest backup
// first. Pure: the backups and `now` come in, the deletion order goes out.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "freezer_scheduler/run/cinder_client.h"

namespace freezer::scheduler {

struct RetentionPolicy {
  std::optional<long long> keep_chains;  // fullbackup_rotation: the newest N chains stay
  std::optional<std::chrono::system_clock::time_point> older_than;  // chains entirely older go
  bool freezer_only = true;  // cindernative_freezer_only: chains Freezer made, and only those
};

struct RetentionPlan {
  std::vector<std::string> delete_order;  // backup ids, dependants before what they depend on
  std::vector<std::string> kept_busy;     // chains left alone: a backup in them is not available
  std::vector<std::string> kept_foreign;  // chains left alone: not (entirely) made by Freezer
};

// `backups`: every backup of the volume, oldest first.
RetentionPlan plan_retention(const std::vector<CinderBackup>& backups,
                             const RetentionPolicy& policy);

// Whether Freezer made this backup (its metadata, or upstream's description).
bool made_by_freezer(const CinderBackup& backup);

// Cinder's created_at ("2026-11-28T10:00:00.000000", UTC) as a time point.
std::optional<std::chrono::system_clock::time_point> cinder_time(const std::string& text);

}  // namespace freezer::scheduler
