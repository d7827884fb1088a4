// The clients resource through the real HTTP interface.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "common/json.h"
#include "tests/support/api_server.h"

namespace freezer::testing {
namespace {

class ClientsApi : public ::testing::Test {
 protected:
  ApiServer server_;
  std::unique_ptr<HttpClient> http_ = server_.client();

  HttpResult post_as(const std::string& project, const std::string& roles,
                     const std::string& body) {
    return http_->request(
        "POST", "/v2/" + project + "/clients/", body,
        {"X-Project-Id: " + project, "X-Roles: " + roles, "X-User-Id: u-" + project});
  }
  HttpResult register_client(const std::string& project, const std::string& client_id,
                             const std::string& extra = "") {
    return post_as(project, "member",
                   R"({"client_id": ")" + client_id + R"(", "hostname": "h-)" + client_id + "\"" +
                       extra + "}");
  }
  std::vector<std::string> listed_ids(const std::string& path, const std::string& body = "") {
    auto r = http_->get(path, body);
    EXPECT_EQ(r.status, 200) << r.body;
    auto doc = parse(r.body);
    std::vector<std::string> ids;
    for (const auto& c : doc["clients"].GetArray())
      ids.emplace_back(c["client"]["client_id"].GetString());
    return ids;
  }
};

TEST_F(ClientsApi, RegisterThenShowAndListInUpstreamShape) {
  auto created = register_client("p1", "node1", R"(, "description": "a test client")");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.body, R"({"client_id":"node1"})");

  auto shown = http_->get("/v2/p1/clients/node1");
  ASSERT_EQ(shown.status, 200);
  auto doc = parse(shown.body);
  EXPECT_STREQ(doc["project_id"].GetString(), "p1");
  EXPECT_STREQ(doc["user_id"].GetString(), "u-p1");
  const auto& client = doc["client"];
  EXPECT_STREQ(client["client_id"].GetString(), "node1");
  EXPECT_STREQ(client["hostname"].GetString(), "h-node1");
  EXPECT_STREQ(client["description"].GetString(), "a test client");
  EXPECT_FALSE(client["is_central"].GetBool());
  EXPECT_EQ(std::string(client["uuid"].GetString()).size(), 32u);
  EXPECT_EQ(client["supported_actions"].Size(), 5u);
  EXPECT_EQ(client["supported_modes"].Size(), 8u);
  EXPECT_EQ(client["supported_storages"].Size(), 6u);
  EXPECT_EQ(client["supported_engines"].Size(), 6u);

  auto listed = http_->get("/v2/p1/clients");
  auto list = parse(listed.body);
  ASSERT_EQ(list["clients"].Size(), 1u);
  EXPECT_TRUE(common::python_equal(list["clients"][0], doc));
}

TEST_F(ClientsApi, DeclaredCapabilitiesAreStoredAndReturned) {
  ASSERT_EQ(
      register_client(
          "p1", "cn",
          R"(, "supported_actions": ["backup"], "supported_modes": ["cindernative", "cindernative"], "supported_storages": [], "supported_engines": ["tar"])")
          .status,
      201);
  auto doc = parse(http_->get("/v2/p1/clients/cn").body);
  const auto& client = doc["client"];
  EXPECT_EQ(common::to_json(client["supported_actions"]), R"(["backup"])");
  EXPECT_EQ(common::to_json(client["supported_modes"]), R"(["cindernative"])");
  EXPECT_EQ(common::to_json(client["supported_storages"]), "[]");
  EXPECT_EQ(common::to_json(client["supported_engines"]), R"(["tar"])");
}

TEST_F(ClientsApi, MissingClientIs404WithEmptyBody) {
  auto r = http_->get("/v2/p1/clients/ghost");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(r.header("content-length"), "0");
}

TEST_F(ClientsApi, DeleteAnswers204WithoutBodyAndHidesTheClient) {
  ASSERT_EQ(register_client("p1", "node1").status, 201);
  auto r = http_->del("/v2/p1/clients/node1");
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.body, "");
  EXPECT_FALSE(r.has_header("content-type"));
  EXPECT_EQ(http_->get("/v2/p1/clients/node1").status, 404);
  EXPECT_TRUE(listed_ids("/v2/p1/clients/").empty());
  // Deleting what does not exist is still 204.
  EXPECT_EQ(http_->del("/v2/p1/clients/node1").status, 204);
}

