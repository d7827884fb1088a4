#include "freezer_scheduler/run/cinder_native.h"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

#include "common/json.h"
#include "freezer_scheduler/run/retention.h"
#include "freezer_scheduler/schedule/civil_time.h"

namespace freezer::scheduler {
namespace {

using namespace std::chrono_literals;

const char* kClientVersion = "freezer-cpp 0.1.0";

std::string text(const rapidjson::Value& action, const char* key,
                 const std::string& fallback = "") {
  auto it = action.FindMember(key);
  if (it == action.MemberEnd() || it->value.IsNull()) return fallback;
  if (it->value.IsString()) {
    std::string v = it->value.GetString();
    return v.empty() ? fallback : v;
  }
  return common::python_repr(it->value);
}

// Booleans as the agent reads them: true, or the strings True/true/1/yes.
bool truthy(const rapidjson::Value& action, const char* key, bool fallback) {
  auto it = action.FindMember(key);
  if (it == action.MemberEnd() || it->value.IsNull()) return fallback;
  if (it->value.IsBool()) return it->value.GetBool();
  if (it->value.IsNumber()) return it->value.GetDouble() != 0;
  if (it->value.IsString()) {
    std::string v = it->value.GetString();
    std::transform(v.begin(), v.end(), v.begin(), ::tolower);
    if (v.empty()) return fallback;
    return v == "true" || v == "1" || v == "yes" || v == "on";
  }
  return fallback;
}

std::optional<double> number(const rapidjson::Value& action, const char* key) {
  auto it = action.FindMember(key);
  if (it == action.MemberEnd() || it->value.IsNull()) return std::nullopt;
  if (it->value.IsNumber()) return it->value.GetDouble();
  if (it->value.IsString()) {
    try {
      std::size_t used = 0;
      double v = std::stod(it->value.GetString(), &used);
      if (used == it->value.GetStringLength()) return v;
    } catch (const std::exception&) {
    }
  }
  return std::nullopt;
}

NativeOutcome refused(const std::string& why) {
  spdlog::error("{}", why);
  return NativeOutcome{RunResult::fail, "", false};
}

NativeOutcome failed(const std::string& why) {
  spdlog::error("{}", why);
  return NativeOutcome{RunResult::fail, "", true};
}

long long epoch_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::optional<std::string> format_template(const std::string& pattern,
                                           const std::map<std::string, std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '{' && i + 1 < pattern.size() && pattern[i + 1] == '{') {
      out += '{';
      ++i;
    } else if (c == '}' && i + 1 < pattern.size() && pattern[i + 1] == '}') {
      out += '}';
      ++i;
    } else if (c == '{') {
      auto close = pattern.find('}', i);
      if (close == std::string::npos) return std::nullopt;
      auto field = fields.find(pattern.substr(i + 1, close - i - 1));
      if (field == fields.end()) return std::nullopt;
      out += field->second;
      i = close;
    } else if (c == '}') {
      return std::nullopt;
    } else {
      out += c;
    }
  }
  return out;
}

CinderNativeActions::CinderNativeActions(CinderClient& cinder, const CinderOptions& options,
                                         RunControl& control, std::string hostname,
                                         std::string run_key, CinderShared* shared)
    : cinder_(cinder),
      options_(options),
      control_(control),
      hostname_(std::move(hostname)),
      run_key_(std::move(run_key)),
      shared_(shared) {}

// A backup or a volume a run waits on, read each poll: from a list shared with the other
// runs waiting in the same project when the scheduler keeps a watch, else on its own.
class CinderNativeActions::Reads {
 public:
  Reads(CinderClient& cinder, CinderShared* shared) : cinder_(cinder), shared_(shared) {}

  std::optional<CinderBackup> backup(const std::string& id) {
    if (shared_ == nullptr) return cinder_.backup(id);
    if (!backup_) backup_.emplace(shared_->backups, cinder_.endpoint(), id);
    return backup_->read(
        [this](std::size_t limit, const std::string& marker) {
          return cinder_.backups_changed(limit, marker);
        },
        [this, &id] { return cinder_.backup(id); });
  }

  // A volume's status; a volume that is gone is Cinder's 404, as when read alone.
  std::string volume_status(const std::string& id) {
    if (shared_ == nullptr) return cinder_.volume_status(id);
    if (!volume_) volume_.emplace(shared_->volumes, cinder_.endpoint(), id);
    auto v = volume_->read(
        [this](std::size_t limit, const std::string& marker) {
          return cinder_.volumes_changed(limit, marker);
        },
        [this, &id] { return cinder_.volume(id); });
    if (!v) throw CinderError(404, "GET /volumes/" + id + ": HTTP 404: no such volume");
    return v->status;
  }

