#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/id_owner.h"
#include "db/job_record.h"
#include "db/page.h"

namespace freezer::db {

class JobStore {
 public:
  virtual ~JobStore() = default;

  virtual std::optional<JobRecord> find(const std::string& project_id, const std::string& id) = 0;
  virtual std::vector<JobRecord> list(const JobQuery& query, const Page& page) = 0;
  virtual IdOwner id_owner(const std::string& id) = 0;
  virtual void insert(const JobRecord& record) = 0;
  // Rewrites the live job `record.id` of `record.project_id` and its action links.
  virtual void update(const JobRecord& record) = 0;
  // Soft-deletes the job and its credentials row; its action links are removed.
  virtual void soft_delete(const std::string& project_id, const std::string& id) = 0;
};

}  // namespace freezer::db
