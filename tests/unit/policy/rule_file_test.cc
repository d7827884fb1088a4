// Reading the operator's policy file.
#include "policy/rule_file.h"

#include <gtest/gtest.h>

#include "tests/unit/policy/policy_test_support.h"

namespace freezer::policy {
namespace {

using test_support::ScratchDir;

void expect_error_mentions(const std::filesystem::path& file, const std::string& expected) {
  try {
    read_rule_file(file);
    FAIL() << "read without error";
  } catch (const PolicyError& e) {
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
  }
}

TEST(PolicyRuleFile, ReadsYamlMapping) {
  ScratchDir dir;
  const auto file = dir.write("policy.yaml",
                              "# operator overrides\n"
                              "\"jobs:get_all\": \"role:auditor\"\n"
                              "clients:create: rule:admin_or_owner and role:trusted\n"
                              "'jobs:delete': '!'\n");
  const RuleTexts expected{{"jobs:get_all", "role:auditor"},
                           {"clients:create", "rule:admin_or_owner and role:trusted"},
                           {"jobs:delete", "!"}};
  EXPECT_EQ(read_rule_file(file), expected);
}

TEST(PolicyRuleFile, ReadsJsonObject) {
  ScratchDir dir;
  const auto file = dir.write("policy.json",
                              "{\n  \"jobs:get_all\": \"role:auditor\",\n"
                              "  \"jobs:create\": \"\"\n}\n");
  const RuleTexts expected{{"jobs:get_all", "role:auditor"}, {"jobs:create", ""}};
  EXPECT_EQ(read_rule_file(file), expected);
}

TEST(PolicyRuleFile, EmptyOrCommentOnlyFileHasNoOverrides) {
  ScratchDir dir;
  EXPECT_TRUE(read_rule_file(dir.write("empty.yaml", "")).empty());
  EXPECT_TRUE(
      read_rule_file(dir.write("comments.yaml", "# nothing here\n#\"a\": \"b\"\n")).empty());
}

TEST(PolicyRuleFile, NonMappingDocumentIsRejectedNamingTheFile) {
  ScratchDir dir;
  expect_error_mentions(dir.write("list.yaml", "- role:admin\n- role:member\n"), "list.yaml");
  expect_error_mentions(dir.write("scalar.yaml", "role:admin\n"), "scalar.yaml");
}

TEST(PolicyRuleFile, NonStringValueIsRejectedNamingTheRule) {
  ScratchDir dir;
  expect_error_mentions(dir.write("list_value.yaml", "\"jobs:get\": [\"role:a\"]\n"), "jobs:get");
  expect_error_mentions(dir.write("map_value.yaml", "\"jobs:update\": {\"a\": \"b\"}\n"),
                        "jobs:update");
  expect_error_mentions(dir.write("null_value.yaml", "\"jobs:delete\":\n"), "jobs:delete");
}

TEST(PolicyRuleFile, MalformedYamlIsRejectedNamingTheFile) {
  ScratchDir dir;
  expect_error_mentions(dir.write("broken.json", "{\"jobs:get\": \"role:a\",\n"), "broken.json");
  expect_error_mentions(dir.write("broken.yaml", "\"jobs:get\": [role:a\n"), "broken.yaml");
}

TEST(PolicyRuleFile, MissingFileIsAnError) {
  ScratchDir dir;
  EXPECT_THROW(read_rule_file(dir.path() / "absent.yaml"), PolicyError);
}

TEST(PolicyRuleFile, StampChangesWhenTheFileChanges) {
  ScratchDir dir;
  EXPECT_FALSE(stamp_file(dir.path() / "policy.yaml").exists);
  const auto file = dir.write("policy.yaml", "\"a\": \"@\"\n");
  const FileStamp first = stamp_file(file);
  EXPECT_TRUE(first.exists);
  EXPECT_EQ(stamp_file(file), first);
  dir.write("policy.yaml", "\"a\": \"!\"\n");
  EXPECT_NE(stamp_file(file), first);
}

}  // namespace
}  // namespace freezer::policy
