// db sync takes a database made by upstream freezer-api at any alembic revision, upgrades it the
// way upstream's migrations would, and adopts it: every row reads back through this API, the
// job actions stored as JSON before a1b2c3d4e5f6 become linked actions, and the schema ends up
// the same as a fresh one. Each upstream schema is built here from a declarative model (which
// revision added and removed each column, read from upstream's migration scripts), independent
// of the production upgrade steps.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "tests/support/api_server.h"

namespace freezer::testing {
namespace {

const std::vector<std::string> kRevisions = {"1333cef214d9", "e74c32f034c5", "23c8ad2655a6",
                                             "29a2fd19eb86", "30a3fd20ec97", "4f8c679a1d3b",
                                             "a1b2c3d4e5f6", "5c9d21e87f34", "7a3b9c1d2e4f"};

struct ModelColumn {
  const char* table;
  const char* definition;
  const char* since = "1333cef214d9";
  const char* until = nullptr;  // the revision that removed (or changed) it
};

const char* kStamp =
    "created_at DATETIME NULL, updated_at DATETIME NULL, deleted_at DATETIME NULL, deleted BOOLEAN "
    "NULL";

const std::vector<ModelColumn> kModel = {
    {"clients", "id VARCHAR(255) NOT NULL"},
    {"clients", "project_id VARCHAR(36) NULL"},
    {"clients", "user_id VARCHAR(64) NOT NULL"},
    {"clients", "client_id VARCHAR(255) NOT NULL"},
    {"clients", "hostname VARCHAR(128) NULL"},
    {"clients", "description VARCHAR(255) NULL"},
    {"clients", "uuid VARCHAR(36) NOT NULL"},
    {"clients", "supported_actions VARCHAR(255) NULL", "23c8ad2655a6"},
    {"clients", "supported_modes VARCHAR(255) NULL", "23c8ad2655a6"},
    {"clients", "supported_storages VARCHAR(255) NULL", "23c8ad2655a6"},
    {"clients", "supported_engines VARCHAR(255) NULL", "23c8ad2655a6"},
    {"clients", "is_central BOOLEAN NOT NULL DEFAULT 0", "30a3fd20ec97"},
    {"actions", "id VARCHAR(36) NOT NULL"},
    {"actions", "action VARCHAR(255) NOT NULL"},
    {"actions", "project_id VARCHAR(36) NULL"},
    {"actions", "user_id VARCHAR(64) NOT NULL"},
    {"actions", "actionmode VARCHAR(255) NULL"},
    {"actions", "src_file VARCHAR(255) NULL", "1333cef214d9", "e74c32f034c5"},
    {"actions", "path_to_backup VARCHAR(255) NULL", "e74c32f034c5"},
    {"actions", "backup_name VARCHAR(255) NULL"},
    {"actions", "container VARCHAR(255) NULL"},
    {"actions", "timeout INTEGER NULL"},
    {"actions", "priority INTEGER NULL"},
    {"actions", "max_retries_interval INTEGER NULL"},
    {"actions", "max_retries INTEGER NULL"},
    {"actions", "mandatory BOOLEAN NULL"},
    {"actions", "log_file VARCHAR(255) NULL"},
    {"actions", "backup_metadata TEXT NULL"},
    {"action_reports", "id VARCHAR(36) NOT NULL"},
    {"action_reports", "project_id VARCHAR(36) NULL"},
    {"action_reports", "user_id VARCHAR(64) NOT NULL"},
    {"action_reports", "result VARCHAR(255) NULL"},
    {"action_reports", "time_elapsed VARCHAR(255) NULL"},
    {"action_reports", "report_date TIMESTAMP NULL"},
    {"action_reports", "log BLOB NULL"},
    {"backups", "id VARCHAR(36) NOT NULL"},
    {"backups", "job_id VARCHAR(36) NULL"},
    {"backups", "project_id VARCHAR(36) NULL"},
    {"backups", "user_id VARCHAR(64) NOT NULL"},
    {"backups", "user_name VARCHAR(64) NOT NULL", "1333cef214d9", "4f8c679a1d3b"},
    {"backups", "backup_metadata TEXT NULL"},
    {"backups", "status VARCHAR(64) NOT NULL DEFAULT 'available'", "5c9d21e87f34"},
    {"sessions", "id VARCHAR(36) NOT NULL"},
    {"sessions", "session_tag INTEGER NULL"},
    {"sessions", "description VARCHAR(255) NULL"},
    {"sessions", "hold_off INTEGER NULL"},
    {"sessions", "schedule TEXT NULL"},
    {"sessions", "job TEXT NULL"},
    {"sessions", "project_id VARCHAR(36) NULL"},
    {"sessions", "user_id VARCHAR(36) NOT NULL", "1333cef214d9", "7a3b9c1d2e4f"},
    {"sessions", "user_id VARCHAR(64) NOT NULL", "7a3b9c1d2e4f"},
    {"sessions", "time_start INTEGER NULL"},
    {"sessions", "time_end INTEGER NULL"},
    {"sessions", "time_started INTEGER NULL"},
    {"sessions", "time_ended INTEGER NULL"},
    {"sessions", "status VARCHAR(255) NULL"},
    {"sessions", "result VARCHAR(255) NULL"},
    {"jobs", "id VARCHAR(36) NOT NULL"},
    {"jobs", "project_id VARCHAR(36) NULL"},
    {"jobs", "user_id VARCHAR(36) NOT NULL", "1333cef214d9", "7a3b9c1d2e4f"},
    {"jobs", "user_id VARCHAR(64) NOT NULL", "7a3b9c1d2e4f"},
    {"jobs", "schedule TEXT NULL"},
    {"jobs", "client_id VARCHAR(255) NOT NULL"},
    {"jobs", "session_id VARCHAR(36) NULL"},
    {"jobs", "session_tag INTEGER NULL"},
    {"jobs", "description VARCHAR(255) NULL"},
    {"jobs", "job_actions TEXT NULL", "1333cef214d9", "a1b2c3d4e5f6"},
    {"user_credentials", "id VARCHAR(36) NOT NULL", "29a2fd19eb86"},
    {"user_credentials", "trust_id VARCHAR(255) NOT NULL", "29a2fd19eb86"},
    {"user_credentials", "trustor_user_id VARCHAR(64) NOT NULL", "29a2fd19eb86"},
    {"user_credentials", "job_id VARCHAR(36) NOT NULL", "29a2fd19eb86"},
    {"job_actions", "id VARCHAR(36) NOT NULL", "a1b2c3d4e5f6"},
    {"job_actions", "job_id VARCHAR(36) NOT NULL REFERENCES jobs (id)", "a1b2c3d4e5f6"},
    {"job_actions", "action_id VARCHAR(36) NOT NULL REFERENCES actions (id)", "a1b2c3d4e5f6"},
    {"job_actions", "position INTEGER NULL", "a1b2c3d4e5f6"},
};

std::size_t rank(const std::string& revision) {
  return std::find(kRevisions.begin(), kRevisions.end(), revision) - kRevisions.begin();
}

bool exists_at(const ModelColumn& c, const std::string& revision) {
  return rank(c.since) <= rank(revision) && (c.until == nullptr || rank(revision) < rank(c.until));
}

bool has_column(const std::string& table, const std::string& column, const std::string& revision) {
  return std::any_of(kModel.begin(), kModel.end(), [&](const ModelColumn& c) {
    return c.table == table && exists_at(c, revision) &&
           std::string(c.definition).rfind(column + " ", 0) == 0;
  });
}

std::vector<std::string> schema_at(const std::string& revision) {
  std::vector<std::string> tables, out;
  std::map<std::string, std::string> columns;
  for (const auto& c : kModel) {
    if (!exists_at(c, revision)) continue;
    if (!columns.count(c.table)) tables.push_back(c.table);
    columns[c.table] += std::string(c.definition) + ", ";
  }
  for (const auto& t : tables)
    out.push_back("CREATE TABLE " + t + " (" + columns[t] + kStamp + ", PRIMARY KEY (id))");
  out.push_back("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)");
  out.push_back("INSERT INTO alembic_version VALUES ('" + revision + "')");
  return out;
}

// One row of each kind, written with the columns the revision has.
std::vector<std::string> rows_at(const std::string& r) {
  const std::string t = "'2026-01-01 00:00:00', NULL, NULL, 0";
  std::vector<std::string> out;
  out.push_back(std::string("INSERT INTO clients (id, project_id, user_id, client_id, hostname, "
                            "description, uuid, created_at, updated_at, deleted_at, deleted") +
                (has_column("clients", "supported_actions", r)
                     ? ", supported_actions, supported_modes, supported_storages, supported_engines"
                     : "") +
                ") VALUES ('c0ffee', 'oldproject', 'u1', 'old_node', 'node1', 'from upstream', "
                "'c0ffee', " +
                t +
                (has_column("clients", "supported_actions", r)
                     ? ", '[\"backup\", \"restore\"]', '[\"fs\"]', '[\"local\"]', '[\"tar\"]'"
                     : "") +
                ")");
  const std::string path = has_column("actions", "src_file", r) ? "src_file" : "path_to_backup";
  out.push_back("INSERT INTO actions (id, action, project_id, user_id, actionmode, " + path +
                ", backup_name, container, max_retries_interval, max_retries, mandatory, "
                "backup_metadata, created_at, updated_at, deleted_at, deleted) VALUES "
                "('a0000000000000000000000000000001', 'backup', 'oldproject', 'u1', 'fs', '/etc', "
                "'etc', 'c', 60, 3, 0, '{\"action\": \"backup\", \"mode\": \"fs\", "
                "\"path_to_backup\": \"/etc\", \"backup_name\": \"etc\", \"container\": \"c\"}', " +
                t + ")");
  if (has_column("jobs", "job_actions", r)) {
    // A registered action, an inline one, one without an action name and a non-object.
    out.push_back(
        "INSERT INTO jobs (id, project_id, user_id, schedule, client_id, session_id, session_tag, "
        "description, job_actions, created_at, updated_at, deleted_at, deleted) VALUES "
        "('b0000000000000000000000000000001', 'oldproject', 'u1', '{\"schedule_interval\": \"1 "
        "days\", \"status\": \"scheduled\"}', 'old_node', '', 0, 'upstream job', "
        "'[{\"action_id\": \"a0000000000000000000000000000001\", \"freezer_action\": "
        "{\"action\": \"backup\"}}, {\"freezer_action\": {\"action\": \"backup\", \"mode\": "
        "\"fs\", \"path_to_backup\": \"/srv\", \"backup_name\": \"srv\", \"container\": \"c2\", "
        "\"timeout\": 30}, \"max_retries\": 2, \"max_retries_interval\": 7}, {\"freezer_action\": "
        "{}}, \"junk\"]', " +
        t + ")");
  } else {
    out.push_back(
        "INSERT INTO jobs (id, project_id, user_id, schedule, client_id, session_id, session_tag, "
        "description, created_at, updated_at, deleted_at, deleted) VALUES "
        "('b0000000000000000000000000000001', 'oldproject', 'u1', '{\"schedule_interval\": \"1 "
        "days\", \"status\": \"scheduled\"}', 'old_node', '', 0, 'upstream job', " +
        t + ")");
    out.push_back(
        "INSERT INTO job_actions (id, job_id, action_id, position, created_at, "
        "updated_at, deleted_at, deleted) VALUES ('d1', "
        "'b0000000000000000000000000000001', 'a0000000000000000000000000000001', 0, " +
        t + ")");
  }
  if (has_column("user_credentials", "trust_id", r))
    out.push_back(
        "INSERT INTO user_credentials (id, trust_id, trustor_user_id, job_id, "
        "created_at, updated_at, deleted_at, deleted) VALUES ('e1', 'oldtrust', 'u1', "
        "'b0000000000000000000000000000001', " +
        t + ")");
  out.push_back(
      "INSERT INTO sessions (id, session_tag, description, hold_off, schedule, job, "
      "project_id, user_id, time_start, time_end, time_started, time_ended, status, "
      "created_at, updated_at, deleted_at, deleted) VALUES "
      "('f0000000000000000000000000000001', 0, 'upstream session', 30, "
      "'{\"schedule_interval\": \"1 days\"}', NULL, 'oldproject', 'u1', -1, -1, -1, -1, "
      "'active', " +
      t + ")");
  out.push_back(std::string("INSERT INTO backups (id, job_id, project_id, user_id, ") +
                (has_column("backups", "user_name", r) ? "user_name, " : "") +
                "backup_metadata, created_at, updated_at, deleted_at, deleted) VALUES "
                "('90000000000000000000000000000001', 'b0000000000000000000000000000001', "
                "'oldproject', 'u1', " +
                (has_column("backups", "user_name", r) ? "'alice', " : "") +
                "'{\"container\": \"c\", \"hostname\": \"node1\", \"backup_name\": \"etc\", "
                "\"level\": 0}', " +
                t + ")");
  return out;
}

// table -> its column names, as the database reports them.
std::map<std::string, std::set<std::string>> columns_of(const ApiServer& server) {
  auto sql = server.open_sql();
  std::map<std::string, std::set<std::string>> out;
  std::string table, column;
  soci::statement st =
      server.on_sqlite()
          ? (sql->prepare
                 << "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p "
                    "WHERE m.type = 'table'",
             soci::into(table), soci::into(column))
          : (sql->prepare << "SELECT table_name, column_name FROM information_schema.columns "
                             "WHERE table_schema = DATABASE()",
             soci::into(table), soci::into(column));
  if (st.execute(true)) {
    do out[table].insert(column);
    while (st.fetch());
  }
  out.erase("alembic_version");
  return out;
}

class UpstreamHistory : public ::testing::TestWithParam<std::string> {};

TEST_P(UpstreamHistory, DbSyncUpgradesAndKeepsEveryRow) {
  const std::string revision = GetParam();
  auto statements = schema_at(revision);
  for (auto& row : rows_at(revision)) statements.push_back(row);
  ApiServer server("", statements);
  EXPECT_TRUE(server.driver().sync_schema().empty());  // upgraded once, then a no-op
  {
    auto sql = server.open_sql();
    std::string stamped;
    *sql << "SELECT version_num FROM alembic_version", soci::into(stamped);
    EXPECT_EQ(stamped, "7a3b9c1d2e4f");  // upstream's tools see its newest revision
  }
  ApiServer fresh;
  EXPECT_EQ(columns_of(server), columns_of(fresh));

  auto http = server.client();
  const std::string p = "/v2/oldproject";
  auto client = http->get(p + "/clients/old_node");
  ASSERT_EQ(client.status, 200) << client.body;
  auto c = parse(client.body);
  EXPECT_STREQ(c["client"]["description"].GetString(), "from upstream");
  // Clients older than 23c8ad2655a6 are taken to support everything, as upstream backfills.
  EXPECT_EQ(c["client"]["supported_actions"].Size(),
            rank(revision) < rank("23c8ad2655a6") ? 5u : 2u);
  EXPECT_FALSE(c["client"]["is_central"].GetBool());

  auto job = http->get(p + "/jobs/b0000000000000000000000000000001");
  ASSERT_EQ(job.status, 200) << job.body;
  auto j = parse(job.body);
  EXPECT_STREQ(j["description"].GetString(), "upstream job");
  const auto& actions = j["job_actions"];
  bool from_json = rank(revision) < rank("a1b2c3d4e5f6");
  ASSERT_EQ(actions.Size(), from_json ? 2u : 1u) << job.body;
  EXPECT_STREQ(actions[0]["action_id"].GetString(), "a0000000000000000000000000000001");
  EXPECT_STREQ(actions[0]["freezer_action"]["path_to_backup"].GetString(), "/etc");
  EXPECT_EQ(actions[0]["max_retries"].GetInt(), 3);
  if (from_json) {
    // The inline definition became an action of its own, with its retry settings.
    EXPECT_STREQ(actions[1]["freezer_action"]["backup_name"].GetString(), "srv");
    EXPECT_EQ(actions[1]["freezer_action"]["timeout"].GetInt(), 30);
    EXPECT_EQ(actions[1]["max_retries"].GetInt(), 2);
    EXPECT_EQ(actions[1]["max_retries_interval"].GetInt(), 7);
    auto made = http->get(p + "/actions/" + std::string(actions[1]["action_id"].GetString()));
    EXPECT_EQ(made.status, 200) << made.body;
  }
  auto admin =
      http->request("GET", p + "/jobs/b0000000000000000000000000000001", "", {"X-Roles: admin"});
  auto a = parse(admin.body);
  if (rank(revision) >= rank("29a2fd19eb86")) {
    EXPECT_STREQ(a["user_credentials"]["trust_id"].GetString(), "oldtrust") << admin.body;
  }

  EXPECT_EQ(http->get(p + "/actions/a0000000000000000000000000000001").status, 200);
  EXPECT_EQ(http->get(p + "/sessions/f0000000000000000000000000000001").status, 200);
  auto backup = http->get(p + "/backups/90000000000000000000000000000001");
  ASSERT_EQ(backup.status, 200) << backup.body;
  EXPECT_EQ(parse(backup.body)["backup_metadata"]["level"].GetInt(), 0);

  // And it takes new rows.
  EXPECT_EQ(
      http->post(
              p + "/jobs/",
              R"({"client_id": "old_node", "job_actions": [{"freezer_action": {"action": "backup", "mode": "fs"}}]})")
          .status,
      201);
  EXPECT_EQ(
      http->post(p + "/clients/", R"({"client_id": "new_node", "description": "no hostname"})")
          .status,
      201);
}

INSTANTIATE_TEST_SUITE_P(EveryRevision, UpstreamHistory,
                         ::testing::ValuesIn(std::vector<std::string>(kRevisions.begin(),
                                                                      kRevisions.end() - 1)),
                         [](const auto& info) { return "from_" + info.param; });

}  // namespace
}  // namespace freezer::testing
