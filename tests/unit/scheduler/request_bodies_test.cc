// The bodies the scheduler sends: whatever an id holds, the body is JSON and says it back.
#include "freezer_scheduler/api/request_bodies.h"

#include <gtest/gtest.h>

#include "common/json.h"
#include "freezer_scheduler/run/cinder_client.h"

namespace freezer::scheduler {
namespace {

// Quotes, a backslash, a control character and non-ASCII text: all need escaping or care.
const std::string kAwkwardId = "job \"one\" \\ two\n\t\xc3\xa9";

rapidjson::Document parsed(const std::string& body) {
  rapidjson::Document d;
  EXPECT_TRUE(common::parse_json(body, d)) << body;
  return d;
}

TEST(RequestBodies, SessionStartCarriesTheIdAndTag) {
  auto d = parsed(session_start_body(kAwkwardId, 41));
  ASSERT_TRUE(d.HasMember("start"));
  EXPECT_EQ(common::string_member(d["start"], "job_id"), kAwkwardId);
  EXPECT_EQ(common::int_member(d["start"], "current_tag"), 41);
  EXPECT_EQ(d["start"].MemberCount(), 2u);
}

TEST(RequestBodies, SessionEndCarriesTheResultAsTheApiSpellsIt) {
  auto d = parsed(session_end_body(kAwkwardId, 7, RunResult::aborted));
  ASSERT_TRUE(d.HasMember("end"));
  EXPECT_EQ(common::string_member(d["end"], "job_id"), kAwkwardId);
  EXPECT_EQ(common::int_member(d["end"], "current_tag"), 7);
  EXPECT_EQ(common::string_member(d["end"], "result"), "aborted");
  EXPECT_EQ(
      common::string_member(parsed(session_end_body("j", 0, RunResult::success))["end"], "result"),
      "success");
}

TEST(RequestBodies, RegistrationIsAFlatClientDocument) {
  CapabilityOptions capabilities{{"backup"}, {"fs", "my\"sql"}, {"local"}, {}};
  auto d = parsed(client_registration_body(kAwkwardId, "host\\1", capabilities, true));
  EXPECT_EQ(common::string_member(d, "client_id"), kAwkwardId);
  EXPECT_EQ(common::string_member(d, "hostname"), "host\\1");
  EXPECT_EQ(common::to_json(d["supported_modes"]), R"(["fs","my\"sql"])");
  EXPECT_EQ(common::to_json(d["supported_engines"]), "[]");
  EXPECT_TRUE(d["is_central"].GetBool());
}

TEST(RequestBodies, TheJobSearchMatchesTheClientAndLeavesCompletedJobsOut) {
  auto d = parsed(job_search_body(kAwkwardId));
  EXPECT_EQ(common::string_member(d["match"][0], "client_id"), kAwkwardId);
  EXPECT_EQ(common::to_json(d["match_not"]), R"([{"status":"completed"}])");
}

TEST(CinderBodies, ABackupRequestCarriesNamesAndTagsIntact) {
  BackupRequest r;
  r.volume_id = "vol\"1";
  r.name = kAwkwardId;
  r.description = "for \\ volume";
  r.container = "freezer_{project}";
  r.availability_zone = "nova";
  r.metadata = {{"freezer_job_id", kAwkwardId}, {"freezer_run", "2026-01-01T00:00:00/a1"}};
  auto d = parsed(cinder_backup_body(r, "3.64"));
  const auto& b = d["backup"];
  EXPECT_EQ(common::string_member(b, "volume_id"), "vol\"1");
  EXPECT_EQ(common::string_member(b, "name"), kAwkwardId);
  EXPECT_EQ(common::string_member(b, "description"), "for \\ volume");
  EXPECT_EQ(common::string_member(b["metadata"], "freezer_job_id"), kAwkwardId);
  EXPECT_EQ(common::string_member(b, "availability_zone"), "nova");
  EXPECT_TRUE(b["force"].GetBool());
  EXPECT_FALSE(b["incremental"].GetBool());
  EXPECT_FALSE(b.HasMember("snapshot_id"));
  // Older servers get neither the zone (3.51) nor metadata (3.43).
  auto old = parsed(cinder_backup_body(r, "3.40"));
  EXPECT_FALSE(old["backup"].HasMember("metadata"));
  EXPECT_FALSE(old["backup"].HasMember("availability_zone"));
}

TEST(CinderBodies, RestoreAndSnapshotBodies) {
  auto onto = parsed(cinder_restore_body("vol\"1", "ignored"));
  EXPECT_EQ(common::string_member(onto["restore"], "volume_id"), "vol\"1");
  EXPECT_FALSE(onto["restore"].HasMember("name"));
  auto fresh = parsed(cinder_restore_body("", kAwkwardId));
  EXPECT_EQ(common::string_member(fresh["restore"], "name"), kAwkwardId);
  auto snapshot = parsed(cinder_snapshot_body("vol\"1", kAwkwardId));
  EXPECT_EQ(common::string_member(snapshot["snapshot"], "volume_id"), "vol\"1");
  EXPECT_EQ(common::string_member(snapshot["snapshot"], "name"), kAwkwardId);
  EXPECT_TRUE(snapshot["snapshot"]["force"].GetBool());
}

}  // namespace
}  // namespace freezer::scheduler