  // "; 12 reads, 9 from lists shared in the project" ("" when none was shared).
  std::string shared_summary() const {
    int reads = 0, shared = 0;
    if (backup_) reads += backup_->reads(), shared += backup_->from_lists();
    if (volume_) reads += volume_->reads(), shared += volume_->from_lists();
    if (shared == 0) return "";
    return fmt::format("; {} reads, {} from lists shared in the project", reads, shared);
  }

 private:
  CinderClient& cinder_;
  CinderShared* shared_;
  std::optional<CinderChangeWatch<CinderBackup>::Watched> backup_;
  std::optional<CinderChangeWatch<CinderVolume>::Watched> volume_;
};

template <typename Check>
CinderNativeActions::Wait CinderNativeActions::wait(std::chrono::seconds timeout, Check&& check) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int failures = 0;
  while (true) {
    try {
      if (auto answer = check()) return *answer ? Wait::done : Wait::failed;
      failures = 0;
    } catch (const CinderError& e) {
      if (!e.unreachable() || ++failures >= options_.max_poll_failures) throw;
      spdlog::warn("{} (read {} of {} failed, trying again)", e.what(), failures,
                   options_.max_poll_failures);
    }
    if (std::chrono::steady_clock::now() >= deadline) return Wait::timed_out;
    if (!control_.wait_for(options_.poll_interval)) return Wait::aborted;
  }
}

NativeOutcome CinderNativeActions::run(const JobDocument& job, const rapidjson::Value& action) {
  std::string name = text(action, "action");
  try {
    if (name == "backup") return backup(job, action);
    if (name == "restore") return restore(job, action);
    if (name == "admin") return admin(job, action);
    if (name == "info") return info(job, action);
  } catch (const CinderError& e) {
    return failed("Job " + job.job_id + " action " + name + ": " + e.what());
  } catch (const common::KeystoneError& e) {
    return failed("Job " + job.job_id + " action " + name + " (trust " + job.trust_id +
                  "): " + e.what());
  } catch (const common::HttpTransportError& e) {
    return failed("Job " + job.job_id + " action " + name + ": " + e.what());
  }
  return refused("Job " + job.job_id + ": action '" + name + "' cannot run in service mode");
}

// What a cindernative backup action names, resolved from its freezer_action as upstream's
// agent resolves it.
struct CinderNativeActions::BackupNames {
  std::string volume, storage, container, backup_name, cinder_container, availability_zone;
};

std::optional<CinderNativeActions::BackupNames> CinderNativeActions::backup_names(
    const JobDocument& job, const rapidjson::Value& action, NativeOutcome& refusal) {
  BackupNames n;
  n.volume = text(action, "cindernative_vol_id");
  if (n.volume.empty()) {
    refusal = refused("Job " + job.job_id + ": a cindernative backup needs cindernative_vol_id");
    return std::nullopt;
  }
  std::string project = text(action, "project_id", job.project_id);
  n.container = text(action, "container", "freezer_backups");
  n.storage = text(action, "storage", "swift");
  std::string name_template = text(action, "backup_name", "freezer_{mode}_{resource_id}");
  n.backup_name = format_template(name_template, {{"mode", "cindernative"},
                                                  {"backup_media", "cindernative"},
                                                  {"storage", n.storage},
                                                  {"container", n.container},
                                                  {"project_id", project},
                                                  {"resource_id", n.volume}})
                      .value_or(name_template);
  std::string container_template = text(action, "cindernative_backup_container", n.container);
  n.cinder_container = format_template(container_template, {{"project_id", project},
                                                            {"volume_id", n.volume},
                                                            {"backup_name", n.backup_name}})
                           .value_or(container_template);
  if (n.cinder_container.find('/') != std::string::npos) {
    refusal = refused("Job " + job.job_id + ": the Cinder container '" + n.cinder_container +
                      "' must not contain '/'");
    return std::nullopt;
  }
  n.availability_zone = text(action, "cindernative_backup_az");
  return n;
}

// This run's backup, made before by whoever ran this fire time and did not live to see it
// end (tagged freezer_job_id and freezer_run, not failed): to be waited for, not made again.
const CinderBackup* CinderNativeActions::backup_of_this_run(
    const std::vector<CinderBackup>& existing, const JobDocument& job) const {
  if (run_key_.empty()) return nullptr;
  auto tag = [](const CinderBackup& b, const char* key) {
    auto it = b.metadata.find(key);
    return it == b.metadata.end() ? std::string() : it->second;
  };
  for (const auto& b : existing)
    if (tag(b, "freezer_job_id") == job.job_id && tag(b, "freezer_run") == run_key_ &&
        b.status != "error" && b.status != "deleting")
      return &b;
  return nullptr;
}

