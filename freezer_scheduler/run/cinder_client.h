#pragma once
// Cinder's block-storage v3 API as service mode uses it, always with a token of the job's
// owner (trust-scoped), so that everything happens in the owner's project: volumes, backups,
// restores and snapshots. The endpoint comes from that token's catalog (volumev3 or
// block-storage) and the microversion is negotiated once: the server's highest, capped at
// [cinder] max_microversion.
#include <rapidjson/document.h>

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/http_client.h"
#include "freezer_scheduler/api/service_identity.h"
#include "freezer_scheduler/config/scheduler_options.h"
#include "freezer_scheduler/run/cinder_microversions.h"

namespace freezer::scheduler {

// Cinder refused a request (status >= 400), or could not be reached (status 0).
class CinderError : public std::runtime_error {
 public:
  CinderError(long status, const std::string& message)
      : std::runtime_error(message), status_(status) {}
  long status() const { return status_; }
  bool unreachable() const { return status_ == 0 || status_ >= 500; }

 private:
  long status_;
};

struct CinderBackup {
  std::string id, volume_id, status, name, description, container, created_at, updated_at;
  std::string fail_reason, snapshot_id, availability_zone;
  bool is_incremental = false;
  bool has_dependent_backups = false;
  long long size = 0;
  std::map<std::string, std::string> metadata;
};

struct CinderVolume {
  std::string id, status, updated_at;
};

struct BackupRequest {
  std::string volume_id, snapshot_id, name, description, container, availability_zone;
  bool incremental = false;
  std::map<std::string, std::string> metadata;
};

// The request bodies (RapidJSON's writer: names and ids are escaped whatever they hold).
// POST /backups; availability_zone from microversion 3.51, metadata from 3.43.
std::string cinder_backup_body(const BackupRequest& request, const std::string& microversion);
// POST /backups/{id}/restore: onto `volume_id`, else into a new volume named so.
std::string cinder_restore_body(const std::string& volume_id, const std::string& new_volume_name);
// POST /snapshots (forced: in-use volumes too).
std::string cinder_snapshot_body(const std::string& volume_id, const std::string& name);

// A microversion as "3.64" -> {3, 64}; nullopt when malformed.
std::optional<std::pair<int, int>> parse_microversion(const std::string& text);

class CinderClient {
 public:
  // `microversions` (may be null) keeps the negotiated microversion for other clients.
  CinderClient(KeystoneIdentity& identity, const CinderOptions& options,
               const common::HttpClientOptions& http, CinderMicroversions* microversions = nullptr);

  // Status of a volume ("available", "in-use", ...). Throws CinderError (404: no such volume).
  std::string volume_status(const std::string& volume_id);
  std::optional<CinderVolume> volume(const std::string& volume_id);  // nullopt: gone
  // The project's backups and volumes, the most recently changed first (a page of `limit`
  // after `marker`, "" : the first).
  std::vector<CinderBackup> backups_changed(std::size_t limit, const std::string& marker);
  std::vector<CinderVolume> volumes_changed(std::size_t limit, const std::string& marker);
  // Every backup of a volume, oldest first.
  std::vector<CinderBackup> backups_of(const std::string& volume_id);
  std::optional<CinderBackup> backup(const std::string& backup_id);  // nullopt: gone
  std::string create_backup(const BackupRequest& request);           // the backup's id
  void delete_backup(const std::string& backup_id);
  // Restores onto `volume_id`, or into a new volume when empty; returns the volume's id.
  std::string restore(const std::string& backup_id, const std::string& volume_id,
                      const std::string& new_volume_name);
  std::string create_snapshot(const std::string& volume_id, const std::string& name);
  std::optional<std::string> snapshot_status(const std::string& snapshot_id);  // nullopt: gone
  void delete_snapshot(const std::string& snapshot_id);

  const std::string& microversion();  // negotiated on first use
  const std::string& endpoint();      // the project's Cinder URL (.../v3/<project>)

 private:
  rapidjson::Document call(const std::string& method, const std::string& path,
                           const std::string& body, std::initializer_list<long> expected,
                           long* status = nullptr);
  void resolve();

  KeystoneIdentity& identity_;
  CinderOptions options_;
  common::HttpClient http_;
  CinderMicroversions* microversions_;
  std::string endpoint_;
  std::string microversion_;
};

}  // namespace freezer::scheduler
