// The SQLite storage driver: migrations, schema, pragmas.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "common/uuid.h"
#include "db/errors.h"
#include "tests/support/api_server.h"

namespace freezer::testing {
namespace {

std::set<std::string> columns(const std::filesystem::path& db, const std::string& table) {
  sqlite3* conn = nullptr;
  sqlite3_open(db.c_str(), &conn);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(conn, ("PRAGMA table_info(" + table + ")").c_str(), -1, &st, nullptr);
  std::set<std::string> out;
  while (sqlite3_step(st) == SQLITE_ROW)
    out.insert(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
  sqlite3_finalize(st);
  sqlite3_close(conn);
  return out;
}

// Every row's last column, joined (EXPLAIN QUERY PLAN puts its detail there).
std::string query_one(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* conn = nullptr;
  sqlite3_open(db.c_str(), &conn);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(conn, sql.c_str(), -1, &st, nullptr);
  std::string out;
  const int last = sqlite3_column_count(st) - 1;
  while (sqlite3_step(st) == SQLITE_ROW)
    if (sqlite3_column_text(st, last))
      out += reinterpret_cast<const char*>(sqlite3_column_text(st, last));
  sqlite3_finalize(st);
  sqlite3_close(conn);
  return out;
}

TEST(Storage, SyncCreatesTheWholeSchema) {
  ApiServer server;
  SKIP_UNLESS_SQLITE(server);
  auto tables = server.driver().table_names();
  for (const auto& t : {"actions", "action_reports", "backups", "clients", "job_actions", "jobs",
                        "sessions", "user_credentials", "freezer_schema_migrations"})
    EXPECT_NE(std::find(tables.begin(), tables.end(), t), tables.end()) << t;
  EXPECT_EQ(columns(server.database_path(), "user_credentials"),
            (std::set<std::string>{"id", "decrypt_method", "trust_id", "trustor_user_id", "job_id",
                                   "created_at", "updated_at", "deleted_at", "deleted"}));
  auto client_columns = columns(server.database_path(), "clients");
  for (const auto& c : {"supported_actions", "supported_modes", "supported_storages",
                        "supported_engines", "is_central"})
    EXPECT_TRUE(client_columns.count(c)) << c;
  auto job_action_columns = columns(server.database_path(), "job_actions");
  EXPECT_EQ(job_action_columns.count("position"), 1u);
}

TEST(Storage, SyncOnACurrentDatabaseIsANoOp) {
  ApiServer server;
  ASSERT_EQ(server.client()->post("/v2/p1/clients", R"({"client_id": "keep"})").status, 201);
  auto before = server.driver().schema_status();
  EXPECT_EQ(before.current_version, before.latest_version);
  EXPECT_TRUE(server.driver().sync_schema().empty());
  EXPECT_EQ(server.driver().schema_status().current_version, before.current_version);
  EXPECT_EQ(server.client()->get("/v2/p1/clients/keep").status, 200);
}

TEST(Storage, ListQueriesUseTheProjectIndex) {
  ApiServer server;
  SKIP_UNLESS_SQLITE(server);
  auto plan = query_one(server.database_path(),
                        "EXPLAIN QUERY PLAN SELECT id FROM clients WHERE deleted = 0 AND "
                        "project_id = 'p' ORDER BY id LIMIT 10");
  EXPECT_NE(plan.find("ix_clients_project_id"), std::string::npos) << plan;
}

TEST(Storage, DatabaseRunsInWalMode) {
  ApiServer server;
  SKIP_UNLESS_SQLITE(server);
  EXPECT_EQ(query_one(server.database_path(), "PRAGMA journal_mode"), "wal");
  auto r = server.client()->post("/v2/p1/clients", R"({"client_id": "fk"})");
  ASSERT_EQ(r.status, 201);
  EXPECT_TRUE(std::filesystem::exists(server.database_path().string() + "-wal"));
}

// Concurrent single writes share transactions on SQLite (group commit): a write that fails
// must be refused alone, and every acknowledged write must be stored (on every database).
TEST(Storage, ConcurrentWritesAreCommittedOrRefusedEachOnItsOwn) {
  ApiServer server;
  auto& backups = server.driver().backups();
  const std::string project = "p-" + common::uuid4_hex();
  db::BackupRecord taken{common::uuid4_hex(), project, "u", std::nullopt, "{}", "available"};
  backups.insert(taken);
  constexpr int kThreads = 8, kEach = 40;
  std::vector<std::vector<std::string>> stored(kThreads);
  std::atomic<int> refused{0}, other_errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        // Every fifth write reuses an id that exists: only that write may fail.
        db::BackupRecord record{
            i % 5 == 0 ? taken.id : common::uuid4_hex(), project,    "u", std::nullopt,
            "{\"n\": " + std::to_string(i) + "}",        "available"};
        try {
          backups.insert(record);
          stored[t].push_back(record.id);
        } catch (const db::Error& e) {
          (e.kind() == db::Error::Kind::kDuplicateKey ? refused : other_errors)++;
        }
      }
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(refused.load(), kThreads * kEach / 5);
  EXPECT_EQ(other_errors.load(), 0);
  std::set<std::string> listed;
  for (const auto& row :
       backups.list(db::BackupQuery{project, std::nullopt, std::nullopt}, db::Page{}))
    listed.insert(row.id);
  EXPECT_EQ(listed.size(), 1u + kThreads * kEach * 4 / 5);
  for (const auto& ids : stored)
    for (const auto& id : ids) EXPECT_TRUE(listed.count(id)) << id;
}

}  // namespace
}  // namespace freezer::testing