std::optional<NativeOutcome> CinderNativeActions::snapshot_in_use_volume(const JobDocument& job,
                                                                         const std::string& volume,
                                                                         std::string& snapshot) {
  snapshot = cinder_.create_snapshot(volume, "freezer_snapshot_" + volume);
  spdlog::info("Job {}: volume {} is in use: backing up its snapshot {}", job.job_id, volume,
               snapshot);
  auto ready = wait(options_.backup_timeout, [&]() -> std::optional<bool> {
    auto s = cinder_.snapshot_status(snapshot);
    if (!s || *s == "error") return false;
    if (*s == "available") return true;
    return std::nullopt;
  });
  if (ready == Wait::done) return std::nullopt;
  cinder_.delete_snapshot(snapshot);
  snapshot.clear();
  if (ready == Wait::aborted) return NativeOutcome{RunResult::aborted, "", false};
  return failed("Job " + job.job_id + ": the snapshot of volume " + volume +
                " did not become available");
}

std::optional<NativeOutcome> CinderNativeActions::wait_for_backup(const JobDocument& job,
                                                                  const std::string& id,
                                                                  CinderBackup& final_state,
                                                                  std::string& reads_note) {
  Reads reads(cinder_, shared_);
  auto done = wait(options_.backup_timeout, [&]() -> std::optional<bool> {
    auto b = reads.backup(id);
    if (!b) return false;
    final_state = *b;
    if (b->status == "available") return true;
    if (b->status == "error") return false;
    return std::nullopt;
  });
  reads_note = reads.shared_summary();
  switch (done) {
    case Wait::aborted:
      spdlog::warn("Job {}: stopped waiting for Cinder backup {} (it goes on in Cinder)",
                   job.job_id, id);
      return NativeOutcome{RunResult::aborted, "", false};
    case Wait::timed_out:
      return failed("Job " + job.job_id + ": Cinder backup " + id + " was not available after " +
                    std::to_string(options_.backup_timeout.count()) + " s");
    case Wait::failed:
      return failed(
          "Job " + job.job_id + ": Cinder backup " + id + " failed: " +
          (final_state.fail_reason.empty() ? final_state.status : final_state.fail_reason));
    case Wait::done:
      break;
  }
  return std::nullopt;
}

std::string CinderNativeActions::backup_record(const BackupNames& n, const rapidjson::Value& action,
                                               const std::string& backup_id,
                                               bool is_incremental) const {
  // The record upstream's agent posts for a cindernative backup, plus what identifies it in
  // Cinder.
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto field = [&w](const char* key, const std::string& value) {
    w.Key(key);
    w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  };
  w.StartObject();
  w.Key("curr_backup_level");
  w.Int(0);
  w.Key("fs_real_path");
  w.Null();
  w.Key("vol_snap_path");
  w.Null();
  field("client_os", "linux");
  field("client_version", kClientVersion);
  w.Key("time_stamp");
  w.Int64(epoch_now());
  field("action", "backup");
  field("always_level", "");
  field("backup_media", "cindernative");
  field("backup_name", n.backup_name);
  field("container", n.container);
  field("container_segments", "");
  field("dry_run", "");
  field("hostname", hostname_);
  field("path_to_backup", "");
  field("max_level", "");
  field("log_file", "");
  field("storage", n.storage);
  field("mode", "cindernative");
  field("proxy", "");
  field("compression", text(action, "compression", "gzip"));
  field("ssh_key", "");
  field("ssh_username", "");
  field("ssh_host", "");
  w.Key("ssh_port");
  w.Int(22);
  field("consistency_checksum", "");
  field("cindernative_backup_az", n.availability_zone);
  field("cindernative_backup_container", n.cinder_container);
  field("cindernative_vol_id", n.volume);
  field("cinder_backup_id", backup_id);
  w.Key("is_incremental");
  w.Bool(is_incremental);
  field("status", "available");
  w.EndObject();
  return buffer.GetString();
}

