#include "db/sql/sql_backup_store.h"


#include "db/sql/backup_rows.h"
#include "db/sql/select.h"

namespace freezer::db::sql {
namespace {

const std::string kSelect = std::string("SELECT ") + kBackupColumns + " FROM backups ";

}  // namespace

std::optional<BackupRecord> SqlBackupStore::find(const std::string& project_id,
                                                 const std::string& id) {
  return source_.run([&](soci::session& sql) -> std::optional<BackupRecord> {
    return select_live_row<BackupRecord>(sql, source_.statements(sql), kSelect, project_id, id);
  });
}

std::vector<BackupRecord> SqlBackupStore::list(const BackupQuery& query, const Page& page) {
  return source_.run([&](soci::session& sql) {
    std::string where = "WHERE project_id = :project_id AND deleted = 0";
    if (query.status) where += " AND status = :status";
    if (query.job_id) where += " AND job_id = :job_id";
    Params params{{"project_id", query.project_id}};
    if (query.status) params.push_back({"status", *query.status});
    if (query.job_id) params.push_back({"job_id", *query.job_id});
    return select_page<BackupRecord>(sql, source_.statements(sql), kSelect + where, page,
                                     std::move(params));
  });
}

void SqlBackupStore::insert(const BackupRecord& record) {
  source_.write([&](soci::session& sql) {
    const std::string now = utc_now();
    sql << std::string("INSERT INTO backups (") + kBackupColumns +
               ", created_at, updated_at, deleted) VALUES (:id, :project_id, :user_id, :job_id, "
               ":backup_metadata, :status, :now, :now, 0)",
        soci::use(record), soci::use(now, "now");
  });
}

void SqlBackupStore::update(const BackupRecord& record) {
  source_.write([&](soci::session& sql) {
    const std::string now = utc_now();
    sql << "UPDATE backups SET user_id = :user_id, job_id = :job_id, "
           "backup_metadata = :backup_metadata, status = :status, updated_at = :now "
           "WHERE id = :id AND project_id = :project_id AND deleted = 0",
        soci::use(record), soci::use(now, "now");
  });
}

void SqlBackupStore::soft_delete(const std::string& project_id, const std::string& id) {
  source_.write([&](soci::session& sql) {
    soft_delete_row(sql, "backups", project_id, id, utc_now());
  });
}

}  // namespace freezer::db::sql
