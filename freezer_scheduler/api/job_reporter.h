#pragma once
// Sends job reports (PATCH /v2/{p}/jobs/{id}) off the scheduler's own threads. Requests are
// coalesced per job and one job is never reported twice at once, so the API always ends with
// the newest state; the body is built when it is sent, from the job_schedule as the API last
// showed it (read again first when that view is stale). Transient failures are retried with
// back-off; a job the API no longer has is reported as vanished.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "freezer_scheduler/api/freezer_client.h"
#include "freezer_scheduler/job/job_state.h"

namespace freezer::scheduler {

struct ReportSnapshot {
  std::string job_id;
  std::string project_id;
  std::string trust_id;  // the job is reported through its trust when it has one
  JobReport report;
  // job_schedule as the API last showed it (compact JSON), or only its scheduler-owned keys:
  // enough to tell whether a report changes anything (a PATCH is built on a fresh read).
  std::string server_schedule;
  long long server_session_tag = 0;
};

// The scheduler side of reporting.
class ReportSource {
 public:
  virtual ~ReportSource() = default;
  virtual std::optional<ReportSnapshot> report_snapshot(const std::string& job_id) = 0;
  // The API now shows `schedule` (and `session_tag`): after a PATCH or a fresh read.
  virtual void server_view(const std::string& job_id, const std::string& schedule,
                           long long session_tag, unsigned long long delivered_event_serial) = 0;
  virtual void report_vanished(const std::string& job_id) = 0;
};

class JobReporter {
 public:
  // `client_for(trust_id)`: the API client acting through that trust ("": the service's own).
  using ClientFor = std::function<std::shared_ptr<FreezerClient>(const std::string& trust_id)>;
  JobReporter(ClientFor client_for, ReportSource& source, std::size_t threads);
  ~JobReporter();

  void request(const std::string& job_id);
  // Waits until nothing is queued or in flight, or `timeout` passes; then stops the threads.
  void drain_and_stop(std::chrono::seconds timeout);

 private:
  void work();
  // true: done with this job; false: retry later.
  bool report(const std::string& job_id);
  bool report(ReportSnapshot& snapshot, FreezerClient& api);

  ClientFor client_for_;
  ReportSource& source_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<std::string> queue_;
  std::set<std::string> queued_, in_flight_, dirty_;
  std::map<std::string, std::pair<std::chrono::steady_clock::time_point, int>>
      retry_;  // when, failures
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// Each report is built on the job as read just before its PATCH. The API replaces job_schedule
// as a whole and has no conditional update, so an edit a user makes between that read and the
// PATCH can still be lost: the window is one round trip.

}  // namespace freezer::scheduler