TEST_F(ClientsApi, ReRegistrationFromSameProjectUpdatesDescriptionAndCapabilities) {
  ASSERT_EQ(register_client("p1", "node1", R"(, "description": "old")").status, 201);
  auto uuid =
      std::string(parse(http_->get("/v2/p1/clients/node1").body)["client"]["uuid"].GetString());
  auto again =
      register_client("p1", "node1", R"(, "description": "new", "supported_modes": ["fs"])");
  EXPECT_EQ(again.status, 201) << again.body;
  auto client = parse(http_->get("/v2/p1/clients/node1").body);
  EXPECT_STREQ(client["client"]["description"].GetString(), "new");
  EXPECT_EQ(common::to_json(client["client"]["supported_modes"]), R"(["fs"])");
  EXPECT_EQ(client["client"]["uuid"].GetString(), uuid);  // same registration
  EXPECT_EQ(listed_ids("/v2/p1/clients").size(), 1u);
  // Fields not sent keep their values.
  ASSERT_EQ(register_client("p1", "node1").status, 201);
  client = parse(http_->get("/v2/p1/clients/node1").body);
  EXPECT_STREQ(client["client"]["description"].GetString(), "new");
  EXPECT_EQ(common::to_json(client["client"]["supported_modes"]), R"(["fs"])");
}

TEST_F(ClientsApi, ClientIdOfAnotherProjectsCentralClientIsConflict) {
  ASSERT_EQ(post_as("p1", "admin", R"({"client_id": "node1", "hostname": "h", "is_central": true})")
                .status,
            201);
  auto r = register_client("p2", "node1");
  EXPECT_EQ(r.status, 409);
  auto doc = parse(r.body);
  EXPECT_STREQ(doc["title"].GetString(), "Document already existing");
  EXPECT_STREQ(doc["description"].GetString(),
               "Client node1 is already registered by another project");
  EXPECT_EQ(r.header("content-type"), "application/json");
  // A central registration with the same client_id and hostname from another project too.
  EXPECT_EQ(post_as("p3", "admin", R"({"client_id": "node1", "hostname": "h", "is_central": true})")
                .status,
            409);
}

TEST_F(ClientsApi, NonCentralClientIdsAreScopedToTheirProject) {
  // As upstream: the lookup covers the caller's project and central clients only.
  ASSERT_EQ(register_client("p1", "node1", R"(, "description": "one")").status, 201);
  ASSERT_EQ(register_client("p2", "node1", R"(, "description": "two")").status, 201);
  EXPECT_STREQ(parse(http_->get("/v2/p1/clients/node1").body)["client"]["description"].GetString(),
               "one");
  EXPECT_STREQ(parse(http_->get("/v2/p2/clients/node1").body)["client"]["description"].GetString(),
               "two");
}

TEST_F(ClientsApi, ReusingTheUuidOfADeletedClientIsConflict) {
  ASSERT_EQ(
      register_client("p1", "node1", R"(, "uuid": "0123456789abcdef0123456789abcdef")").status,
      201);
  ASSERT_EQ(http_->del("/v2/p1/clients/node1").status, 204);
  auto r = register_client("p1", "node2", R"(, "uuid": "0123456789abcdef0123456789abcdef")");
  EXPECT_EQ(r.status, 409);
  EXPECT_STREQ(parse(r.body)["description"].GetString(),
               "Document with the specified ID already exists.");
}

TEST_F(ClientsApi, CentralClientNeedsAdminOrServiceRole) {
  const std::string central =
      R"({"client_id": "sched", "hostname": "sched.host", "is_central": true})";
  auto member = post_as("p1", "member,reader", central);
  EXPECT_EQ(member.status, 403);
  EXPECT_STREQ(parse(member.body)["title"].GetString(), "Access Forbidden");
  EXPECT_EQ(post_as("p1", "admin,member", central).status, 201);
  // clients:create then clients:create_central: a scheduler needs admin, or member + service.
  EXPECT_EQ(
      post_as("p3", "member,service", R"({"client_id": "sched2", "is_central": true})").status,
      201);
  EXPECT_EQ(post_as("p3", "service", R"({"client_id": "sched3", "is_central": true})").status, 403);
}

TEST_F(ClientsApi, CentralClientIsVisibleToEveryProjectButOnlyItsOwnerDeletes) {
  ASSERT_EQ(post_as("admin-p", "admin",
                    R"({"client_id": "sched", "hostname": "sched.host", "is_central": true})")
                .status,
            201);
  ASSERT_EQ(register_client("p1", "local").status, 201);
  auto ids = listed_ids("/v2/p1/clients");
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"local", "sched"}));
  auto shown = http_->get("/v2/p1/clients/sched");
  ASSERT_EQ(shown.status, 200);
  auto doc = parse(shown.body);
  EXPECT_STREQ(doc["project_id"].GetString(), "admin-p");
  EXPECT_TRUE(doc["client"]["is_central"].GetBool());
  // Another project may neither take the client_id nor delete it.
  EXPECT_EQ(register_client("p1", "sched").status, 409);
  auto denied = http_->del("/v2/p1/clients/sched");
  EXPECT_EQ(denied.status, 403);
  EXPECT_EQ(http_->get("/v2/p2/clients/sched").status, 200);
  EXPECT_EQ(http_->del("/v2/admin-p/clients/sched").status, 204);
  EXPECT_EQ(http_->get("/v2/p2/clients/sched").status, 404);
}

