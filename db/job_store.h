#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/action_record.h"
#include "db/credential_record.h"
#include "db/job_record.h"
#include "db/page.h"
#include "db/record_store.h"

namespace freezer::db {

// A job with everything a reader of it is shown: its live actions in the job's order, and
// its credentials row when it runs under a trust.
struct JobWithParts {
  JobRecord job;
  std::vector<ActionRecord> actions;
  std::optional<CredentialRecord> credentials;
};

// Inserting or updating a job also rewrites its action links (job_actions, in the job's
// order); soft-deleting one also deletes its credentials row and removes its links.
class JobStore : public RecordStore<JobRecord> {
 public:
  // The job and its parts in one read (one round trip).
  virtual std::optional<JobWithParts> find_with_parts(const std::string& project_id,
                                                      const std::string& id) = 0;
  // A page of jobs with their parts (one read, whatever the page size).
  virtual std::vector<JobWithParts> list(const JobQuery& query, const Page& page) = 0;
  // The ids alone of that page (an index read), for a reader that picks among them.
  virtual std::vector<std::string> list_ids(const JobQuery& query, const Page& page) = 0;
  // Rewrites the job's own row (not its action links) if its change sequence is still the one
  // `record` was read with; false when the job changed or went meanwhile. One statement, its
  // own transaction: a PATCH that keeps the actions is a read and this.
  virtual bool update_if_unchanged(const JobRecord& record) = 0;
  // The live jobs of `ids` with their parts, in id order (one read).
  virtual std::vector<JobWithParts> find_many_with_parts(const std::vector<std::string>& ids) = 0;
};

}  // namespace freezer::db
