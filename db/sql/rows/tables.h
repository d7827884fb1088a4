#pragma once
// The column table of each entity (db/sql/table.h): the one place a column is declared.
// Each table is the current schema of its migrations (db/migrations/).
#include "common/capabilities.h"
#include "db/action_record.h"
#include "db/backup_record.h"
#include "db/client_record.h"
#include "db/credential_record.h"
#include "db/job_record.h"
#include "db/session_record.h"
#include "db/sql/rows/change_sequence.h"
#include "db/sql/rows/column_table.h"

namespace freezer::db::sql {

template <>
inline const Table<ActionRecord>& table_of<ActionRecord>() {
  using A = ActionRecord;
  static const std::vector<Column<A>> columns = {
      id_column(&A::id),
      project_column(&A::project_id),
      text("user_id", &A::user_id),
      text("action", &A::action),
      optional_text("actionmode", &A::mode),
      optional_text("path_to_backup", &A::path_to_backup),
      optional_text("backup_name", &A::backup_name),
      optional_text("container", &A::container),
      optional_text("log_file", &A::log_file),
      optional_integer("timeout", &A::timeout),
      optional_integer("priority", &A::priority),
      optional_integer("max_retries", &A::max_retries),
      optional_integer("max_retries_interval", &A::max_retries_interval),
      optional_flag("mandatory", &A::mandatory),
      text_or("backup_metadata", &A::freezer_action, "{}"),
  };
  static const Table<A> table("actions", columns);
  return table;
}

template <>
inline const Table<BackupRecord>& table_of<BackupRecord>() {
  using B = BackupRecord;
  static const std::vector<Column<B>> columns = {
      id_column(&B::id),
      project_column(&B::project_id),
      text("user_id", &B::user_id),
      optional_text("job_id", &B::job_id),
      text_or("backup_metadata", &B::metadata, "{}"),
      text_or("status", &B::status, "available"),
  };
  static const Table<B> table("backups", columns);
  return table;
}

// Rows written before capabilities existed hold NULL lists, read as every capability (as
// upstream backfills them).
template <>
inline const Table<ClientRecord>& table_of<ClientRecord>() {
  using C = ClientRecord;
  static const std::vector<Column<C>> columns = {
      id_column(&C::id),
      project_column(&C::project_id),
      text("user_id", &C::user_id),
      text("client_id", &C::client_id),
      optional_text("hostname", &C::hostname),
      optional_text("description", &C::description),
      text("uuid", &C::uuid),
      string_list("supported_actions", &C::supported_actions, common::all_actions),
      string_list("supported_modes", &C::supported_modes, common::all_modes),
      string_list("supported_storages", &C::supported_storages, common::all_storages),
      string_list("supported_engines", &C::supported_engines, common::all_engines),
      flag("is_central", &C::is_central),
  };
  static const Table<C> table("clients", columns);
  return table;
}

// No project: a row belongs to its job.
template <>
inline const Table<CredentialRecord>& table_of<CredentialRecord>() {
  using C = CredentialRecord;
  static const std::vector<Column<C>> columns = {
      id_column(&C::id),
      text("decrypt_method", &C::decrypt_method),
      text("trust_id", &C::trust_id),
      text("trustor_user_id", &C::trustor_user_id),
      text("job_id", &C::job_id),
  };
  static const Table<C> table("user_credentials", columns);
  return table;
}

// Its action links live in job_actions (db/sql/rows/joined_rows.h).
template <>
inline const Table<JobRecord>& table_of<JobRecord>() {
  using J = JobRecord;
  static const std::vector<Column<J>> columns = {
      id_column(&J::id),
      project_column(&J::project_id),
      text("user_id", &J::user_id),
      text_or("schedule", &J::schedule, "{}"),
      text("client_id", &J::client_id),
      optional_text("session_id", &J::session_id),
      optional_integer("session_tag", &J::session_tag),
      optional_text("description", &J::description),
      stamped_integer("change_seq", &J::change_seq, next_change_sequence),
      read_only_flag("deleted", &J::deleted),
  };
  static const Table<J> table("jobs", columns);
  return table;
}

template <>
inline const Table<SessionRecord>& table_of<SessionRecord>() {
  using S = SessionRecord;
  static const std::vector<Column<S>> columns = {
      id_column(&S::id),
      project_column(&S::project_id),
      text("user_id", &S::user_id),
      optional_text("description", &S::description),
      optional_integer("session_tag", &S::session_tag),
      optional_integer("hold_off", &S::hold_off),
      optional_text("schedule", &S::schedule),
      optional_text("job", &S::jobs),
      optional_integer("time_start", &S::time_start),
      optional_integer("time_end", &S::time_end),
      optional_integer("time_started", &S::time_started),
      optional_integer("time_ended", &S::time_ended),
      optional_text("status", &S::status),
      optional_text("result", &S::result),
  };
  static const Table<S> table("sessions", columns);
  return table;
}

}  // namespace freezer::db::sql

// SOCI maps each record type through its table.
template <>
struct soci::type_conversion<freezer::db::ActionRecord>
    : freezer::db::sql::TableConversion<freezer::db::ActionRecord> {};
template <>
struct soci::type_conversion<freezer::db::BackupRecord>
    : freezer::db::sql::TableConversion<freezer::db::BackupRecord> {};
template <>
struct soci::type_conversion<freezer::db::ClientRecord>
    : freezer::db::sql::TableConversion<freezer::db::ClientRecord> {};
template <>
struct soci::type_conversion<freezer::db::CredentialRecord>
    : freezer::db::sql::TableConversion<freezer::db::CredentialRecord> {};
template <>
struct soci::type_conversion<freezer::db::JobRecord>
    : freezer::db::sql::TableConversion<freezer::db::JobRecord> {};
template <>
struct soci::type_conversion<freezer::db::SessionRecord>
    : freezer::db::sql::TableConversion<freezer::db::SessionRecord> {};