TEST_F(ClientsApi, SchemaViolationsAnswer400NamingTheField) {
  struct Case {
    std::string body;
    std::string expected;
  } cases[] = {
      {R"({"client_id": "bad%project$id_host.domain.tld"})", "(field: client.client_id)"},
      {R"({"client_id": "a_bad_hostname.bad/domain.b"})", "(field: client.client_id)"},
      {R"({"client_id": "x$"})", "does not match"},
      {R"({"hostname": "h"})", "'client_id' is a required property (field: client.client_id)"},
      {R"({"client_id": 12})", "12 is not of type 'string' (field: client.client_id)"},
      {R"({"client_id": "n", "supported_modes": ["fs", "floppy"]})",
       "'floppy' is not one of ['fs', 'mongo', 'mysql', 'sqlserver', 'cinder', 'glance', "
       "'cindernative', 'nova'] (field: client.supported_modes.1)"},
      {R"({"client_id": "n", "supported_engines": "tar"})", "(field: client.supported_engines)"},
      {R"({"client_id": "n", "description": null})",
       "None is not of type 'string' (field: client.description)"},
      {R"({"client_id": "n", "is_central": "yes"})", "(field: client.is_central)"},
      {R"({"client_id": "n", "description": ")" + std::string(256, 'd') + "\"}",
       "is too long (field: client.description)"},
      {R"({"client_id": "n", "hostname": ")" + std::string(129, 'h') + "\"}",
       "is too long (field: client.hostname)"},
      {R"({"client_id": ")" + std::string(256, 'c') + "\"}", "(field: client.client_id)"},
      {R"({"client_id": "n", "uuid": ")" + std::string(37, 'u') + "\"}",
       "is too long (field: client.uuid)"},
  };
  for (const auto& c : cases) {
    auto r = post_as("p1", "admin", c.body);
    EXPECT_EQ(r.status, 400) << c.body;
    auto doc = parse(r.body);
    EXPECT_STREQ(doc["title"].GetString(), "Bad request format");
    EXPECT_NE(std::string(doc["description"].GetString()).find(c.expected), std::string::npos)
        << doc["description"].GetString();
  }
  EXPECT_TRUE(listed_ids("/v2/p1/clients").empty());
}

TEST_F(ClientsApi, AcceptsTheClientIdsUpstreamAccepts) {
  for (const auto& id :
       {"padawan-ccp-c1-m1-mgmt", "01b0f00a-4ce2-11e6-beb8-9e71128cae77_myhost.mydomain.mytld",
        "p_node1.example.org"})
    EXPECT_EQ(register_client("p1", id).status, 201) << id;
  // The hostname pattern is unanchored upstream: underscores pass.
  EXPECT_EQ(
      post_as("p1", "member", R"({"client_id": "cli", "hostname": "test-hostname_19544"})").status,
      201);
}

TEST_F(ClientsApi, MissingOrOddBodiesAre400) {
  for (const auto& body : {"", "{}", "null", "[]"}) {
    auto r = post_as("p1", "member", body);
    EXPECT_EQ(r.status, 400) << "body: " << body;
    EXPECT_STREQ(parse(r.body)["description"].GetString(), "Missing request body");
  }
  auto r = post_as("p1", "member", "[1]");
  EXPECT_EQ(r.status, 400);
  r = post_as("p1", "member", "\"text\"");
  EXPECT_EQ(r.status, 400);
}

TEST_F(ClientsApi, MalformedJsonIs753) {
  for (const auto& body : {"{bad", "{\"client_id\": \"x\"} trailing", "\xff\xfe"}) {
    auto r = post_as("p1", "member", body);
    EXPECT_EQ(r.status, 753);
    EXPECT_EQ(r.body, R"({"title":"Malformed JSON"})");
  }
}

TEST_F(ClientsApi, PostWithoutContentTypeOrAcceptIsJson) {
  auto r = http_->request("POST", "/v2/p1/clients", R"({"client_id": "bare"})",
                          {"Content-Type:", "Accept:"});
  EXPECT_EQ(r.status, 201) << r.body;
}