NativeOutcome CinderNativeActions::backup(const JobDocument& job, const rapidjson::Value& action) {
  NativeOutcome refusal;
  auto names = backup_names(job, action, refusal);
  if (!names) return refusal;
  const std::string& volume = names->volume;
  const bool incremental = truthy(action, "incremental", false);

  std::string status = cinder_.volume_status(volume);
  std::vector<CinderBackup> existing;
  if (!run_key_.empty() || incremental) existing = cinder_.backups_of(volume);
  std::string id;
  bool adopted_available = false;
  if (const auto* made = backup_of_this_run(existing, job)) {
    id = made->id;
    adopted_available = made->status == "available";
    spdlog::warn("Job {}: run {} already made Cinder backup {} of volume {} ({}): taking it over",
                 job.job_id, run_key_, id, volume, made->status);
  }

  std::string snapshot;  // deleted once the backup is made from it
  if (id.empty()) {
    BackupRequest request;
    request.volume_id = volume;
    request.name = names->backup_name;
    request.container = names->cinder_container;
    request.availability_zone = names->availability_zone;
    request.description = "Backup created by Freezer for volume " + volume;
    request.metadata = {{"created_by", "freezer"}, {"freezer_job_id", job.job_id}};
    if (!run_key_.empty()) request.metadata["freezer_run"] = run_key_;
    if (incremental) {
      request.incremental =
          std::any_of(existing.begin(), existing.end(),
                      [](const CinderBackup& b) { return b.status == "available"; });
      if (!request.incremental)
        spdlog::info("Job {}: volume {} has no available backup yet: a full backup first",
                     job.job_id, volume);
    }
    if (status == "in-use") {
      // Backed up from a snapshot, so the backup is a consistent point in time.
      if (auto stopped = snapshot_in_use_volume(job, volume, snapshot)) return *stopped;
      request.snapshot_id = snapshot;
    } else if (status != "available") {
      return failed("Job " + job.job_id + ": volume " + volume + " is " + status +
                    ", not available or in-use: no backup now");
    }
    id = cinder_.create_backup(request);
    spdlog::info(
        "Job {}: Cinder backup {} of volume {} created ({}, container {}, microversion {})",
        job.job_id, id, volume, request.incremental ? "incremental" : "full",
        names->cinder_container, cinder_.microversion());
  }

  CinderBackup final_state;
  std::string reads_note;
  std::optional<NativeOutcome> unfinished;
  try {
    unfinished = wait_for_backup(job, id, final_state, reads_note);
  } catch (...) {
    if (!snapshot.empty()) cinder_.delete_snapshot(snapshot);
    throw;
  }
  if (!snapshot.empty()) cinder_.delete_snapshot(snapshot);
  if (unfinished) return *unfinished;
  spdlog::info("Job {}: Cinder backup {} of volume {} is available ({} GiB{})", job.job_id, id,
               volume, final_state.size, reads_note);
  // A backup that was available when taken over had its run recorded by the run that made it
  // (unless that run died in the moment between the two): not recorded twice.
  if (adopted_available) return NativeOutcome{RunResult::success, "", true};
  return NativeOutcome{RunResult::success,
                       backup_record(*names, action, id, final_state.is_incremental), true};
}

NativeOutcome CinderNativeActions::restore(const JobDocument& job, const rapidjson::Value& action) {
  std::string volume = text(action, "cindernative_vol_id");
  std::string backup_id = text(action, "cindernative_backup_id");
  if (volume.empty() && backup_id.empty())
    return refused("Job " + job.job_id +
                   ": a cindernative restore needs cindernative_vol_id or "
                   "cindernative_backup_id");
  if (backup_id.empty()) {
    std::vector<CinderBackup> available;
    for (auto& b : cinder_.backups_of(volume))
      if (b.status == "available") available.push_back(std::move(b));
    if (available.empty())
      return failed("Job " + job.job_id + ": no available backup of volume " + volume);
    const CinderBackup* chosen = &available.back();  // the newest
    if (auto date = text(action, "restore_from_date"); !date.empty()) {
      auto limit = parse_iso_datetime(date);
      if (!limit)
        return refused("Job " + job.job_id + ": restore_from_date '" + date + "' is not a date");
      const CinderBackup* best = nullptr;
      for (const auto& b : available)
        if (auto at = cinder_time(b.created_at);
            at && *at <= std::chrono::system_clock::time_point(*limit))
          best = &b;
      if (best) {
        chosen = best;
      } else {
        spdlog::warn("Job {}: no backup of volume {} at or before {}: restoring the newest",
                     job.job_id, volume, date);
      }
    }
    backup_id = chosen->id;
  }
  if (!volume.empty()) {
    auto status = cinder_.volume_status(volume);
    if (status != "available")
      return failed("Job " + job.job_id + ": volume " + volume + " is " + status +
                    ": a restore needs it available");
  }
  std::string target = cinder_.restore(backup_id, volume, "freezer_restore_" + backup_id);
  spdlog::info("Job {}: restoring Cinder backup {} onto {}volume {}", job.job_id, backup_id,
               volume.empty() ? "new " : "", target);
  std::string last_status;
  Reads reads(cinder_, shared_);
  auto done = wait(options_.restore_timeout, [&]() -> std::optional<bool> {
    last_status = reads.volume_status(target);
    if (last_status == "available") return true;
    if (last_status.rfind("error", 0) == 0) return false;
    return std::nullopt;
  });
  switch (done) {
    case Wait::done:
      spdlog::info("Job {}: volume {} restored from backup {}{}", job.job_id, target, backup_id,
                   reads.shared_summary());
      return NativeOutcome{RunResult::success, "", true};
    case Wait::aborted:
      return NativeOutcome{RunResult::aborted, "", false};
    case Wait::timed_out:
      return failed("Job " + job.job_id + ": the restore of volume " + target +
                    " did not finish in " + std::to_string(options_.restore_timeout.count()) +
                    " s");
    case Wait::failed:
      break;
  }
  return failed("Job " + job.job_id + ": the restore of backup " + backup_id + " onto volume " +
                target + " failed (" + last_status + ")");
}

