// The sample policy.yaml printed by freezer-api-policy-sample.
#include <gtest/gtest.h>

#include <sstream>

#include "policy/default_rules.h"
#include "policy/rule_file.h"
#include "tests/unit/policy/policy_test_support.h"

namespace freezer::policy {
namespace {

TEST(PolicySample, DocumentsEachRuleLikeTheOsloGenerator) {
  const std::string sample = sample_policy_yaml();
  EXPECT_NE(sample.find("# Create a job, or replace one by POSTing to its id.\n"
                        "# POST /v2/{project_id}/jobs\n"
                        "# POST /v2/{project_id}/jobs/{job_id}\n"
                        "#\"jobs:create\": \"rule:admin_or_owner\"\n\n"),
            std::string::npos)
      << sample;
  EXPECT_NE(sample.find("#\"project_member\": \"role:member and project_id:%(project_id)s\"\n\n"),
            std::string::npos);
}

TEST(PolicySample, ListsEveryDefaultOnce) {
  const std::string sample = sample_policy_yaml();
  for (const RuleDefault& rule : default_rules()) {
    const std::string line = "#\"" + rule.name + "\": \"" + rule.check + "\"\n";
    const auto first = sample.find(line);
    ASSERT_NE(first, std::string::npos) << rule.name;
    EXPECT_EQ(sample.find(line, first + 1), std::string::npos) << rule.name;
  }
}

TEST(PolicySample, IsAllCommentsSoItChangesNothing) {
  std::istringstream lines(sample_policy_yaml());
  for (std::string line; std::getline(lines, line);) {
    EXPECT_TRUE(line.empty() || line.starts_with("#")) << line;
  }
  test_support::ScratchDir dir;
  EXPECT_TRUE(read_rule_file(dir.write("policy.yaml", sample_policy_yaml())).empty());
}

TEST(PolicySample, UncommentedItReproducesTheDefaults) {
  std::istringstream lines(sample_policy_yaml());
  std::string uncommented;
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("#\"")) uncommented += line.substr(1) + "\n";
  }
  test_support::ScratchDir dir;
  RuleTexts defaults;
  for (const RuleDefault& rule : default_rules()) defaults[rule.name] = rule.check;
  EXPECT_EQ(read_rule_file(dir.write("policy.yaml", uncommented)), defaults);
}

}  // namespace
}  // namespace freezer::policy
