// The Enforcer: defaults, operator overrides and reloading a changed policy file.
#include "policy/enforcer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>
#include <vector>

#include "tests/unit/policy/policy_test_support.h"

namespace freezer::policy {
namespace {

using namespace std::chrono_literals;
using test_support::CapturedLogs;
using test_support::ScratchDir;
using test_support::url_project_p;

EnforcerOptions options_for(const ScratchDir& dir, const std::string& policy_file,
                            std::chrono::milliseconds interval = 0ms) {
  return EnforcerOptions{policy_file, dir.path().string(), interval};
}

Credentials auditor_of_p() { return test_support::caller({"auditor"}, test_support::kProjectP); }

TEST(PolicyEnforcer, MissingPolicyFileMeansDefaults) {
  ScratchDir dir;
  const Enforcer enforcer(options_for(dir, "policy.yaml"));
  EXPECT_TRUE(enforcer.allowed("jobs:get_all", url_project_p(), test_support::reader_of_p()));
  EXPECT_FALSE(enforcer.allowed("jobs:create", url_project_p(), test_support::reader_of_p()));
}

TEST(PolicyEnforcer, NoPolicyFileOptionMeansDefaults) {
  const Enforcer enforcer(EnforcerOptions{});
  EXPECT_TRUE(enforcer.has_rule("jobs:get_all"));
  EXPECT_TRUE(enforcer.allowed("jobs:create", url_project_p(), test_support::member_of_p()));
}

TEST(PolicyEnforcer, HasRuleForEveryDefaultOnly) {
  const Enforcer enforcer(EnforcerOptions{});
  EXPECT_TRUE(enforcer.has_rule("context_is_admin"));
  EXPECT_TRUE(enforcer.has_rule("jobs:get_credentials"));
  EXPECT_FALSE(enforcer.has_rule("jobs:frobnicate"));
}

TEST(PolicyEnforcer, UnknownRuleNameThrowsNamingIt) {
  const Enforcer enforcer(EnforcerOptions{});
  try {
    enforcer.allowed("jobs:frobnicate", url_project_p(), test_support::admin_of_q());
    FAIL() << "an unknown rule was evaluated";
  } catch (const PolicyError& e) {
    EXPECT_NE(std::string(e.what()).find("jobs:frobnicate"), std::string::npos) << e.what();
  }
}

TEST(PolicyEnforcer, YamlFileOverridesADefault) {
  ScratchDir dir;
  dir.write("policy.yaml", "\"jobs:get_all\": \"role:auditor and project_id:%(project_id)s\"\n");
  const Enforcer enforcer(options_for(dir, "policy.yaml"));
  EXPECT_TRUE(enforcer.allowed("jobs:get_all", url_project_p(), auditor_of_p()));
  EXPECT_FALSE(enforcer.allowed("jobs:get_all", url_project_p(), test_support::reader_of_p()));
  // Rules the file does not mention keep their defaults.
  EXPECT_TRUE(enforcer.allowed("jobs:get", url_project_p(), test_support::reader_of_p()));
}

TEST(PolicyEnforcer, JsonFileOverridesADefault) {
  ScratchDir dir;
  dir.write("policy.json", "{\"backups:create\": \"role:admin\"}");
  const Enforcer enforcer(options_for(dir, "policy.json"));
  EXPECT_FALSE(enforcer.allowed("backups:create", url_project_p(), test_support::service_of_q()));
  EXPECT_FALSE(enforcer.allowed("backups:create", url_project_p(), test_support::member_of_p()));
  EXPECT_TRUE(enforcer.allowed("backups:create", url_project_p(), test_support::admin_of_q()));
}

TEST(PolicyEnforcer, OverridingABaseRuleChangesEveryRuleUsingIt) {
  ScratchDir dir;
  dir.write("policy.yaml", "\"project_member\": \"!\"\n");
  const Enforcer enforcer(options_for(dir, "policy.yaml"));
  EXPECT_FALSE(enforcer.allowed("actions:create", url_project_p(), test_support::member_of_p()));
  EXPECT_FALSE(enforcer.allowed("jobs:create", url_project_p(), test_support::member_of_p()));
  EXPECT_TRUE(enforcer.allowed("jobs:create", url_project_p(), test_support::admin_of_q()));
}

TEST(PolicyEnforcer, FileCanAddRules) {
  ScratchDir dir;
  dir.write("policy.yaml", "\"custom:audit\": \"role:auditor\"\n");
  const Enforcer enforcer(options_for(dir, "policy.yaml"));
  EXPECT_TRUE(enforcer.has_rule("custom:audit"));
  EXPECT_TRUE(enforcer.allowed("custom:audit", {}, auditor_of_p()));
}

TEST(PolicyEnforcer, AbsolutePolicyFileIgnoresConfigDir) {
  ScratchDir dir;
  const auto file = dir.write("elsewhere.yaml", "\"jobs:get_all\": \"!\"\n");
  const Enforcer enforcer(EnforcerOptions{file.string(), "/nonexistent", 0ms});
  EXPECT_FALSE(enforcer.allowed("jobs:get_all", url_project_p(), test_support::admin_of_q()));
}

TEST(PolicyEnforcer, PolicyDirsOverrideThePolicyFileInNameOrderAndReload) {
  ScratchDir dir;
  std::filesystem::create_directories(dir.path() / "policy.d");
  std::filesystem::create_directories(dir.path() / "extra.d");
  dir.write("policy.yaml", "\"jobs:get_all\": \"role:auditor\"\n\"jobs:get\": \"!\"\n");
  dir.write("policy.d/20-last.yaml", "\"jobs:get_all\": \"role:reader\"\n");
  dir.write("policy.d/10-first.yaml", "\"jobs:get_all\": \"!\"\n\"jobs:create\": \"!\"\n");
  dir.write("extra.d/x.json", "{\"jobs:create\": \"role:auditor\"}");
  auto options = options_for(dir, "policy.yaml");
  options.policy_dirs = {"policy.d", "extra.d", "missing.d"};
  const Enforcer enforcer(options);
  // policy.d's 20-last wins over 10-first and over policy.yaml; extra.d comes after policy.d.
  EXPECT_TRUE(enforcer.allowed("jobs:get_all", url_project_p(), test_support::reader_of_p()));
  EXPECT_FALSE(enforcer.allowed("jobs:get", url_project_p(), test_support::admin_of_q()));
  EXPECT_TRUE(enforcer.allowed("jobs:create", url_project_p(), auditor_of_p()));
  EXPECT_FALSE(enforcer.allowed("jobs:create", url_project_p(), test_support::member_of_p()));

  dir.write("policy.d/30-later.yaml", "\"jobs:get_all\": \"role:auditor\"\n");  // a new file
  EXPECT_FALSE(enforcer.allowed("jobs:get_all", url_project_p(), test_support::reader_of_p()));
  EXPECT_TRUE(enforcer.allowed("jobs:get_all", url_project_p(), auditor_of_p()));
}

TEST(PolicyEnforcer, EnforceScopeRefusesTokensWithoutAProject) {
  ScratchDir dir;
  auto options = options_for(dir, "policy.yaml");
  const Credentials domain_scoped = test_support::caller({"admin", "reader"}, "");
  EXPECT_TRUE(Enforcer(options).allowed("jobs:get_all", url_project_p(), domain_scoped));
  options.enforce_scope = true;
  const Enforcer scoped(options);
  EXPECT_FALSE(scoped.allowed("jobs:get_all", url_project_p(), domain_scoped));
  EXPECT_TRUE(scoped.allowed("jobs:get_all", url_project_p(), test_support::reader_of_p()));
}

TEST(PolicyEnforcer, BadRuleInFileStopsStartupNamingTheRule) {
  ScratchDir dir;
  dir.write("policy.yaml", "\"jobs:get\": \"role:admin or (role:member\"\n");
  try {
    const Enforcer enforcer(options_for(dir, "policy.yaml"));
    FAIL() << "a broken policy file was accepted";
  } catch (const PolicyError& e) {
    EXPECT_NE(std::string(e.what()).find("jobs:get"), std::string::npos) << e.what();
  }
}

TEST(PolicyEnforcer, NonStringRuleInFileStopsStartupNamingTheRule) {
  ScratchDir dir;
  dir.write("policy.yaml", "\"jobs:update\": [\"role:admin\"]\n");
  try {
    const Enforcer enforcer(options_for(dir, "policy.yaml"));
    FAIL() << "a broken policy file was accepted";
  } catch (const PolicyError& e) {
    EXPECT_NE(std::string(e.what()).find("jobs:update"), std::string::npos) << e.what();
  }
}

TEST(PolicyEnforcer, ReloadsAChangedFileWithoutRestart) {
  ScratchDir dir;
  dir.write("policy.yaml", "\"jobs:get_all\": \"role:auditor\"\n");
  const Enforcer enforcer(options_for(dir, "policy.yaml"));
  ASSERT_FALSE(enforcer.allowed("jobs:get_all", url_project_p(), test_support::reader_of_p()));

  dir.write("policy.yaml", "\"jobs:get_all\": \"role:reader\"\n\"custom:new\": \"@\"\n");
  EXPECT_TRUE(enforcer.allowed("jobs:get_all", url_project_p(), test_support::reader_of_p()));
  EXPECT_FALSE(enforcer.allowed("jobs:get_all", url_project_p(), auditor_of_p()));
  EXPECT_TRUE(enforcer.has_rule("custom:new"));

  // Removing an override from the file brings the default back.
  dir.write("policy.yaml", "# no overrides\n");
  EXPECT_FALSE(enforcer.has_rule("custom:new"));
  EXPECT_FALSE(enforcer.allowed("jobs:get_all", url_project_p(), test_support::member_of_q()));
  EXPECT_TRUE(enforcer.allowed("jobs:get_all", url_project_p(), test_support::reader_of_p()));
}

TEST(PolicyEnforcer, BrokenEditKeepsThePreviousRulesAndLogsAnError) {
  ScratchDir dir;
  dir.write("policy.yaml", "\"jobs:delete\": \"role:auditor\"\n");
  const Enforcer enforcer(options_for(dir, "policy.yaml"));
  ASSERT_TRUE(enforcer.allowed("jobs:delete", url_project_p(), auditor_of_p()));

  CapturedLogs logs;
  dir.write("policy.yaml", "\"jobs:delete\": \"role:auditor and\"\n");
  EXPECT_TRUE(enforcer.allowed("jobs:delete", url_project_p(), auditor_of_p()));
  EXPECT_FALSE(enforcer.allowed("jobs:delete", url_project_p(), test_support::member_of_p()));
  EXPECT_TRUE(logs.has("error", "jobs:delete"));

  dir.write("policy.yaml", "\"jobs:delete\": [not, a, string]\n");
  EXPECT_TRUE(enforcer.allowed("jobs:delete", url_project_p(), auditor_of_p()));

  // Fixing the file is picked up again.
  dir.write("policy.yaml", "\"jobs:delete\": \"role:member\"\n");
  EXPECT_FALSE(enforcer.allowed("jobs:delete", url_project_p(), auditor_of_p()));
  EXPECT_TRUE(enforcer.allowed("jobs:delete", url_project_p(), test_support::member_of_p()));
}

TEST(PolicyEnforcer, WaitsForTheCheckIntervalBeforeLookingAtTheFile) {
  ScratchDir dir;
  dir.write("policy.yaml", "\"jobs:get_all\": \"role:auditor\"\n");
  const Enforcer enforcer(options_for(dir, "policy.yaml", std::chrono::hours(1)));
  dir.write("policy.yaml", "\"jobs:get_all\": \"role:reader\"\n");
  EXPECT_TRUE(enforcer.allowed("jobs:get_all", url_project_p(), auditor_of_p()));
  EXPECT_FALSE(enforcer.allowed("jobs:get_all", url_project_p(), test_support::reader_of_p()));
}

TEST(PolicyEnforcer, FileCreatedAfterStartupIsPickedUp) {
  ScratchDir dir;
  const Enforcer enforcer(options_for(dir, "policy.yaml"));
  ASSERT_FALSE(enforcer.allowed("jobs:get_all", url_project_p(), auditor_of_p()));
  dir.write("policy.yaml", "\"jobs:get_all\": \"role:auditor\"\n");
  EXPECT_TRUE(enforcer.allowed("jobs:get_all", url_project_p(), auditor_of_p()));
}

TEST(PolicyEnforcer, DeletedFileKeepsTheRulesLastLoaded) {
  ScratchDir dir;
  const auto file = dir.write("policy.yaml", "\"jobs:get_all\": \"!\"\n");
  const Enforcer enforcer(options_for(dir, "policy.yaml"));
  ASSERT_FALSE(enforcer.allowed("jobs:get_all", url_project_p(), test_support::admin_of_q()));
  std::filesystem::remove(file);
  EXPECT_FALSE(enforcer.allowed("jobs:get_all", url_project_p(), test_support::admin_of_q()));
}

// Meant to be run under ThreadSanitizer as well; without it, it still catches crashes and
// exceptions escaping from a reload that races with evaluations.
TEST(PolicyEnforcer, ConcurrentCallersAreSafeDuringReloads) {
  ScratchDir dir;
  const std::string deny_all = "\"jobs:get\": \"!\"\n";
  const std::string allow_all = "\"jobs:get\": \"@\"\n";
  dir.write("policy.yaml", deny_all);
  const Enforcer enforcer(options_for(dir, "policy.yaml"));
  CapturedLogs quiet;  // a reader may catch a half-written file, which is logged

  std::atomic<bool> stop{false};
  std::atomic<int> evaluations{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 2; ++i) {
    readers.emplace_back([&] {
      while (!stop) {
        enforcer.allowed("jobs:get", {}, Credentials{});
        ++evaluations;
      }
    });
  }
  for (int i = 0; i < 50; ++i) dir.write("policy.yaml", i % 2 == 0 ? allow_all : deny_all);
  while (evaluations < 100) std::this_thread::yield();
  stop = true;
  for (std::thread& reader : readers) reader.join();
  // The last write denies even an admin, whom the defaults would let in.
  EXPECT_FALSE(enforcer.allowed("jobs:get", url_project_p(), test_support::admin_of_q()));
}

}  // namespace
}  // namespace freezer::policy
