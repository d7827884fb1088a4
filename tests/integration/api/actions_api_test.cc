// The actions resource through the real HTTP interface.
#include <gtest/gtest.h>

#include "common/json.h"
#include "tests/support/api_server.h"

namespace freezer::testing {
namespace {

const char* kAction = R"({"freezer_action": {"action": "backup", "mode": "fs", "backup_name": "b",
  "container": "c", "path_to_backup": "/etc", "hostname": false, "no_incremental": true,
  "max_cpu_priority": false, "max_level": 3, "exclude": [], "label": ""},
  "max_retries": 5, "max_retries_interval": 6, "mandatory": false})";

class ActionsApi : public ::testing::Test {
 protected:
  ApiServer server_;
  std::unique_ptr<HttpClient> http_ = server_.client();

  std::string create(const std::string& body = kAction) {
    auto r = http_->post("/v2/p1/actions/", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return parse(r.body)["action_id"].GetString();
  }
  rapidjson::Document show(const std::string& id) {
    auto r = http_->get("/v2/p1/actions/" + id);
    EXPECT_EQ(r.status, 200) << r.body;
    return parse(r.body);
  }
};

TEST_F(ActionsApi, RoundTripKeepsEveryFieldAndItsJsonType) {
  auto id = create();
  EXPECT_EQ(id.size(), 32u);
  auto doc = show(id);
  EXPECT_STREQ(doc["action_id"].GetString(), id.c_str());
  EXPECT_STREQ(doc["project_id"].GetString(), "p1");
  EXPECT_EQ(doc["max_retries"].GetInt(), 5);
  EXPECT_EQ(doc["max_retries_interval"].GetInt(), 6);
  const auto& fa = doc["freezer_action"];
  EXPECT_TRUE(fa["hostname"].IsFalse());
  EXPECT_TRUE(fa["no_incremental"].IsTrue());
  EXPECT_TRUE(fa["max_cpu_priority"].IsFalse());
  EXPECT_EQ(fa["max_level"].GetInt(), 3);
  EXPECT_TRUE(fa["exclude"].IsArray());
  EXPECT_STREQ(fa["label"].GetString(), "");
  // Upstream always returns its column keys, null when unset.
  EXPECT_TRUE(fa["timeout"].IsNull());
  EXPECT_TRUE(fa["priority"].IsNull());
  EXPECT_TRUE(fa["log_file"].IsNull());
}

TEST_F(ActionsApi, ListElementsHaveTheUpstreamListShape) {
  auto id = create();
  auto list = parse(http_->get("/v2/p1/actions").body);
  ASSERT_EQ(list["actions"].Size(), 1u);
  const auto& item = list["actions"][0];
  std::vector<std::string> keys;
  for (const auto& m : item.GetObject()) keys.emplace_back(m.name.GetString());
  EXPECT_EQ(keys,
            (std::vector<std::string>{"project_id", "user_id", "timeout", "max_retries_interval",
                                      "max_retries", "action_id", "mandatory", "freezer_action"}));
  EXPECT_TRUE(item["mandatory"].IsFalse());
}

TEST_F(ActionsApi, ClientSuppliedIdIsHonouredAndReuseIsConflict) {
  auto body = std::string(R"({"action_id": "my-action-1", "freezer_action": {"action": "info"}})");
  EXPECT_EQ(create(body), "my-action-1");
  auto again = http_->post("/v2/p1/actions", body);
  EXPECT_EQ(again.status, 409);
  EXPECT_STREQ(parse(again.body)["description"].GetString(),
               "Action already registered with ID my-action-1");
  // Another project cannot take it either.
  EXPECT_EQ(http_->post("/v2/p2/actions", body).status, 409);
  // A deleted id stays taken.
  ASSERT_EQ(http_->del("/v2/p1/actions/my-action-1").status, 204);
  auto deleted = http_->post("/v2/p1/actions", body);
  EXPECT_EQ(deleted.status, 409);
  EXPECT_STREQ(parse(deleted.body)["description"].GetString(),
               "Document with the specified ID already exists.");
}

TEST_F(ActionsApi, ValidationFailuresAre400) {
  struct Case {
    const char* body;
    const char* expected;
  } cases[] = {
      {"{}", "Missing request body"},
      {"[1]", "must be a JSON object"},
      {R"({"max_retries": 1})", "'freezer_action' is a required property"},
      {R"({"freezer_action": {"action": "dance"}})", "is not one of"},
      {R"({"freezer_action": {"action": "backup", "mode": "tape"}})",
       "(field: freezer_action.mode)"},
      {R"({"freezer_action": "backup"})", "is not of type 'object'"},
      {R"({"freezer_action": {"mode": "fs"}})", "'action' is a required property"},
      {R"({"freezer_action": {"action": "backup"}, "max_retries": "3"})", "(field: max_retries)"},
      {R"({"freezer_action": {"action": "backup", "cindernative_freezer_only": "yes"}})",
       "(field: freezer_action.cindernative_freezer_only)"},
      {R"({"action_id": "bad id", "freezer_action": {"action": "backup"}})", "(field: action_id)"},
      {R"({"freezer_action": {"action": "backup", "container": 7}})",
       "(field: freezer_action.container)"},
  };
  for (const auto& c : cases) {
    auto r = http_->post("/v2/p1/actions", c.body);
    EXPECT_EQ(r.status, 400) << c.body;
    EXPECT_NE(r.body.find(c.expected), std::string::npos) << c.body << " -> " << r.body;
  }
  EXPECT_EQ(http_->post("/v2/p1/actions", "{nope").status, 753);
  EXPECT_EQ(parse(http_->get("/v2/p1/actions").body)["actions"].Size(), 0u);
}

TEST_F(ActionsApi, PatchMergesAndAnswersTheIdAsVersion) {
  auto id = create();
  auto r = http_->request(
      "PATCH", "/v2/p1/actions/" + id,
      R"({"freezer_action": {"backup_name": "renamed", "timeout": 30}, "max_retries": 9})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto answer = parse(r.body);
  EXPECT_STREQ(answer["action_id"].GetString(), id.c_str());
  EXPECT_STREQ(answer["version"].GetString(), id.c_str());
  auto doc = show(id);
  EXPECT_STREQ(doc["freezer_action"]["backup_name"].GetString(), "renamed");
  EXPECT_EQ(doc["freezer_action"]["timeout"].GetInt(), 30);
  EXPECT_EQ(doc["max_retries"].GetInt(), 9);
  // What the patch did not mention is kept (upstream reset it to null).
  EXPECT_EQ(doc["max_retries_interval"].GetInt(), 6);
  EXPECT_STREQ(doc["freezer_action"]["mode"].GetString(), "fs");
  EXPECT_TRUE(doc["freezer_action"]["no_incremental"].IsTrue());
}

TEST_F(ActionsApi, PatchErrors) {
  auto id = create();
  EXPECT_EQ(http_->request("PATCH", "/v2/p1/actions/missing", R"({"max_retries": 1})").status, 404);
  EXPECT_EQ(http_->request("PATCH", "/v2/p2/actions/" + id, R"({"max_retries": 1})").status, 404);
  EXPECT_EQ(http_->request("PATCH", "/v2/p1/actions/" + id, R"({"freezer_action": {"mode": "x"}})")
                .status,
            400);
  EXPECT_EQ(http_->request("PATCH", "/v2/p1/actions/" + id, R"([])").status, 400);
  EXPECT_EQ(http_->request("PATCH", "/v2/p1/actions/" + id, "{").status, 753);
  // user_id, action_id and project_id in a patch change nothing.
  ASSERT_EQ(
      http_->request("PATCH", "/v2/p1/actions/" + id, R"({"project_id": "p2", "action_id": "x"})")
          .status,
      200);
  EXPECT_EQ(http_->get("/v2/p1/actions/" + id).status, 200);
  EXPECT_EQ(http_->get("/v2/p2/actions/" + id).status, 404);
}

TEST_F(ActionsApi, PostToItemReplacesOrCreates) {
  auto id = create();
  auto r = http_->post("/v2/p1/actions/" + id,
                       R"({"freezer_action": {"action": "restore", "mode": "mysql"}})");
  EXPECT_EQ(r.status, 201);
  EXPECT_STREQ(parse(r.body)["version"].GetString(), id.c_str());
  auto doc = show(id);
  EXPECT_STREQ(doc["freezer_action"]["action"].GetString(), "restore");
  EXPECT_FALSE(doc["freezer_action"].HasMember("no_incremental"));  // replaced, not merged
  EXPECT_EQ(
      http_->post("/v2/p1/actions/new-one", R"({"freezer_action": {"action": "info"}})").status,
      201);
  EXPECT_EQ(http_->get("/v2/p1/actions/new-one").status, 200);
  // Another project's id, or a deleted one, is a conflict.
  EXPECT_EQ(http_->post("/v2/p2/actions/" + id, R"({"freezer_action": {"action": "info"}})").status,
            409);
  ASSERT_EQ(http_->del("/v2/p1/actions/new-one").status, 204);
  EXPECT_EQ(
      http_->post("/v2/p1/actions/new-one", R"({"freezer_action": {"action": "info"}})").status,
      409);
}

TEST_F(ActionsApi, DeleteIsAlways204AndOnlyTouchesTheProjectsOwnAction) {
  auto id = create();
  auto other = http_->del("/v2/p2/actions/" + id);
  EXPECT_EQ(other.status, 204);
  EXPECT_EQ(http_->get("/v2/p1/actions/" + id).status, 200);
  auto own = http_->del("/v2/p1/actions/" + id);
  EXPECT_EQ(own.status, 204);
  EXPECT_EQ(own.body, "");
  auto gone = http_->get("/v2/p1/actions/" + id);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.body, "");
  EXPECT_EQ(http_->del("/v2/p1/actions/" + id).status, 204);
}

TEST_F(ActionsApi, ListIsProjectScopedPagedAndSearchable) {
  for (int i = 0; i < 7; ++i)
    create(R"({"freezer_action": {"action": "backup", "backup_name": "n)" + std::to_string(i) +
           R"("}})");
  http_->post("/v2/p2/actions", R"({"freezer_action": {"action": "backup", "backup_name": "n1"}})");
  auto all = parse(http_->get("/v2/p1/actions/?limit=100").body);
  EXPECT_EQ(all["actions"].Size(), 7u);
  auto first = parse(http_->get("/v2/p1/actions/?limit=4").body);
  auto rest = parse(http_->get("/v2/p1/actions/?limit=4&offset=4").body);
  ASSERT_EQ(first["actions"].Size() + rest["actions"].Size(), 7u);
  EXPECT_TRUE(common::python_equal(rest["actions"][0], all["actions"][4]));
  auto found = parse(http_->get("/v2/p1/actions/", R"({"match": [{"backup_name": "n1"}]})").body);
  ASSERT_EQ(found["actions"].Size(), 1u);
  EXPECT_STREQ(found["actions"][0]["project_id"].GetString(), "p1");
  auto none = parse(http_->get("/v2/p3/actions/").body);
  EXPECT_EQ(none["actions"].Size(), 0u);
}

}  // namespace
}  // namespace freezer::testing
