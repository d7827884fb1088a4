#pragma once
// Cinder-native actions done by the scheduler itself in service mode, over Cinder's API with
// the job owner's trust-scoped token (no agent process on the central host):
//  - backup: full, or incremental when the job asks for it and the volume has an available
//    backup; an in-use volume is snapshotted first and backed up from the snapshot; waits for
//    the backup to be available (or in error), and returns the metadata upstream's agent posts;
//  - restore: the newest available backup (at or before restore_from_date), or the one named,
//    onto the volume named, else into a new volume; waits for it;
//  - admin: retention (fullbackup_rotation, remove_older_than, remove_from_date) by whole
//    chains, dependants first;
//  - info: logs the volume's backups.
#include <rapidjson/document.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "freezer_scheduler/config/scheduler_options.h"
#include "freezer_scheduler/job/job_document.h"
#include "freezer_scheduler/job/run_result.h"
#include "freezer_scheduler/run/cinder_client.h"
#include "freezer_scheduler/run/cinder_shared.h"
#include "freezer_scheduler/run/run_control.h"

namespace freezer::scheduler {

struct NativeOutcome {
  RunResult result = RunResult::fail;
  std::string metadata;   // for backups: the backup record to post (compact JSON)
  bool retryable = true;  // false: the action is wrong as written, another try cannot help
};

class CinderNativeActions {
 public:
  // `run_key` ("" : none) names this run of the action: its backup is tagged with it
  // (metadata freezer_run), and a backup already tagged with it (the same fire time run
  // elsewhere, by a pool member that died or a scheduler that restarted) is taken over.
  // `shared` (may be null): the backups and volumes waited on are followed together with the
  // other runs' of the same project.
  CinderNativeActions(CinderClient& cinder, const CinderOptions& options, RunControl& control,
                      std::string hostname, std::string run_key = "",
                      CinderShared* shared = nullptr);
  NativeOutcome run(const JobDocument& job, const rapidjson::Value& freezer_action);

 private:
  NativeOutcome backup(const JobDocument& job, const rapidjson::Value& action);
  // The parts of backup().
  struct BackupNames;
  std::optional<BackupNames> backup_names(const JobDocument& job, const rapidjson::Value& action,
                                          NativeOutcome& refusal);
  const CinderBackup* backup_of_this_run(const std::vector<CinderBackup>& existing,
                                         const JobDocument& job) const;
  // Snapshots an in-use volume and waits for it; an outcome when that failed (or was aborted).
  std::optional<NativeOutcome> snapshot_in_use_volume(const JobDocument& job,
                                                      const std::string& volume,
                                                      std::string& snapshot);
  // Waits for the backup to be available; an outcome when it failed, timed out or was aborted.
  // `reads_note`: how the waits' reads were shared, for the log ("" : not at all).
  std::optional<NativeOutcome> wait_for_backup(const JobDocument& job, const std::string& id,
                                               CinderBackup& final_state, std::string& reads_note);
  std::string backup_record(const BackupNames& names, const rapidjson::Value& action,
                            const std::string& backup_id, bool is_incremental) const;
  NativeOutcome restore(const JobDocument& job, const rapidjson::Value& action);
  NativeOutcome admin(const JobDocument& job, const rapidjson::Value& action);
  NativeOutcome info(const JobDocument& job, const rapidjson::Value& action);
  // Reads of what a run waits on: through the shared watch when there is one, else alone.
  class Reads;

  // Polls `check` every poll_interval until it answers (true: done, false: failed) or
  // `timeout` passes. Consecutive unreachable reads beyond max_poll_failures throw.
  enum class Wait { done, failed, timed_out, aborted };
  template <typename Check>
  Wait wait(std::chrono::seconds timeout, Check&& check);

  CinderClient& cinder_;
  CinderOptions options_;
  RunControl& control_;
  std::string hostname_;
  std::string run_key_;
  CinderShared* shared_;
};

// Python str.format with named fields only ("freezer_{mode}_{resource_id}"); nullopt when a
// field is unknown or the braces do not match (callers then keep the template as it is, as
// upstream does).
std::optional<std::string> format_template(const std::string& pattern,
                                           const std::map<std::string, std::string>& fields);

}  // namespace freezer::scheduler
