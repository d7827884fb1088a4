// Which Cinder backups retention deletes (whole chains, dependants first), and the naming
// templates of cindernative backups.
#include "freezer_scheduler/run/retention.h"

#include <gtest/gtest.h>

#include "freezer_scheduler/run/cinder_native.h"
#include "freezer_scheduler/schedule/civil_time.h"

namespace freezer::scheduler {
namespace {

using namespace std::chrono_literals;

CinderBackup backup(const std::string& id, bool incremental, const std::string& created,
                    const std::string& status = "available", bool freezer = true) {
  CinderBackup b;
  b.id = id;
  b.is_incremental = incremental;
  b.created_at = created + ".000000";
  b.status = status;
  if (freezer) b.metadata["created_by"] = "freezer";
  return b;
}

std::chrono::system_clock::time_point utc_time(const std::string& iso) {
  return std::chrono::system_clock::time_point(*parse_iso_datetime(iso));
}

// Three chains: f1 <- i1 <- i2, f2 <- i3, f3.
std::vector<CinderBackup> three_chains() {
  return {backup("f1", false, "2026-01-01T00:00:00"), backup("i1", true, "2026-01-02T00:00:00"),
          backup("i2", true, "2026-01-03T00:00:00"),  backup("f2", false, "2026-01-08T00:00:00"),
          backup("i3", true, "2026-01-09T00:00:00"),  backup("f3", false, "2026-01-15T00:00:00")};
}

TEST(Retention, RotationKeepsTheNewestChainsAndDeletesDependantsFirst) {
  RetentionPolicy keep_two;
  keep_two.keep_chains = 2;
  EXPECT_EQ(plan_retention(three_chains(), keep_two).delete_order,
            (std::vector<std::string>{"i2", "i1", "f1"}));
  RetentionPolicy keep_one;
  keep_one.keep_chains = 1;
  EXPECT_EQ(plan_retention(three_chains(), keep_one).delete_order,
            (std::vector<std::string>{"i2", "i1", "f1", "i3", "f2"}));
  RetentionPolicy keep_five;
  keep_five.keep_chains = 5;
  EXPECT_TRUE(plan_retention(three_chains(), keep_five).delete_order.empty());
}

TEST(Retention, AgeDeletesOnlyChainsWhoseNewestBackupIsOlder) {
  RetentionPolicy policy;
  policy.older_than = utc_time("2026-01-08T12:00:00");  // f2's chain ends with i3, on the 9th
  EXPECT_EQ(plan_retention(three_chains(), policy).delete_order,
            (std::vector<std::string>{"i2", "i1", "f1"}));
  policy.older_than = utc_time("2026-01-10T00:00:00");
  EXPECT_EQ(plan_retention(three_chains(), policy).delete_order,
            (std::vector<std::string>{"i2", "i1", "f1", "i3", "f2"}));
}

TEST(Retention, BusyChainsAreKeptForLater) {
  auto backups = three_chains();
  backups[1].status = "restoring";
  RetentionPolicy policy;
  policy.keep_chains = 1;
  auto plan = plan_retention(backups, policy);
  EXPECT_EQ(plan.delete_order, (std::vector<std::string>{"i3", "f2"}));
  EXPECT_EQ(plan.kept_busy, std::vector<std::string>{"f1"});
}

TEST(Retention, ChainsFreezerDidNotMakeAreNeitherCountedNorDeleted) {
  std::vector<CinderBackup> backups{
      backup("manual", false, "2025-12-01T00:00:00", "available", false),
      backup("f1", false, "2026-01-01T00:00:00"), backup("f2", false, "2026-01-08T00:00:00")};
  RetentionPolicy policy;
  policy.keep_chains = 1;
  EXPECT_EQ(plan_retention(backups, policy).delete_order, std::vector<std::string>{"f1"});
  // Without freezer_only, every chain counts and may go.
  policy.freezer_only = false;
  EXPECT_EQ(plan_retention(backups, policy).delete_order,
            (std::vector<std::string>{"manual", "f1"}));
  // A foreign incremental hanging on a Freezer chain keeps that chain.
  std::vector<CinderBackup> mixed{backup("f1", false, "2026-01-01T00:00:00"),
                                  backup("hand", true, "2026-01-02T00:00:00", "available", false),
                                  backup("f2", false, "2026-01-08T00:00:00")};
  policy.freezer_only = true;
  auto plan = plan_retention(mixed, policy);
  EXPECT_TRUE(plan.delete_order.empty());
  EXPECT_EQ(plan.kept_foreign, std::vector<std::string>{"f1"});
}

TEST(Retention, UpstreamsDescriptionMarksFreezersBackups) {
  CinderBackup b;
  b.description = "Backup created by Freezer for volume v1";
  EXPECT_TRUE(made_by_freezer(b));
  b.description = "nightly by hand";
  EXPECT_FALSE(made_by_freezer(b));
}

TEST(CinderNative, NameTemplatesAsUpstreamFormatsThem) {
  std::map<std::string, std::string> fields{
      {"mode", "cindernative"}, {"resource_id", "v1"}, {"project_id", "p1"}};
  EXPECT_EQ(format_template("freezer_{mode}_{resource_id}", fields), "freezer_cindernative_v1");
  EXPECT_EQ(format_template("{project_id}-{{literal}}", fields), "p1-{literal}");
  EXPECT_EQ(format_template("{unknown}", fields), std::nullopt);
  EXPECT_EQ(format_template("{mode", fields), std::nullopt);
  EXPECT_EQ(format_template("plain", fields), "plain");
}

TEST(CinderNative, MicroversionsCompare) {
  EXPECT_EQ(parse_microversion("3.64"), (std::pair<int, int>{3, 64}));
  EXPECT_LT(*parse_microversion("3.9"), *parse_microversion("3.64"));
  EXPECT_EQ(parse_microversion("3"), std::nullopt);
  EXPECT_EQ(parse_microversion("3.x"), std::nullopt);
}

}  // namespace
}  // namespace freezer::scheduler
