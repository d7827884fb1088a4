#pragma once
// The freezer API calls the scheduler makes (v2), each with the service identity's token:
// client registration, the job poll (a GET whose JSON body filters on this client), job
// reads and reports, backup metadata, session start/end. URLs are <api>/v2/<project>/...
// with the project chosen per call (a job's own project for its calls).
#include <rapidjson/document.h>

#include <atomic>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include "common/http_client.h"
#include "freezer_scheduler/api/service_identity.h"

namespace freezer::scheduler {

// The API answered with an error status. what(): "[*] Error <status>: <description>" as
// python-freezerclient prints it.
class ApiError : public std::runtime_error {
 public:
  ApiError(long status, const std::string& description)
      : std::runtime_error("[*] Error " + std::to_string(status) + ": " + description),
        status_(status) {}
  long status() const { return status_; }
  // Worth trying again later: the API or what it depends on is unavailable.
  bool transient() const {
    return status_ >= 500 || status_ == 401 || status_ == 408 || status_ == 429;
  }

 private:
  long status_;
};

struct SessionAnswer {
  std::string result;  // success, hold-off, out-of-sync
  long long session_tag = 0;
};

class FreezerClient {
 public:
  FreezerClient(ServiceIdentity& identity, const common::HttpClientOptions& http);

  // POST /v2/{p}/clients/ with a flat client document; returns the status (201 or 409).
  long register_client(const std::string& body);

  // Every job of `client_id` not yet completed, page after page until an empty or short page.
  // Pages follow each other with `marker` (the last job id of the previous page), which keeps
  // a long list linear for APIs that support it; an API that ignores it (upstream 13.0.0
  // repeats the first page) is noticed and paged with `offset` from then on. `each` sees every
  // job document once. Returns how many jobs were listed.
  // `page_done` runs after each page's jobs went through `each`.
  // With `share` (a pool's members and this member), this API lists only the member's share
  // (by the pool's hash ring); other APIs ignore it and list every job.
  struct PoolShareQuery {
    std::vector<std::string> members;
    std::string member;
    // Not empty: only the jobs this member gets from the earlier members' share (this API
    // lists them; others list the whole share).
    std::vector<std::string> members_before;
  };
  std::size_t list_jobs(
      const std::string& client_id, bool all_projects, int page_size,
      const std::function<void(const rapidjson::Value&)>& each,
      const std::function<void()>& page_done = [] {},
      const std::optional<PoolShareQuery>& share = std::nullopt);

  // This API's change listing (GET jobs?changes_since=N, docs/scale-out.md): every job of
  // every client changed after `since` (the caller keeps its own client's), page by page;
  // `each` sees each live job's document, `deleted` each deleted job's id. Returns the cursor
  // of the next call, or nullopt when the API does not have the extension (upstream's answers
  // with a plain list, which is then ignored).
  std::optional<long long> list_job_changes(
      bool all_projects, int page_size, long long since,
      const std::function<void(const rapidjson::Value&)>& each,
      const std::function<void(const std::string&)>& deleted,
      const std::function<void()>& page_done = [] {});
  // Where a change listing would start now (taken before a full listing), or nullopt when the
  // API does not have the extension.
  std::optional<long long> change_cursor(bool all_projects);

  // nullopt when the job does not exist (404).
  std::optional<rapidjson::Document> get_job(const std::string& project_id,
                                             const std::string& job_id);
  // PATCH; throws ApiError (404 when the job is gone).
  void update_job(const std::string& project_id, const std::string& job_id,
                  const std::string& body);
  // POST backups; returns the backup_id.
  std::string create_backup(const std::string& project_id, const std::string& metadata);
  SessionAnswer session_action(const std::string& project_id, const std::string& session_id,
                               const std::string& body);
  std::optional<rapidjson::Document> get_session(const std::string& project_id,
                                                 const std::string& session_id);

  // The identity's project (the scheduler's own).
  std::string own_project() { return identity_.project_id(); }

 private:
  common::HttpResponse call(const std::string& method, const std::string& project_id,
                            const std::string& path, const std::string& body = "");
  std::string url(const std::string& project_id, const std::string& path);

  ServiceIdentity& identity_;
  common::HttpClient http_;
  std::atomic<bool> markers_ignored_{false};
};

// {"title", "description"} error bodies as one line; the raw body when it is not one.
std::string api_error_description(const common::HttpResponse& response);

}  // namespace freezer::scheduler
