#pragma once
// The `jobs` table <-> JobRecord mapping, written once (action links live in job_actions).
#include <soci/soci.h>

#include "db/job_record.h"
#include "db/sql/row_values.h"

namespace freezer::db::sql {

inline constexpr const char* kJobColumns =
    "id, project_id, user_id, schedule, client_id, session_id, session_tag, description";

// A row of job_actions: which action a job runs (in position order when listed).
struct ActionLink {
  std::string job_id;
  std::string action_id;
};

}  // namespace freezer::db::sql

namespace soci {

template <>
struct type_conversion<freezer::db::JobRecord> {
  using base_type = values;

  static void from_base(const values& row, indicator, freezer::db::JobRecord& j) {
    using namespace freezer::db::sql;
    j.id = row.get<std::string>("id");
    j.project_id = optional_string(row, "project_id").value_or("");
    j.user_id = row.get<std::string>("user_id");
    j.schedule = optional_string(row, "schedule").value_or("{}");
    j.client_id = row.get<std::string>("client_id");
    j.session_id = optional_string(row, "session_id");
    j.session_tag = optional_integer(row, "session_tag");
    j.description = optional_string(row, "description");
    j.action_ids.clear();
  }

  static void to_base(const freezer::db::JobRecord& j, values& row, indicator& ind) {
    using namespace freezer::db::sql;
    row.set("id", j.id);
    row.set("project_id", j.project_id);
    row.set("user_id", j.user_id);
    row.set("schedule", j.schedule);
    row.set("client_id", j.client_id);
    set_optional(row, "session_id", j.session_id);
    set_optional(row, "session_tag", j.session_tag);
    set_optional(row, "description", j.description);
    ind = i_ok;
  }
};

template <>
struct type_conversion<freezer::db::sql::ActionLink> {
  using base_type = values;

  static void from_base(const values& row, indicator, freezer::db::sql::ActionLink& link) {
    link.job_id = row.get<std::string>("job_id");
    link.action_id = row.get<std::string>("action_id");
  }
};

}  // namespace soci
