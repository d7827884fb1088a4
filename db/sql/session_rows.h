#pragma once
// The `sessions` table <-> SessionRecord mapping, written once.
#include <soci/soci.h>

#include "db/session_record.h"
#include "db/sql/row_values.h"

namespace freezer::db::sql {

inline constexpr const char* kSessionColumns =
    "id, project_id, user_id, description, session_tag, hold_off, schedule, job, time_start, "
    "time_end, time_started, time_ended, status, result";

}  // namespace freezer::db::sql

namespace soci {

template <>
struct type_conversion<freezer::db::SessionRecord> {
  using base_type = values;

  static void from_base(const values& row, indicator, freezer::db::SessionRecord& s) {
    using namespace freezer::db::sql;
    s.id = row.get<std::string>("id");
    s.project_id = optional_string(row, "project_id").value_or("");
    s.user_id = row.get<std::string>("user_id");
    s.description = optional_string(row, "description");
    s.session_tag = optional_integer(row, "session_tag");
    s.hold_off = optional_integer(row, "hold_off");
    s.schedule = optional_string(row, "schedule");
    s.jobs = optional_string(row, "job");
    s.time_start = optional_integer(row, "time_start");
    s.time_end = optional_integer(row, "time_end");
    s.time_started = optional_integer(row, "time_started");
    s.time_ended = optional_integer(row, "time_ended");
    s.status = optional_string(row, "status");
    s.result = optional_string(row, "result");
  }

  static void to_base(const freezer::db::SessionRecord& s, values& row, indicator& ind) {
    using namespace freezer::db::sql;
    row.set("id", s.id);
    row.set("project_id", s.project_id);
    row.set("user_id", s.user_id);
    set_optional(row, "description", s.description);
    set_optional(row, "session_tag", s.session_tag);
    set_optional(row, "hold_off", s.hold_off);
    set_optional(row, "schedule", s.schedule);
    set_optional(row, "job", s.jobs);
    set_optional(row, "time_start", s.time_start);
    set_optional(row, "time_end", s.time_end);
    set_optional(row, "time_started", s.time_started);
    set_optional(row, "time_ended", s.time_ended);
    set_optional(row, "status", s.status);
    set_optional(row, "result", s.result);
    ind = i_ok;
  }
};

}  // namespace soci
