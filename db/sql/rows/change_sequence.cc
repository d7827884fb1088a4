#include "db/sql/rows/change_sequence.h"

#include <atomic>
#include <chrono>

namespace freezer::db::sql {

long long next_change_sequence() {
  static std::atomic<long long> last{0};
  const long long now = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  long long previous = last.load();
  long long next = 0;
  do next = now > previous ? now : previous + 1;
  while (!last.compare_exchange_weak(previous, next));
  return next;
}

namespace {

// A job's sequence only grows, even when another process's clock is behind this one's: a
// reader that kept the document at the old sequence must see it change (job_document_cache.h).
const std::string kStampJobs =
    "UPDATE jobs SET change_seq = CASE WHEN change_seq >= :seq THEN change_seq + 1 ELSE :seq END ";

}  // namespace

void mark_job_changed(soci::session& sql, const std::string& job_id) {
  const long long seq = next_change_sequence();
  sql << kStampJobs + "WHERE id = :id", soci::use(seq, "seq"), soci::use(job_id, "id");
}

void mark_jobs_of_action_changed(soci::session& sql, const std::string& action_id) {
  const long long seq = next_change_sequence();
  sql << kStampJobs +
             "WHERE deleted = 0 AND id IN "
             "(SELECT job_id FROM job_actions WHERE action_id = :id AND deleted = 0)",
      soci::use(seq, "seq"), soci::use(action_id, "id");
}

}  // namespace freezer::db::sql
