#include "db/sql/stores/sql_action_store.h"

#include <rapidjson/document.h>

#include "common/json.h"
#include "db/sql/rows/change_sequence.h"

namespace freezer::db::sql {
namespace {

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

std::vector<ActionRecord> SqlActionStore::find_many(const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  return source_.run([&](soci::session& sql) {
    return source_.statements(sql).select<ActionRecord>(sql,
                                                        table().select_from() +
                                                            "WHERE deleted = 0 AND id IN (" +
                                                            placeholders("a", ids.size()) + ")",
                                                        numbered_params("a", ids));
  });
}

std::vector<ActionRecord> SqlActionStore::list(const std::string& project_id, const Page& page) {
  return list_where("project_id = :project_id", {{"project_id", project_id}}, page);
}

void SqlActionStore::after_insert(soci::session& sql, const ActionRecord& record,
                                  const std::string& now) {
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
}

// The documents of the jobs that link an action show it.
void SqlActionStore::after_update(soci::session& sql, const ActionRecord& record,
                                  const std::string& /*now*/) {
  mark_jobs_of_action_changed(sql, record.id);
}

void SqlActionStore::after_soft_delete(soci::session& sql, const std::string& id,
                                       const std::string& now) {
  mark_jobs_of_action_changed(sql, id);
  sql << "UPDATE action_reports SET deleted = 1, deleted_at = :now WHERE id = :id",
      soci::use(now, "now"), soci::use(id, "id");
  sql << "UPDATE job_actions SET deleted = 1, deleted_at = :now "
         "WHERE action_id = :id AND deleted = 0",
      soci::use(now, "now"), soci::use(id, "id");
}

}  // namespace freezer::db::sql
