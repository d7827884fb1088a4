#pragma once
// The `actions` table <-> ActionRecord mapping, written once.
#include <soci/soci.h>

#include "db/action_record.h"
#include "db/sql/row_values.h"

namespace freezer::db::sql {

inline constexpr const char* kActionColumns =
    "id, project_id, user_id, action, actionmode, path_to_backup, backup_name, container, "
    "log_file, timeout, priority, max_retries, max_retries_interval, mandatory, backup_metadata";

inline void read_record(const ColumnReader& row, ActionRecord& a) {
  a.id = row.text("id");
  a.project_id = row.optional_text("project_id").value_or("");
  a.user_id = row.text("user_id");
  a.action = row.text("action");
  a.mode = row.optional_text("actionmode");
  a.path_to_backup = row.optional_text("path_to_backup");
  a.backup_name = row.optional_text("backup_name");
  a.container = row.optional_text("container");
  a.log_file = row.optional_text("log_file");
  a.timeout = row.integer("timeout");
  a.priority = row.integer("priority");
  a.max_retries = row.integer("max_retries");
  a.max_retries_interval = row.integer("max_retries_interval");
  auto mandatory = row.integer("mandatory");
  a.mandatory = mandatory ? std::optional<bool>(*mandatory != 0) : std::nullopt;
  a.freezer_action = row.optional_text("backup_metadata").value_or("{}");
}

}  // namespace freezer::db::sql

namespace soci {

template <>
struct type_conversion<freezer::db::ActionRecord> {
  using base_type = values;

  static void from_base(const values& row, indicator, freezer::db::ActionRecord& a) {
    freezer::db::sql::read_record(freezer::db::sql::ColumnReader(row), a);
  }

  static void to_base(const freezer::db::ActionRecord& a, values& row, indicator& ind) {
    using namespace freezer::db::sql;
    row.set("id", a.id);
    row.set("project_id", a.project_id);
    row.set("user_id", a.user_id);
    row.set("action", a.action);
    set_optional(row, "actionmode", a.mode);
    set_optional(row, "path_to_backup", a.path_to_backup);
    set_optional(row, "backup_name", a.backup_name);
    set_optional(row, "container", a.container);
    set_optional(row, "log_file", a.log_file);
    set_optional(row, "timeout", a.timeout);
    set_optional(row, "priority", a.priority);
    set_optional(row, "max_retries", a.max_retries);
    set_optional(row, "max_retries_interval", a.max_retries_interval);
    std::optional<long long> mandatory;
    if (a.mandatory) mandatory = *a.mandatory ? 1 : 0;
    set_optional(row, "mandatory", mandatory);
    row.set("backup_metadata", a.freezer_action);
    ind = i_ok;
  }
};

}  // namespace soci
