// db sync adopts a database created by upstream freezer-api (alembic head 7a3b9c1d2e4f):
// the rows stay and are served by this API afterwards.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/support/api_server.h"

namespace freezer::testing {
namespace {

std::vector<std::string> statements_of(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::vector<std::string> out;
  std::string current, line;
  while (std::getline(text, line)) {
    if (line.rfind("--", 0) == 0) continue;
    current += line + "\n";
    if (!line.empty() && line.back() == ';') {
      current.erase(current.rfind(';'));
      out.push_back(current);
      current.clear();
    }
  }
  return out;
}

const std::string kDump = std::string(FREEZER_SOURCE_DIR) + "/tests/data/upstream_7a3b9c1d2e4f.sql";

TEST(UpstreamAdoption, DbSyncKeepsEveryRowReadable) {
  ApiServer server("", statements_of(kDump));
  auto status = server.driver().schema_status();
  EXPECT_EQ(status.current_version, status.latest_version);
  EXPECT_TRUE(server.driver().sync_schema().empty());  // adopted once, then a no-op

  auto http = server.client();
  const std::string p = "/v2/legacyproject";
  auto client = http->get(p + "/clients/legacy_node1");
  ASSERT_EQ(client.status, 200) << client.body;
  EXPECT_STREQ(parse(client.body)["client"]["description"].GetString(), "from upstream");
  auto job = http->get(p + "/jobs/b0000000000000000000000000000001");
  ASSERT_EQ(job.status, 200) << job.body;
  auto doc = parse(job.body);
  EXPECT_STREQ(doc["description"].GetString(), "upstream job");
  ASSERT_EQ(doc["job_actions"].Size(), 1u);
  EXPECT_TRUE(doc["job_actions"][0]["freezer_action"]["no_incremental"].IsTrue());
  EXPECT_EQ(doc["job_actions"][0]["max_retries"].GetInt(), 3);
  auto admin =
      http->request("GET", p + "/jobs/b0000000000000000000000000000001", "", {"X-Roles: admin"});
  EXPECT_STREQ(parse(admin.body)["user_credentials"]["trust_id"].GetString(), "upstreamtrust0001");
  EXPECT_EQ(http->get(p + "/actions/a0000000000000000000000000000001").status, 200);
  EXPECT_EQ(http->get(p + "/sessions/f0000000000000000000000000000001").status, 200);
  auto backup = http->get(p + "/backups/90000000000000000000000000000001");
  ASSERT_EQ(backup.status, 200);
  EXPECT_EQ(parse(backup.body)["backup_metadata"]["level"].GetInt(), 0);

  // And it is writable with the new schema.
  EXPECT_EQ(
      http->post(
              p + "/jobs/",
              R"({"client_id": "legacy_node1", "job_actions": [{"freezer_action": {"action": "backup", "mode": "mysql"}}]})")
          .status,
      201);
  EXPECT_EQ(http->del(p + "/jobs/b0000000000000000000000000000001").status, 204);
}

TEST(UpstreamAdoption, AnUnknownUpstreamRevisionIsRefusedAndNamed) {
  auto statements = statements_of(kDump);
  for (auto& s : statements)
    if (s.find("INSERT INTO alembic_version") != std::string::npos)
      s = "INSERT INTO alembic_version VALUES ('0badc0ffee00')";
  try {
    ApiServer server("", statements);
    FAIL() << "sync adopted a database of an unknown revision";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("alembic 0badc0ffee00"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("alembic 1333cef214d9"), std::string::npos) << e.what();
  }
}

TEST(UpstreamAdoption, AnUnknownSqlalchemyMigrateVersionIsRefusedAndNamed) {
  auto statements = statements_of(kDump);
  std::erase_if(statements, [](auto& s) { return s.find("alembic_version") != std::string::npos; });
  statements.push_back(
      "CREATE TABLE migrate_version (repository_id VARCHAR(250) NOT NULL PRIMARY "
      "KEY, repository_path TEXT, version INTEGER)");
  statements.push_back("INSERT INTO migrate_version VALUES ('freezer', '/migrate_repo', 7)");
  try {
    ApiServer server("", statements);
    FAIL() << "sync touched a database of an unknown sqlalchemy-migrate version";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("sqlalchemy-migrate version 7"), std::string::npos)
        << e.what();
  }
}

TEST(UpstreamAdoption, FreezerTablesWithoutAVersionTableAreRefused) {
  auto statements = statements_of(kDump);
  std::erase_if(statements, [](auto& s) { return s.find("alembic_version") != std::string::npos; });
  try {
    ApiServer server("", statements);
    FAIL() << "sync touched a database it cannot identify";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("no version table"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("clients"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace freezer::testing
