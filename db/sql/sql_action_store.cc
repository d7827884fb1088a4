#include "db/sql/sql_action_store.h"

#include <rapidjson/document.h>


#include "common/json.h"
#include "db/sql/action_rows.h"
#include "db/sql/select.h"

namespace freezer::db::sql {
namespace {

const std::string kSelect = std::string("SELECT ") + kActionColumns + " FROM actions ";

// action_reports keeps what an agent reported in the action (result, time_elapsed).
std::optional<std::string> reported(const std::string& freezer_action, const char* key) {
  rapidjson::Document doc;
  if (!common::parse_json(freezer_action, doc) || !doc.IsObject()) return std::nullopt;
  auto it = doc.FindMember(key);
  if (it == doc.MemberEnd() || it->value.IsNull()) return std::nullopt;
  if (it->value.IsString()) return std::string(it->value.GetString());
  return common::to_json(it->value);
}

}  // namespace

IdOwner id_owner_in(soci::session& sql, const std::string& table, const std::string& id) {
  std::string project_id;
  soci::indicator project_ind = soci::i_ok;
  int deleted = 0;
  sql << "SELECT project_id, deleted FROM " + table + " WHERE id = :id",
      soci::use(id, "id"), soci::into(project_id, project_ind), soci::into(deleted);
  if (!sql.got_data()) return {};
  IdOwner owner;
  owner.state = deleted ? IdOwner::State::kDeleted : IdOwner::State::kLive;
  if (project_ind == soci::i_ok) owner.project_id = project_id;
  return owner;
}

std::optional<ActionRecord> SqlActionStore::find(const std::string& project_id,
                                                 const std::string& id) {
  return source_.run([&](soci::session& sql) -> std::optional<ActionRecord> {
    return select_live_row<ActionRecord>(sql, source_.statements(sql), kSelect, project_id, id);
  });
}

std::vector<ActionRecord> SqlActionStore::find_many(const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  return source_.run([&](soci::session& sql) {
    return source_.statements(sql).select<ActionRecord>(
        sql, kSelect + "WHERE deleted = 0 AND id IN (" + placeholders("a", ids.size()) + ")",
        numbered_params("a", ids));
  });
}

std::vector<ActionRecord> SqlActionStore::list(const std::string& project_id, const Page& page) {
  return source_.run([&](soci::session& sql) {
    return select_page<ActionRecord>(sql, source_.statements(sql),
                                     kSelect + "WHERE project_id = :project_id AND deleted = 0",
                                     page, {{"project_id", project_id}});
  });
}

IdOwner SqlActionStore::id_owner(const std::string& id) {
  return source_.run([&](soci::session& sql) { return id_owner_in(sql, "actions", id); });
}

void SqlActionStore::insert(const ActionRecord& record) {
  source_.write([&](soci::session& sql) {
    const std::string now = utc_now();
    sql << std::string("INSERT INTO actions (") + kActionColumns +
               ", created_at, updated_at, deleted) VALUES (:id, :project_id, :user_id, :action, "
               ":actionmode, :path_to_backup, :backup_name, :container, :log_file, :timeout, "
               ":priority, :max_retries, :max_retries_interval, :mandatory, :backup_metadata, "
               ":now, :now, 0)",
        soci::use(record), soci::use(now, "now");
    const auto result = reported(record.freezer_action, "result");
    const auto elapsed = reported(record.freezer_action, "time_elapsed");
    const std::string result_text = result.value_or(""), elapsed_text = elapsed.value_or("");
    soci::indicator result_ind = result ? soci::i_ok : soci::i_null;
    soci::indicator elapsed_ind = elapsed ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO action_reports (id, project_id, user_id, result, time_elapsed, "
           "created_at, updated_at, deleted) VALUES (:id, :project_id, :user_id, :result, "
           ":elapsed, :now, :now, 0)",
        soci::use(record.id, "id"), soci::use(record.project_id, "project_id"),
        soci::use(record.user_id, "user_id"), soci::use(result_text, result_ind, "result"),
        soci::use(elapsed_text, elapsed_ind, "elapsed"), soci::use(now, "now");
  });
}

bool SqlActionStore::update(const ActionRecord& record) {
  return source_.write([&](soci::session& sql) {
    const std::string now = utc_now();
    soci::statement st =
        (sql.prepare << "UPDATE actions SET user_id = :user_id, action = :action, "
                        "actionmode = :actionmode, path_to_backup = :path_to_backup, "
                        "backup_name = :backup_name, container = :container, "
                        "log_file = :log_file, timeout = :timeout, priority = :priority, "
                        "max_retries = :max_retries, max_retries_interval = :max_retries_interval, "
                        "mandatory = :mandatory, backup_metadata = :backup_metadata, "
                        "updated_at = :now "
                        "WHERE id = :id AND project_id = :project_id AND deleted = 0",
         soci::use(record), soci::use(now, "now"));
    st.execute(true);
    return st.get_affected_rows() > 0;
  });
}

void SqlActionStore::soft_delete(const std::string& project_id, const std::string& id) {
  source_.write([&](soci::session& sql) {
    const std::string now = utc_now();
    if (!soft_delete_row(sql, "actions", project_id, id, now)) return;  // not this project's
    sql << "UPDATE action_reports SET deleted = 1, deleted_at = :now WHERE id = :id",
        soci::use(now, "now"), soci::use(id, "id");
    sql << "UPDATE job_actions SET deleted = 1, deleted_at = :now "
           "WHERE action_id = :id AND deleted = 0",
        soci::use(now, "now"), soci::use(id, "id");
  });
}

}  // namespace freezer::db::sql
