// The backups resource through the real HTTP interface.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "common/json.h"
#include "tests/support/api_server.h"

namespace freezer::testing {
namespace {

const char* kBackup = R"({"container": "c", "hostname": "h", "backup_name": "b", "level": 0,
  "always_level": false, "exclude": [], "label": "", "time_stamp": 1493052022, "job_id": "5f1d"})";

class BackupsApi : public ::testing::Test {
 protected:
  ApiServer server_;
  std::unique_ptr<HttpClient> http_ = server_.client();

  std::string create(const std::string& body = kBackup, const std::string& project = "p1") {
    auto r = http_->request("POST", "/v2/" + project + "/backups/", body, {"X-User-Id: alice"});
    EXPECT_EQ(r.status, 201) << r.body;
    return parse(r.body)["backup_id"].GetString();
  }
  std::vector<std::string> ids(const std::string& query, const std::string& search = "") {
    std::vector<std::string> out;
    auto doc = parse(http_->get("/v2/p1/backups/" + query, search).body);
    for (const auto& b : doc["backups"].GetArray()) out.emplace_back(b["backup_id"].GetString());
    return out;
  }
};

TEST_F(BackupsApi, RecordIsExactlyFourKeysWithTheMetadataVerbatim) {
  auto id = create();
  auto r = http_->get("/v2/p1/backups/" + id);
  ASSERT_EQ(r.status, 200);
  auto doc = parse(r.body);
  EXPECT_EQ(doc.MemberCount(), 4u);
  EXPECT_STREQ(doc["backup_id"].GetString(), id.c_str());
  EXPECT_STREQ(doc["user_id"].GetString(), "alice");
  EXPECT_STREQ(doc["project_id"].GetString(), "p1");
  rapidjson::Document posted;
  ASSERT_TRUE(common::parse_json(kBackup, posted));
  EXPECT_EQ(common::to_json(doc["backup_metadata"]), common::to_json(posted));
}

// Values shorter and longer than the buffers rows are read into, in one page and one by one
// (MariaDB's prepared statements fetch a longer value again; the next row may be short).
TEST_F(BackupsApi, MetadataOfEverySizeReadsBackVerbatim) {
  std::vector<std::string> bodies;
  for (std::size_t size : {10, 600, 5, 60000, 2000, 0}) {
    bodies.push_back(R"({"container": "c", "hostname": "h", "backup_name": "b", "label": ")" +
                     std::string(size, 'x') + "\"}");
  }
  std::map<std::string, std::string> posted;  // backup id -> metadata as stored
  for (const auto& body : bodies) {
    rapidjson::Document doc;
    ASSERT_TRUE(common::parse_json(body, doc));
    posted[create(body)] = common::to_json(doc);
  }
  auto page = parse(http_->get("/v2/p1/backups/?limit=100").body);
  ASSERT_EQ(page["backups"].Size(), posted.size());
  for (const auto& backup : page["backups"].GetArray()) {
    const std::string id = backup["backup_id"].GetString();
    EXPECT_EQ(common::to_json(backup["backup_metadata"]), posted.at(id)) << id;
    auto one = parse(http_->get("/v2/p1/backups/" + id).body);
    EXPECT_EQ(common::to_json(one["backup_metadata"]), posted.at(id)) << id;
  }
}

TEST_F(BackupsApi, StatusGoesToItsColumnNotTheMetadata) {
  auto id =
      create(R"({"container": "c", "hostname": "h", "backup_name": "b", "status": "creating"})");
  auto doc = parse(http_->get("/v2/p1/backups/" + id).body);
  EXPECT_FALSE(doc["backup_metadata"].HasMember("status"));
  EXPECT_EQ(ids("", R"({"match": [{"status": "creating"}]})"), std::vector<std::string>{id});
  EXPECT_TRUE(ids("", R"({"match": [{"status": "available"}]})").empty());
}

TEST_F(BackupsApi, StatusCanBeShownInRecordsWhenConfigured) {
  ApiServer server("[api]\nbackup_status_in_records = true\n");
  auto http = server.client();
  auto r = http->post("/v2/p1/backups", kBackup);
  std::string id = parse(r.body)["backup_id"].GetString();
  EXPECT_STREQ(parse(http->get("/v2/p1/backups/" + id).body)["status"].GetString(), "available");
  EXPECT_STREQ(parse(http->get("/v2/p1/backups").body)["backups"][0]["status"].GetString(),
               "available");
}