NativeOutcome CinderNativeActions::admin(const JobDocument& job, const rapidjson::Value& action) {
  std::string volume = text(action, "cindernative_vol_id");
  if (volume.empty())
    return refused("Job " + job.job_id + ": cindernative retention needs cindernative_vol_id");
  RetentionPolicy policy;
  policy.freezer_only = truthy(action, "cindernative_freezer_only", true);
  if (auto n = number(action, "fullbackup_rotation")) {
    if (*n < 1) return refused("Job " + job.job_id + ": fullbackup_rotation must be 1 or more");
    policy.keep_chains = static_cast<long long>(*n);
  }
  if (auto date = text(action, "remove_from_date"); !date.empty()) {
    auto when = parse_iso_datetime(date);
    if (!when)
      return refused("Job " + job.job_id + ": remove_from_date '" + date + "' is not a date");
    policy.older_than = std::chrono::system_clock::time_point(*when);
  } else if (auto days = number(action, "remove_older_than")) {
    policy.older_than = std::chrono::system_clock::now() -
                        std::chrono::duration_cast<std::chrono::system_clock::duration>(
                            std::chrono::duration<double>(*days * 86400));
  }
  if (!policy.keep_chains && !policy.older_than)
    return refused("Job " + job.job_id +
                   ": cindernative retention needs fullbackup_rotation, "
                   "remove_older_than or remove_from_date");
  auto plan = plan_retention(cinder_.backups_of(volume), policy);
  for (const auto& head : plan.kept_busy)
    spdlog::warn("Job {}: the backup chain of {} is busy (a backup is not available): kept for now",
                 job.job_id, head);
  for (const auto& head : plan.kept_foreign)
    spdlog::warn("Job {}: the backup chain of {} holds backups Freezer did not make: kept",
                 job.job_id, head);
  for (const auto& id : plan.delete_order) {
    cinder_.delete_backup(id);
    std::string last_status;
    auto gone = wait(options_.delete_timeout, [&]() -> std::optional<bool> {
      auto b = cinder_.backup(id);
      if (!b) return true;
      last_status = b->status;
      if (b->status == "error_deleting") return false;
      return std::nullopt;
    });
    if (gone == Wait::aborted) return NativeOutcome{RunResult::aborted, "", false};
    if (gone != Wait::done)
      return failed("Job " + job.job_id + ": Cinder backup " + id + " was not deleted (" +
                    (last_status.empty() ? "timed out" : last_status) + ")");
    spdlog::info("Job {}: Cinder backup {} of volume {} deleted", job.job_id, id, volume);
  }
  spdlog::info("Job {}: retention of volume {} deleted {} backups", job.job_id, volume,
               plan.delete_order.size());
  return NativeOutcome{RunResult::success, "", true};
}

NativeOutcome CinderNativeActions::info(const JobDocument& job, const rapidjson::Value& action) {
  std::string volume = text(action, "cindernative_vol_id");
  if (volume.empty())
    return refused("Job " + job.job_id + ": cindernative info needs cindernative_vol_id");
  auto backups = cinder_.backups_of(volume);
  spdlog::info("Job {}: volume {} has {} backups", job.job_id, volume, backups.size());
  for (const auto& b : backups)
    spdlog::info("Job {}:   {} {} {} {} {}", job.job_id, b.id, b.created_at, b.status,
                 b.is_incremental ? "incremental" : "full", b.name);
  return NativeOutcome{RunResult::success, "", true};
}

}  // namespace freezer::scheduler
