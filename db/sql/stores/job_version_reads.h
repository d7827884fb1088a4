#pragma once
// The change sequences that reads through the job document cache ask for first, asked for
// together on MySQL/MariaDB. There each one is a round trip, and most of the work (the
// server's, and the wake-ups of both sides) is per statement, not per row: eight concurrent
// GETs cost eight statements where one `id IN (...)` SELECT answers them all, and eight pages
// of a listing one UNION ALL of their eight SELECTs. Batched by LeaderBatches, so a lone reader
// asks at once, and every answer comes from a read that began after its question was queued:
// as exact as a read of its own.
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "db/sql/connection/connection_pool.h"
#include "db/sql/connection/leader_batches.h"
#include "db/sql/connection/prepared_select.h"
#include "db/sql/rows/row_values.h"

namespace freezer::db::sql {

// A job's id and change sequence.
struct JobVersion {
  std::string id;
  long long change_seq = 0;

  void read(const ColumnReader& row) {
    id = row.text("id");
    change_seq = row.integer("change_seq").value_or(0);
  }
};

class JobVersionReads {
 public:
  explicit JobVersionReads(ConnectionPool& pool);
  ~JobVersionReads();
  JobVersionReads(const JobVersionReads&) = delete;
  JobVersionReads& operator=(const JobVersionReads&) = delete;

  // The change sequence of live job `id` of project `project_id`; none when there is no such
  // job. Throws db::Error as a read of its own would.
  std::optional<long long> change_seq(const std::string& project_id, const std::string& id);

  // The rows of `page_query` (a SELECT of `id, change_seq` FROM jobs, ORDER BY id, of static
  // storage: its address names its batches) with `params`, in id order.
  std::vector<JobVersion> page(const std::string& page_query, const Params& params);

 private:
  struct Question {
    const std::string* project_id;
    const std::string* id;
    std::optional<long long> change_seq;
    std::exception_ptr error;
  };
  struct PageQuestion {
    const Params* params;
    std::vector<JobVersion> rows;
    std::exception_ptr error;
  };
  // The batches of one page query, and the UNION ALL of 1, 2, 4, ... kMaxPages of its SELECTs.
  struct PageBatches;

  // Up to this many questions share one SELECT (the API has 8 worker threads by default).
  static constexpr std::size_t kMaxBatch = 32;
  static constexpr std::size_t kMaxPages = 16;

  static const std::string& query_for(std::size_t padded);
  void answer(const std::vector<Question*>& batch);
  void answer_pages(const PageBatches& query, const std::vector<PageQuestion*>& batch);
  PageBatches& batches_of(const std::string& page_query);

  ConnectionPool& pool_;
  LeaderBatches<Question> batches_{kMaxBatch};
  std::mutex page_batches_mutex_;
  std::map<const std::string*, std::unique_ptr<PageBatches>> page_batches_;
};

}  // namespace freezer::db::sql