TEST_F(BackupsApi, InvalidMetadataIsBadDataFormat) {
  for (const auto& body :
       {R"({"hostname": "h", "backup_name": "b"})",
        R"({"container": "", "hostname": "h", "backup_name": "b"})",
        R"({"container": "c", "hostname": "h"})",
        R"({"container": "c", "hostname": "", "backup_name": "b"})",
        R"({"container": "c", "hostname": "h", "backup_name": "b", "status": "lost"})"}) {
    auto r = http_->post("/v2/p1/backups", body);
    EXPECT_EQ(r.status, 400) << body;
    auto doc = parse(r.body);
    EXPECT_STREQ(doc["title"].GetString(), "Bad request format");
    EXPECT_EQ(std::string(doc["description"].GetString()).rfind("Bad Data Format", 0), 0u);
  }
  EXPECT_EQ(http_->post("/v2/p1/backups", "{}").status, 400);
  EXPECT_EQ(http_->post("/v2/p1/backups", "[]").status, 400);
  EXPECT_EQ(http_->post("/v2/p1/backups", "{x").status, 753);
  EXPECT_TRUE(ids("").empty());
}

TEST_F(BackupsApi, PostWithoutContentType) {
  auto r = http_->request("POST", "/v2/p1/backups", kBackup, {"Content-Type:"});
  EXPECT_EQ(r.status, 201);
}

TEST_F(BackupsApi, ListShapeScopeAndPaging) {
  for (int i = 0; i < 6; ++i) create();
  create(kBackup, "p2");
  auto list = parse(http_->get("/v2/p1/backups/?limit=100").body);
  ASSERT_EQ(list["backups"].Size(), 6u);
  std::vector<std::string> keys;
  for (const auto& m : list["backups"][0].GetObject()) keys.emplace_back(m.name.GetString());
  EXPECT_EQ(keys,
            (std::vector<std::string>{"project_id", "user_id", "backup_id", "backup_metadata"}));
  auto all = ids("?limit=100");
  auto a = ids("?limit=4");
  auto b = ids("?limit=4&offset=4");
  a.insert(a.end(), b.begin(), b.end());
  EXPECT_EQ(a, all);
  EXPECT_EQ(ids("", R"({"match": [{"job_id": "5f1d"}]})").size(), 6u);
  EXPECT_TRUE(parse(http_->get("/v2/p3/backups").body)["backups"].Empty());
}

TEST_F(BackupsApi, DeletingAnotherProjectsBackupIs204AndDeletesNothing) {
  auto id = create();
  auto r = http_->del("/v2/p2/backups/" + id);
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(http_->get("/v2/p1/backups/" + id).status, 200);
  EXPECT_EQ(http_->del("/v2/p1/backups/" + id).status, 204);
  auto gone = http_->get("/v2/p1/backups/" + id);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.body, "");
}

TEST_F(BackupsApi, PatchMergesMetadataAndSetsStatus) {
  auto id = create(
      R"({"container": "c", "hostname": "h", "backup_name": "b", "status": "creating", "job_id": "j1"})");
  auto r = http_->request(
      "PATCH", "/v2/p1/backups/" + id,
      R"({"status": "available", "backup_metadata": {"cinder_backup_id": "8f3b", "job_id": "j2"}, "extra": 1})",
      {"X-User-Id: scheduler"});
  ASSERT_EQ(r.status, 200) << r.body;
  auto doc = parse(r.body);
  EXPECT_STREQ(doc["backup_id"].GetString(), id.c_str());
  EXPECT_STREQ(doc["user_id"].GetString(), "scheduler");
  EXPECT_STREQ(doc["backup_metadata"]["container"].GetString(), "c");
  EXPECT_STREQ(doc["backup_metadata"]["cinder_backup_id"].GetString(), "8f3b");
  EXPECT_EQ(ids("", R"({"match": [{"status": "available"}]})"), std::vector<std::string>{id});
  EXPECT_EQ(ids("", R"({"match": [{"job_id": "j2"}]})"), std::vector<std::string>{id});
  EXPECT_TRUE(ids("", R"({"match": [{"job_id": "j1"}]})").empty());
}

TEST_F(BackupsApi, PatchErrors) {
  auto id = create();
  auto bad = http_->request("PATCH", "/v2/p1/backups/" + id, R"({"status": "lost"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("(field: status)"), std::string::npos) << bad.body;
  EXPECT_EQ(http_->request("PATCH", "/v2/p1/backups/" + id, R"({"backup_metadata": []})").status,
            400);
  EXPECT_EQ(http_->request("PATCH", "/v2/p1/backups/" + id, "{}").status, 400);
  auto missing = http_->request("PATCH", "/v2/p1/backups/nope", R"({"status": "error"})");
  EXPECT_EQ(missing.status, 404);
  EXPECT_STREQ(parse(missing.body)["description"].GetString(),
               "Backup not registered with ID nope");
  EXPECT_EQ(http_->request("PATCH", "/v2/p2/backups/" + id, R"({"status": "error"})").status, 404);
}

}  // namespace
}  // namespace freezer::testing
