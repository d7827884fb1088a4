#include "db/sql/sql_session_store.h"


#include "db/sql/select.h"
#include "db/sql/session_rows.h"
#include "db/sql/sql_action_store.h"

namespace freezer::db::sql {
namespace {

const std::string kSelect = std::string("SELECT ") + kSessionColumns + " FROM sessions ";

}  // namespace

std::optional<SessionRecord> SqlSessionStore::find(const std::string& project_id,
                                                   const std::string& id) {
  return source_.run([&](soci::session& sql) -> std::optional<SessionRecord> {
    return select_live_row<SessionRecord>(sql, source_.statements(sql), kSelect, project_id, id);
  });
}

std::vector<SessionRecord> SqlSessionStore::list(const std::string& project_id, const Page& page) {
  return source_.run([&](soci::session& sql) {
    return select_page<SessionRecord>(sql, source_.statements(sql),
                                      kSelect + "WHERE project_id = :project_id AND deleted = 0",
                                      page, {{"project_id", project_id}});
  });
}

IdOwner SqlSessionStore::id_owner(const std::string& id) {
  return source_.run([&](soci::session& sql) { return id_owner_in(sql, "sessions", id); });
}

void SqlSessionStore::insert(const SessionRecord& record) {
  source_.write([&](soci::session& sql) {
    const std::string now = utc_now();
    sql << std::string("INSERT INTO sessions (") + kSessionColumns +
               ", created_at, updated_at, deleted) VALUES (:id, :project_id, :user_id, "
               ":description, :session_tag, :hold_off, :schedule, :job, :time_start, :time_end, "
               ":time_started, :time_ended, :status, :result, :now, :now, 0)",
        soci::use(record), soci::use(now, "now");
  });
}

void SqlSessionStore::update(const SessionRecord& record) {
  source_.write([&](soci::session& sql) {
    const std::string now = utc_now();
    sql << "UPDATE sessions SET user_id = :user_id, description = :description, "
           "session_tag = :session_tag, hold_off = :hold_off, schedule = :schedule, job = :job, "
           "time_start = :time_start, time_end = :time_end, time_started = :time_started, "
           "time_ended = :time_ended, status = :status, result = :result, updated_at = :now "
           "WHERE id = :id AND project_id = :project_id AND deleted = 0",
        soci::use(record), soci::use(now, "now");
  });
}

void SqlSessionStore::soft_delete(const std::string& project_id, const std::string& id) {
  source_.write([&](soci::session& sql) {
    soft_delete_row(sql, "sessions", project_id, id, utc_now());
  });
}

}  // namespace freezer::db::sql
