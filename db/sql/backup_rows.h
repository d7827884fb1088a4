#pragma once
// The `backups` table <-> BackupRecord mapping, written once.
#include <soci/soci.h>

#include "db/backup_record.h"
#include "db/sql/row_values.h"

namespace freezer::db::sql {

inline constexpr const char* kBackupColumns =
    "id, project_id, user_id, job_id, backup_metadata, status";

}  // namespace freezer::db::sql

namespace soci {

template <>
struct type_conversion<freezer::db::BackupRecord> {
  using base_type = values;

  static void from_base(const values& row, indicator, freezer::db::BackupRecord& b) {
    using namespace freezer::db::sql;
    b.id = row.get<std::string>("id");
    b.project_id = optional_string(row, "project_id").value_or("");
    b.user_id = row.get<std::string>("user_id");
    b.job_id = optional_string(row, "job_id");
    b.metadata = optional_string(row, "backup_metadata").value_or("{}");
    b.status = optional_string(row, "status").value_or("available");
  }

  static void to_base(const freezer::db::BackupRecord& b, values& row, indicator& ind) {
    using namespace freezer::db::sql;
    row.set("id", b.id);
    row.set("project_id", b.project_id);
    row.set("user_id", b.user_id);
    set_optional(row, "job_id", b.job_id);
    row.set("backup_metadata", b.metadata);
    row.set("status", b.status);
    ind = i_ok;
  }
};

}  // namespace soci
