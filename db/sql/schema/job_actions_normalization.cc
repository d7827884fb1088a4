#include "db/sql/schema/job_actions_normalization.h"

#include <spdlog/spdlog.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/json.h"
#include "common/uuid.h"

namespace freezer::db::sql {
namespace {

struct JobRow {
  std::string id;
  std::optional<std::string> project_id;
  std::string user_id;
  std::string job_actions;  // JSON text, "" when NULL
};

std::vector<JobRow> read_jobs(soci::session& sql) {
  std::vector<JobRow> jobs;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, project_id, user_id, job_actions FROM jobs");
  for (const auto& row : rows) {
    JobRow job;
    job.id = row.get<std::string>(0);
    if (row.get_indicator(1) == soci::i_ok) job.project_id = row.get<std::string>(1);
    if (row.get_indicator(2) == soci::i_ok) job.user_id = row.get<std::string>(2);
    if (row.get_indicator(3) == soci::i_ok) job.job_actions = row.get<std::string>(3);
    jobs.push_back(std::move(job));
  }
  return jobs;
}

std::set<std::string> action_ids(soci::session& sql) {
  std::set<std::string> ids;
  soci::rowset<std::string> rows = (sql.prepare << "SELECT id FROM actions");
  for (const auto& id : rows) ids.insert(id);
  return ids;
}

// freezer_action[key] as the String column SQLAlchemy would store: text, or a number's text.
std::optional<std::string> text_of(const rapidjson::Value& obj, const char* key) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || it->value.IsNull()) return std::nullopt;
  if (it->value.IsString()) return std::string(it->value.GetString(), it->value.GetStringLength());
  if (it->value.IsNumber() || it->value.IsBool()) return common::to_json(it->value);
  return std::nullopt;
}

// An Integer column's value: an integer, or a string holding one.
using common::int_like_member;

template <typename T>
soci::indicator null_if_absent(const std::optional<T>& v) {
  return v ? soci::i_ok : soci::i_null;
}

// The actions row upstream makes from an inline definition (its _action_values).
void insert_action(soci::session& sql, const std::string& action_id, const rapidjson::Value& entry,
                   const JobRow& job) {
  static const rapidjson::Value kEmpty(rapidjson::kObjectType);
  auto fa_it = entry.FindMember("freezer_action");
  const rapidjson::Value& fa =
      fa_it != entry.MemberEnd() && fa_it->value.IsObject() ? fa_it->value : kEmpty;
  auto project_id = text_of(entry, "project_id");
  if (!project_id) project_id = job.project_id;
  std::string user_id = text_of(entry, "user_id").value_or(job.user_id);
  std::string action = text_of(fa, "action").value_or("");
  auto mode = text_of(fa, "mode");
  auto path = text_of(fa, "path_to_backup");
  auto backup_name = text_of(fa, "backup_name");
  auto container = text_of(fa, "container");
  auto log_file = text_of(fa, "log_file");
  auto timeout = int_like_member(fa, "timeout");
  auto priority = int_like_member(fa, "priority");
  auto mandatory = int_like_member(fa, "mandatory");
  long long max_retries = int_like_member(entry, "max_retries").value_or(5);
  long long max_retries_interval = int_like_member(entry, "max_retries_interval").value_or(6);
  std::string metadata = common::to_json(fa);
  std::string project = project_id.value_or("");
  std::string mode_v = mode.value_or(""), path_v = path.value_or(""),
              name_v = backup_name.value_or(""), container_v = container.value_or(""),
              log_v = log_file.value_or("");
  long long timeout_v = timeout.value_or(0), priority_v = priority.value_or(0),
            mandatory_v = mandatory.value_or(0);
  soci::indicator project_i = null_if_absent(project_id), mode_i = null_if_absent(mode),
                  path_i = null_if_absent(path), name_i = null_if_absent(backup_name),
                  container_i = null_if_absent(container), log_i = null_if_absent(log_file),
                  timeout_i = null_if_absent(timeout), priority_i = null_if_absent(priority),
                  mandatory_i = null_if_absent(mandatory);
  // The new row is as old as its job: its timestamps are copied from the job's row.
  sql << "INSERT INTO actions (id, action, project_id, user_id, actionmode, path_to_backup, "
         "backup_name, container, timeout, priority, max_retries_interval, max_retries, "
         "mandatory, log_file, backup_metadata, deleted, created_at, updated_at) "
         "SELECT :id, :action, :project, :user, :mode, :path, :name, :container, :timeout, "
         ":priority, :interval, :retries, :mandatory, :log, :metadata, 0, created_at, updated_at "
         "FROM jobs WHERE id = :job",
      soci::use(action_id), soci::use(action), soci::use(project, project_i), soci::use(user_id),
      soci::use(mode_v, mode_i), soci::use(path_v, path_i), soci::use(name_v, name_i),
      soci::use(container_v, container_i), soci::use(timeout_v, timeout_i),
      soci::use(priority_v, priority_i), soci::use(max_retries_interval), soci::use(max_retries),
      soci::use(mandatory_v, mandatory_i), soci::use(log_v, log_i), soci::use(metadata),
      soci::use(job.id);
}

}  // namespace

NormalizedJobActions normalize_job_actions(soci::session& sql) {
  NormalizedJobActions out;
  auto known = action_ids(sql);
  for (const auto& job : read_jobs(sql)) {
    rapidjson::Document entries;
    bool parsed = !job.job_actions.empty() && common::parse_json(job.job_actions, entries);
    if (!parsed || !common::python_truthy(entries)) continue;  // no actions (upstream: `or []`)
    if (!entries.IsArray()) {
      spdlog::warn("Skipping job {}: job_actions is not a list", job.id);
      ++out.skipped;
      continue;
    }
    for (rapidjson::SizeType position = 0; position < entries.Size(); ++position) {
      const auto& entry = entries[position];
      if (!entry.IsObject()) {
        spdlog::warn("Skipping job_action {} of job {}: not an object", position, job.id);
        ++out.skipped;
        continue;
      }
      std::string action_id = text_of(entry, "action_id").value_or("");
      if (action_id.empty() || !known.count(action_id)) {
        auto fa = entry.FindMember("freezer_action");
        bool named = fa != entry.MemberEnd() && fa->value.IsObject() &&
                     fa->value.HasMember("action") && common::python_truthy(fa->value["action"]);
        if (!named) {
          spdlog::warn("Skipping job_action {} of job {}: no action name to create an action from",
                       position, job.id);
          ++out.skipped;
          continue;
        }
        if (action_id.empty()) action_id = common::uuid4_hex();
        insert_action(sql, action_id, entry, job);
        known.insert(action_id);
        ++out.created_actions;
      }
      std::string link_id = common::uuid4_hex();
      long long pos = position;
      sql << "INSERT INTO job_actions (id, job_id, action_id, position, deleted) "
             "VALUES (:id, :job, :action, :position, 0)",
          soci::use(link_id), soci::use(job.id), soci::use(action_id), soci::use(pos);
      ++out.links;
    }
  }
  sql << "ALTER TABLE jobs DROP COLUMN job_actions";
  return out;
}

}  // namespace freezer::db::sql
