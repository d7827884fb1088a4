// A job's life exactly as python-freezerclient drives it: trailing slashes on collections,
// JSON headers, search documents in GET bodies, POST to the item URL when the document has
// a job_id, events expecting 202.
#include <gtest/gtest.h>

#include "common/json.h"
#include "tests/support/api_server.h"

namespace freezer::testing {
namespace {

const std::vector<std::string> kHeaders = {"Content-Type: application/json",
                                           "Accept: application/json",
                                           "X-Auth-Token: ignored-in-noauth",
                                           "X-User-Id: u1",
                                           "X-Project-Id: 752d8bd43d654e7a840bbfda77ce41af",
                                           "X-Roles: member,reader"};
const std::string kBase = "/v2/752d8bd43d654e7a840bbfda77ce41af";

TEST(FreezerclientFlow, JobLifecycle) {
  ApiServer server;
  auto http = server.client();
  auto call = [&](const std::string& method, const std::string& path,
                  const std::string& body = "") {
    return http->request(method, kBase + path, body, kHeaders);
  };

  // client-register
  ASSERT_EQ(
      call(
          "POST", "/clients/",
          R"({"client_id": "752d8bd43d654e7a840bbfda77ce41af_node1", "hostname": "node1", "description": "CLI test client"})")
          .status,
      201);
  // job-create --file job.json --client node1: the CLI fills client_id as <project>_<hostname>.
  auto created = call("POST", "/jobs/", R"({"description": "nightly fs backup of /etc",
      "job_schedule": {"schedule_interval": "1 days", "schedule_start_date": "2030-01-01T00:00:00"},
      "job_actions": [{"freezer_action": {"action": "backup", "mode": "fs", "path_to_backup": "/etc/hostname",
        "backup_name": "etc-backup", "container": "/tmp/freezer-backups", "storage": "local"},
        "max_retries": 3, "max_retries_interval": 60}],
      "client_id": "752d8bd43d654e7a840bbfda77ce41af_node1"})");
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = parse(created.body)["job_id"].GetString();

  // job-list (list_all with a search body; list with a client_id match)
  auto listed = call("GET", "/jobs/?limit=10&offset=0", R"({"match": []})");
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(parse(listed.body)["jobs"].Size(), 1u);
  auto by_client = call("GET", "/jobs/?limit=10&offset=0",
                        R"({"match": [{"client_id": "752d8bd43d654e7a840bbfda77ce41af_node1"}]})");
  EXPECT_EQ(parse(by_client.body)["jobs"].Size(), 1u);

  // job-show
  auto shown = call("GET", "/jobs/" + id);
  ASSERT_EQ(shown.status, 200);
  auto job = parse(shown.body);
  EXPECT_STREQ(job["job_schedule"]["schedule_start_date"].GetString(), "2030-01-01T00:00:00");
  EXPECT_STREQ(job["job_actions"][0]["freezer_action"]["path_to_backup"].GetString(),
               "/etc/hostname");

  // job-update: PATCH, reads `version`
  auto updated = call("PATCH", "/jobs/" + id, R"({"description": "updated"})");
  ASSERT_EQ(updated.status, 200);
  EXPECT_TRUE(parse(updated.body).HasMember("version"));

  // job-start / job-stop: 202 with a result
  auto started = call("POST", "/jobs/" + id + "/event", R"({"start": null})");
  EXPECT_EQ(started.status, 202);
  EXPECT_STREQ(parse(started.body)["result"].GetString(), "success");
  EXPECT_EQ(call("POST", "/jobs/" + id + "/event", R"({"stop": null})").status, 202);

  // jobs.create(doc) with the job_id in it: POST to the item URL replaces the job.
  job["description"].SetString("replaced");
  job.RemoveMember("project_id");
  auto replaced = call("POST", "/jobs/" + id, common::to_json(job));
  ASSERT_EQ(replaced.status, 201) << replaced.body;
  EXPECT_STREQ(parse(replaced.body)["job_id"].GetString(), id.c_str());
  EXPECT_STREQ(parse(call("GET", "/jobs/" + id).body)["description"].GetString(), "replaced");

  // job-delete, then job-show maps the empty 404 to "not found"
  auto deleted = call("DELETE", "/jobs/" + id);
  EXPECT_EQ(deleted.status, 204);
  EXPECT_EQ(deleted.body, "");
  auto missing = call("GET", "/jobs/" + id);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body, "");
  EXPECT_EQ(parse(call("GET", "/jobs/?limit=10&offset=0", "{}").body)["jobs"].Size(), 0u);
}

}  // namespace
}  // namespace freezer::testing
