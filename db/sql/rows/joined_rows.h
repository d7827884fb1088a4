#pragma once
// The rows of the joins that read a job with its parts (its action links and their actions,
// its credentials).
#include "db/job_store.h"
#include "db/sql/rows/tables.h"

namespace freezer::db::sql {

// One action link of a job (job_actions `ja`, columns prefixed ja_) joined with its action
// (prefixed a_, NULL when the action is gone).
struct JoinedLinkRow {
  std::string job_id;
  std::optional<long long> position;
  std::string action_id;
  std::optional<ActionRecord> action;

  void read(const ColumnReader& row) {
    ColumnReader link(row.with_prefix("ja_"));
    job_id = link.text("job_id");
    position = link.integer("position");
    action_id = link.text("action_id");
    action.reset();
    if (ColumnReader a(row.with_prefix("a_")); !a.is_null("id"))
      table_of<ActionRecord>().read(a, action.emplace());
  }
};

// One row of a job (prefixed j_) joined with its links (above) and its credentials
// (prefixed c_): a job without links or credentials has NULL there.
struct JoinedJobRow {
  JobRecord job;
  std::optional<JoinedLinkRow> link;
  std::optional<CredentialRecord> credentials;

  void read(const ColumnReader& row) {
    table_of<JobRecord>().read(row.with_prefix("j_"), job);
    link.reset();
    if (!row.with_prefix("ja_").is_null("job_id")) link.emplace().read(row);
    credentials.reset();
    if (ColumnReader c(row.with_prefix("c_")); !c.is_null("id"))
      table_of<CredentialRecord>().read(c, credentials.emplace());
  }
};

// One row of a job (prefixed j_) joined with one of its action links (prefixed ja_, NULL when
// it has none), without the actions or credentials: what a write reads before it updates.
struct JobLinkRow {
  JobRecord job;
  std::optional<long long> position;
  std::optional<std::string> action_id;

  void read(const ColumnReader& row) {
    table_of<JobRecord>().read(row.with_prefix("j_"), job);
    ColumnReader link(row.with_prefix("ja_"));
    position = link.integer("position");
    action_id = link.optional_text("action_id");
  }
};

// SOCI's mapping of a joined row (read only).
template <typename Joined>
struct JoinedConversion {
  using base_type = soci::values;
  static void from_base(const soci::values& row, soci::indicator, Joined& joined) {
    joined.read(ColumnReader(SociValuesRow(row)));
  }
};

}  // namespace freezer::db::sql

template <>
struct soci::type_conversion<freezer::db::sql::JoinedJobRow>
    : freezer::db::sql::JoinedConversion<freezer::db::sql::JoinedJobRow> {};
template <>
struct soci::type_conversion<freezer::db::sql::JoinedLinkRow>
    : freezer::db::sql::JoinedConversion<freezer::db::sql::JoinedLinkRow> {};
