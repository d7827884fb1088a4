#pragma once
// The `jobs` table <-> JobRecord mapping, written once (action links live in job_actions).
#include <soci/soci.h>

#include "db/job_store.h"
#include "db/sql/action_rows.h"
#include "db/sql/credential_rows.h"
#include "db/sql/row_values.h"

namespace freezer::db::sql {

inline constexpr const char* kJobColumns =
    "id, project_id, user_id, schedule, client_id, session_id, session_tag, description";

// One action link of a job (job_actions) joined with its action: the link's columns prefixed
// ja_ (kLinkColumns), the action's a_ (NULL when the action is gone).
struct JoinedLinkRow {
  std::string job_id;
  std::optional<long long> position;
  std::string action_id;
  std::optional<ActionRecord> action;
};

// One row of a job joined with its links (above) and its credentials (prefixed c_): a job
// without links or credentials has NULL there.
struct JoinedJobRow {
  JobRecord job;
  std::optional<JoinedLinkRow> link;
  std::optional<CredentialRecord> credentials;
};

inline void read_record(const ColumnReader& row, JoinedLinkRow& link) {
  ColumnReader columns(row.with_prefix("ja_"));
  link.job_id = columns.text("job_id");
  link.position = columns.integer("position");
  link.action_id = columns.text("action_id");
  link.action.reset();
  if (ColumnReader action(row.with_prefix("a_")); !action.is_null("id"))
    read_record(action, link.action.emplace());
}

inline void read_record(const ColumnReader& row, JobRecord& j) {
  j.id = row.text("id");
  j.project_id = row.optional_text("project_id").value_or("");
  j.user_id = row.text("user_id");
  j.schedule = row.optional_text("schedule").value_or("{}");
  j.client_id = row.text("client_id");
  j.session_id = row.optional_text("session_id");
  j.session_tag = row.integer("session_tag");
  j.description = row.optional_text("description");
  j.action_ids.clear();
}

}  // namespace freezer::db::sql

namespace soci {

template <>
struct type_conversion<freezer::db::JobRecord> {
  using base_type = values;

  static void from_base(const values& row, indicator, freezer::db::JobRecord& j) {
    freezer::db::sql::read_record(freezer::db::sql::ColumnReader(row), j);
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
struct type_conversion<freezer::db::sql::JoinedJobRow> {
  using base_type = values;

  static void from_base(const values& row, indicator, freezer::db::sql::JoinedJobRow& joined) {
    using freezer::db::sql::ColumnReader;
    using freezer::db::sql::read_record;
    read_record(ColumnReader(row, "j_"), joined.job);
    joined.link.reset();
    if (!ColumnReader(row, "ja_").is_null("job_id")) read_record(ColumnReader(row), joined.link.emplace());
    joined.credentials.reset();
    if (ColumnReader credentials(row, "c_"); !credentials.is_null("id"))
      read_record(credentials, joined.credentials.emplace());
  }
};

template <>
struct type_conversion<freezer::db::sql::JoinedLinkRow> {
  using base_type = values;

  static void from_base(const values& row, indicator, freezer::db::sql::JoinedLinkRow& link) {
    freezer::db::sql::read_record(freezer::db::sql::ColumnReader(row), link);
  }
};

}  // namespace soci
