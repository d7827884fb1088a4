#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/action_record.h"
#include "db/credential_record.h"
#include "db/id_owner.h"
#include "db/job_record.h"
#include "db/page.h"

namespace freezer::db {

// A job with everything a reader of it is shown: its live actions in the job's order, and
// its credentials row when it runs under a trust.
struct JobWithParts {
  JobRecord job;
  std::vector<ActionRecord> actions;
  std::optional<CredentialRecord> credentials;
};

class JobStore {
 public:
  virtual ~JobStore() = default;

  virtual std::optional<JobRecord> find(const std::string& project_id, const std::string& id) = 0;
  // The job and its parts in one read (one round trip).
  virtual std::optional<JobWithParts> find_with_parts(const std::string& project_id,
                                                      const std::string& id) = 0;
  // A page of jobs with their parts (three reads, whatever the page size).
  virtual std::vector<JobWithParts> list(const JobQuery& query, const Page& page) = 0;
  virtual IdOwner id_owner(const std::string& id) = 0;
  virtual void insert(const JobRecord& record) = 0;
  // Rewrites the live job `record.id` of `record.project_id` and its action links.
  virtual void update(const JobRecord& record) = 0;
  // Soft-deletes the job and its credentials row; its action links are removed.
  virtual void soft_delete(const std::string& project_id, const std::string& id) = 0;
};

}  // namespace freezer::db
