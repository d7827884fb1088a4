#include "db/sql/stores/sql_credential_store.h"

#include "db/sql/rows/change_sequence.h"
#include "db/sql/rows/select.h"
#include "db/sql/rows/table_rows.h"
#include "db/sql/rows/tables.h"

namespace freezer::db::sql {
namespace {

const std::string kSelect = table_of<CredentialRecord>().select_from();

}  // namespace

std::vector<CredentialRecord> SqlCredentialStore::for_jobs(
    const std::vector<std::string>& job_ids) {
  if (job_ids.empty()) return {};
  return source_.run([&](soci::session& sql) {
    return source_.statements(sql).select<CredentialRecord>(
        sql,
        kSelect + "WHERE deleted = 0 AND job_id IN (" + placeholders("j", job_ids.size()) + ")",
        numbered_params("j", job_ids));
  });
}

std::vector<CredentialRecord> SqlCredentialStore::for_trustor(const std::string& trustor_user_id) {
  return source_.run([&](soci::session& sql) {
    return source_.statements(sql).select<CredentialRecord>(
        sql, kSelect + "WHERE deleted = 0 AND trustor_user_id = :trustor",
        {{"trustor", trustor_user_id}});
  });
}

void SqlCredentialStore::insert(const CredentialRecord& record) {
  source_.write([&](soci::session& sql) {
    insert_row(sql, record, utc_now());
    mark_job_changed(sql, record.job_id);  // its document shows the trust
  });
}

std::vector<CredentialRecord> SqlCredentialStore::list(const Page& page) {
  return source_.run([&](soci::session& sql) {
    return select_page<CredentialRecord>(sql, source_.statements(sql),
                                         kSelect + "WHERE deleted = 0", page, {});
  });
}

bool SqlCredentialStore::update(const CredentialRecord& record) {
  return source_.write([&](soci::session& sql) {
    if (!update_row(sql, record, utc_now())) return false;
    mark_job_changed(sql, record.job_id);
    return true;
  });
}

void SqlCredentialStore::add_pending_deletion(const PendingTrustDeletion& pending) {
  source_.write([&](soci::session& sql) {
    const std::string now = utc_now();
    sql << "INSERT INTO pending_trust_deletions (id, decrypt_method, trust_id, project_id, "
           "created_at) VALUES (:id, :method, :trust_id, :project_id, :now)",
        soci::use(pending.id, "id"), soci::use(pending.decrypt_method, "method"),
        soci::use(pending.trust_id, "trust_id"), soci::use(pending.project_id, "project_id"),
        soci::use(now, "now");
  });
}

std::vector<PendingTrustDeletion> SqlCredentialStore::pending_deletions(std::size_t limit) {
  return source_.run([&](soci::session& sql) {
    std::vector<PendingTrustDeletion> out;
    PendingTrustDeletion row;
    const long long max = static_cast<long long>(limit);
    soci::statement st = (sql.prepare << "SELECT id, decrypt_method, trust_id, project_id FROM "
                                         "pending_trust_deletions ORDER BY created_at LIMIT :n",
                          soci::use(max, "n"), soci::into(row.id), soci::into(row.decrypt_method),
                          soci::into(row.trust_id), soci::into(row.project_id));
    if (st.execute(true)) {
      do out.push_back(row);
      while (st.fetch());
    }
    return out;
  });
}

void SqlCredentialStore::remove_pending_deletion(const std::string& id) {
  source_.write([&](soci::session& sql) {
    sql << "DELETE FROM pending_trust_deletions WHERE id = :id", soci::use(id, "id");
  });
}

}  // namespace freezer::db::sql
