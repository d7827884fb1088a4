#pragma once
#include <optional>
#include <string>
#include <vector>

#include "db/backup_record.h"
#include "db/page.h"
#include "db/record_store.h"

namespace freezer::db {

struct BackupQuery {
  std::string project_id;
  std::optional<std::string> status;
  std::optional<std::string> job_id;
};

class BackupStore : public RecordStore<BackupRecord> {
 public:
  virtual std::vector<BackupRecord> list(const BackupQuery& query, const Page& page) = 0;
};

}  // namespace freezer::db
