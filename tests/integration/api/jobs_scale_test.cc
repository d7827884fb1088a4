// 100,000 jobs over 1,000 projects: one project's page must come from an index, never from a
// scan of other projects' rows.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <string>

#include "db/sql/stores/sql_job_store.h"
#include "tests/support/api_server.h"

namespace freezer::testing {
namespace {

constexpr int kProjects = 1000;
constexpr int kJobsPerProject = 100;

void fill(const std::filesystem::path& path) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  ASSERT_EQ(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_stmt* insert = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "INSERT INTO jobs (id, project_id, user_id, schedule, client_id, "
                               "session_id, session_tag, description, deleted) "
                               "VALUES (?, ?, 'u', '{}', 'node', '', 0, ?, 0)",
                               -1, &insert, nullptr),
            SQLITE_OK);
  char id[33], project[16], description[32];
  for (int p = 0; p < kProjects; ++p) {
    for (int j = 0; j < kJobsPerProject; ++j) {
      // Ids interleave projects, as random uuids do.
      std::snprintf(id, sizeof id, "%08x%08x%016d", j * 2654435761u, p, j);
      std::snprintf(project, sizeof project, "p%d", p);
      std::snprintf(description, sizeof description, "job %d of %s", j, project);
      sqlite3_bind_text(insert, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 2, project, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 3, description, -1, SQLITE_TRANSIENT);
      ASSERT_EQ(sqlite3_step(insert), SQLITE_DONE);
      sqlite3_reset(insert);
    }
  }
  sqlite3_finalize(insert);
  ASSERT_EQ(sqlite3_exec(db, "COMMIT; ANALYZE", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

std::string query_plan(const std::filesystem::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &st, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  std::string plan;
  while (sqlite3_step(st) == SQLITE_ROW) {
    plan += reinterpret_cast<const char*>(sqlite3_column_text(st, 3));
    plan += "\n";
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return plan;
}

TEST(JobsScale, OneProjectsPageUsesTheProjectIndex) {
  ApiServer server;
  SKIP_UNLESS_SQLITE(server);
  fill(server.database_path());

  db::JobQuery query;
  query.project_id = "p500";
  auto plan = query_plan(server.database_path(), db::sql::SqlJobStore::list_sql(query));
  // The page's ids from the project index, then each job and its parts by their indexes.
  EXPECT_NE(plan.find("INDEX ix_jobs_project_id"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("SCAN jobs"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("SCAN j\n"), std::string::npos) << plan;
  EXPECT_NE(plan.find("SEARCH j USING"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << "sorted without the index:\n" << plan;

  query.client_id = "node";
  plan = query_plan(server.database_path(), db::sql::SqlJobStore::list_sql(query));
  EXPECT_NE(plan.find("USING INDEX"), std::string::npos) << plan;

  // A poll's change listing reads the few changed jobs by their change sequence, not every
  // job in id order.
  db::JobQuery changes;
  changes.changed_after = 1;
  plan = query_plan(server.database_path(), db::sql::SqlJobStore::list_sql(changes));
  EXPECT_NE(plan.find("INDEX ix_jobs_change_seq (change_seq>?)"), std::string::npos) << plan;

  auto http = server.client();
  const auto started = std::chrono::steady_clock::now();
  auto r = http->get("/v2/p500/jobs/?limit=10");
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_EQ(r.status, 200);
  auto doc = parse(r.body);
  const auto& jobs = doc["jobs"];
  ASSERT_EQ(jobs.Size(), 10u);
  for (const auto& job : jobs.GetArray()) EXPECT_STREQ(job["project_id"].GetString(), "p500");
  // Generous bound; the plan check above is the real assertion.
  EXPECT_LT(elapsed, std::chrono::milliseconds(500));
  auto last = parse(http->get("/v2/p999/jobs/?limit=10&offset=95").body);
  EXPECT_EQ(last["jobs"].Size(), 5u);
}

// MariaDB read `deleted = 0 AND id > :marker ORDER BY id` as a lookup of `deleted = 0`,
// checking the marker row by row from the first job: every page of a listing of all projects
// read every row before it. Each listing's ids must come from a seek to the marker (a range
// over the index's every part, the id included).
TEST(JobsScale, MariadbListingsSeekTheirMarker) {
  ApiServer server;
  if (server.on_sqlite()) GTEST_SKIP() << "MariaDB only";
  auto sql = server.open_sql();
  *sql << "INSERT INTO jobs (id, project_id, user_id, schedule, client_id, session_id, "
          "session_tag, description, deleted, created_at, updated_at) "
          "SELECT LPAD(HEX(seq), 32, '0'), CONCAT('p', seq % 10), 'u', '{}', 'node', '', 0, "
          "'d', 0, '2026-01-01', '2026-01-01' FROM seq_1_to_20000";
  *sql << "ANALYZE TABLE jobs";
  auto literal = [](std::string text) {
    for (auto [name, value] :
         {std::pair<std::string, std::string>{":marker", "'00000000000000000000000000001000'"},
          {":limit", "500"},
          {":offset", "0"},
          {":project_id", "'p1'"},
          {":client_id", "'node'"}}) {
      for (auto at = text.find(name); at != std::string::npos; at = text.find(name))
        text.replace(at, name.size(), value);
    }
    return text;
  };
  db::JobQuery every, of_client, of_project;
  of_client.client_id = "node";
  of_project.project_id = "p1";
  for (const auto& query : {every, of_client, of_project}) {
    const auto text =
        literal(db::sql::SqlJobStore::list_sql(query, db::sql::traits(db::sql::Dialect::kMysql)));
    soci::rowset<soci::row> plan = sql->prepare << "EXPLAIN " + text;
    bool seen = false;
    for (const auto& row : plan) {
      if (row.get<std::string>("table") != "jobs") continue;
      seen = true;
      EXPECT_EQ(row.get<std::string>("type"), "range") << text;
    }
    EXPECT_TRUE(seen) << text;
  }
}

}  // namespace
}  // namespace freezer::testing