class ClientsPaging : public ClientsApi {
 protected:
  void SetUp() override {
    for (int i = 0; i < 13; ++i)
      ASSERT_EQ(register_client("p1", "node" + std::to_string(i)).status, 201);
    ASSERT_EQ(register_client("p2", "other").status, 201);
  }
};

TEST_F(ClientsPaging, DefaultLimitIsTenAndZeroMeansDefault) {
  EXPECT_EQ(listed_ids("/v2/p1/clients/").size(), 10u);
  EXPECT_EQ(listed_ids("/v2/p1/clients/?limit=0").size(), 10u);
  EXPECT_EQ(listed_ids("/v2/p1/clients/?limit=").size(), 10u);
  EXPECT_EQ(listed_ids("/v2/p1/clients/?limit=100").size(), 13u);
}

TEST_F(ClientsPaging, PagesAreStableAndAddUpToTheWholeList) {
  auto all = listed_ids("/v2/p1/clients/?limit=100");
  auto first = listed_ids("/v2/p1/clients/?limit=5");
  auto second = listed_ids("/v2/p1/clients/?limit=3&offset=5");
  auto rest = listed_ids("/v2/p1/clients/?limit=100&offset=8");
  std::vector<std::string> joined = first;
  joined.insert(joined.end(), second.begin(), second.end());
  joined.insert(joined.end(), rest.begin(), rest.end());
  EXPECT_EQ(joined, all);
  EXPECT_EQ(listed_ids("/v2/p1/clients/?limit=5"), first);  // same answer twice
  EXPECT_TRUE(listed_ids("/v2/p1/clients/?offset=50").empty());
}

TEST_F(ClientsPaging, MarkerContinuesAfterTheLastUuidSeen) {
  auto r = http_->get("/v2/p1/clients/?limit=100");
  auto all = parse(r.body);
  auto page = parse(http_->get("/v2/p1/clients/?limit=4").body);
  std::string marker = page["clients"][3]["client"]["uuid"].GetString();
  auto next = parse(http_->get("/v2/p1/clients/?limit=4&marker=" + marker).body);
  ASSERT_EQ(next["clients"].Size(), 4u);
  EXPECT_TRUE(common::python_equal(next["clients"][0], all["clients"][4]));
}

TEST_F(ClientsPaging, BadPagingParametersAre400) {
  for (const auto& q : {"limit=abc", "limit=-1", "offset=x", "offset=-2", "limit=1.5"}) {
    auto r = http_->get(std::string("/v2/p1/clients/?") + q);
    EXPECT_EQ(r.status, 400) << q;
    EXPECT_STREQ(parse(r.body)["title"].GetString(), "Invalid parameter");
  }
  // Python int() spellings are accepted, and the last of several values wins.
  EXPECT_EQ(listed_ids("/v2/p1/clients/?limit=%2B3").size(), 3u);
  EXPECT_EQ(listed_ids("/v2/p1/clients/?limit=1_1").size(), 11u);
  EXPECT_EQ(listed_ids("/v2/p1/clients/?limit=1,2").size(), 2u);
}

TEST_F(ClientsPaging, SearchDocumentInGetBodyFilters) {
  EXPECT_EQ(listed_ids("/v2/p1/clients/", R"({"match": [{"client_id": "node3"}]})"),
            std::vector<std::string>{"node3"});
  EXPECT_EQ(
      listed_ids("/v2/p1/clients/?limit=100", R"({"match_not": [{"client_id": "node3"}]})").size(),
      12u);
  EXPECT_EQ(listed_ids("/v2/p1/clients/",
                       R"({"match": [{"hostname": "h-node4"}, {"project_id": "p1"}]})"),
            std::vector<std::string>{"node4"});
  // The CLI's --search form.
  EXPECT_EQ(
      listed_ids("/v2/p1/clients/", R"({"match": [{"_all": "[{\"client_id\": \"node5\"}]"}]})"),
      std::vector<std::string>{"node5"});
  // offset and limit count matching records.
  auto matching = R"({"match": [{"is_central": false}], "match_not": [{"client_id": "node0"}]})";
  EXPECT_EQ(listed_ids("/v2/p1/clients/?limit=5&offset=10", matching).size(), 2u);
  EXPECT_TRUE(listed_ids("/v2/p1/clients/", R"({"match": [{"client_id": "other"}]})").empty());
}

TEST_F(ClientsPaging, InvalidSearchDocumentIs400) {
  auto r = http_->get("/v2/p1/clients/", R"({"match": "node1"})");
  EXPECT_EQ(r.status, 400);
  r = http_->get("/v2/p1/clients/", R"([1, 2])");
  EXPECT_EQ(r.status, 400);
}

}  // namespace
}  // namespace freezer::testing
