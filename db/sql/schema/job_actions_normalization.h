#pragma once
// Upstream alembic revision a1b2c3d4e5f6's data step: each entry of a job's jobs.job_actions
// JSON list becomes a job_actions row; an entry naming no known action gets an actions row made
// from its inline freezer_action (entries without an action name, and non-object entries, are
// skipped as upstream does). Then jobs.job_actions is dropped.
#include <soci/soci.h>

namespace freezer::db::sql {

struct NormalizedJobActions {
  int links = 0;            // job_actions rows written
  int created_actions = 0;  // actions rows made from inline definitions
  int skipped = 0;          // entries or jobs that could not be moved
};

NormalizedJobActions normalize_job_actions(soci::session& sql);

}  // namespace freezer::db::sql
