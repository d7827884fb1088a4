#include "freezer_api/workflows/session_flow.h"

#include <gtest/gtest.h>

#include "common/json.h"
#include "freezer_api/errors.h"

namespace freezer::api {
namespace {

rapidjson::Document jobs_with(std::initializer_list<const char*> ids) {
  rapidjson::Document jobs(rapidjson::kObjectType);
  for (const char* id : ids)
    jobs.AddMember(rapidjson::StringRef(id), rapidjson::Value(rapidjson::kObjectType),
                   jobs.GetAllocator());
  return jobs;
}

db::SessionRecord session(long long tag, long long time_start, long long hold_off) {
  db::SessionRecord s;
  s.session_tag = tag;
  s.time_start = time_start;
  s.hold_off = hold_off;
  s.status = "active";
  return s;
}

TEST(SessionFlow, StartAfterHoldOffWithTheCurrentTagOpensANewRun) {
  auto s = session(2, 100, 30);
  auto jobs = jobs_with({"j"});
  auto step = start_session_job(s, jobs, "j", 2, 200);
  EXPECT_EQ(step.result, "success");
  EXPECT_EQ(step.session_tag, 3);
  EXPECT_EQ(s.time_start, 200);
  EXPECT_EQ(s.status, "running");
  EXPECT_STREQ(jobs["j"]["status"].GetString(), "running");
  EXPECT_EQ(jobs["j"]["time_started"].GetInt64(), 200);
}

TEST(SessionFlow, StartAfterHoldOffWithAnOldTagIsOutOfSync) {
  auto s = session(2, 100, 30);
  auto jobs = jobs_with({"j"});
  auto step = start_session_job(s, jobs, "j", 1, 200);
  EXPECT_EQ(step.result, "out-of-sync");
  EXPECT_FALSE(step.changed);
  EXPECT_EQ(s.session_tag, 2);
}

TEST(SessionFlow, WithinHoldOff) {
  auto s = session(2, 100, 30);
  auto jobs = jobs_with({"j"});
  EXPECT_EQ(start_session_job(s, jobs, "j", 2, 130).result, "hold-off");
  auto step = start_session_job(s, jobs, "j", 1, 130);
  EXPECT_EQ(step.result, "success");
  EXPECT_EQ(step.session_tag, 2);
}

TEST(SessionFlow, TagAheadOrUnknownJobIs400) {
  auto s = session(0, -1, 30);
  auto jobs = jobs_with({"j"});
  EXPECT_THROW(start_session_job(s, jobs, "j", 1, 100), ApiError);
  EXPECT_THROW(start_session_job(s, jobs, "other", 0, 100), ApiError);
  rapidjson::Value result("success");
  EXPECT_THROW(end_session_job(s, jobs, "other", result, 100), ApiError);
}

TEST(SessionFlow, EndCompletesTheSessionOnceEveryJobHas) {
  auto s = session(1, 100, 30);
  auto jobs = jobs_with({"a", "b"});
  rapidjson::Value ok("success");
  end_session_job(s, jobs, "a", ok, 150);
  EXPECT_EQ(s.status, "active");
  end_session_job(s, jobs, "b", ok, 160);
  EXPECT_EQ(s.status, "completed");
  EXPECT_EQ(s.result, "success");
  EXPECT_EQ(s.time_end, 160);
  EXPECT_EQ(jobs["b"]["time_ended"].GetInt64(), 160);
}

}  // namespace
}  // namespace freezer::api
