// What each kind of check compares: roles, credential attributes, target substitutions
// and references to other rules.
#include "policy/check.h"

#include <gtest/gtest.h>

#include "policy/rule_set.h"
#include "tests/unit/policy/policy_test_support.h"

namespace freezer::policy {
namespace {

using test_support::rule_passes;

Credentials with_attributes(std::map<std::string, std::string> attributes) {
  return Credentials{{}, std::move(attributes)};
}

TEST(PolicyCheck, RoleMatchesCaseInsensitively) {
  EXPECT_TRUE(rule_passes("role:Admin", Credentials{{"admin"}, {}}));
  EXPECT_TRUE(rule_passes("role:admin", Credentials{{"ADMIN"}, {}}));
  EXPECT_TRUE(rule_passes("role:SERVICE", Credentials{{"reader", "service"}, {}}));
}

TEST(PolicyCheck, RoleDoesNotMatchOtherRoles) {
  EXPECT_FALSE(rule_passes("role:admin", Credentials{{"member", "reader"}, {}}));
  EXPECT_FALSE(rule_passes("role:admin", Credentials{{"administrator"}, {}}));
  EXPECT_FALSE(rule_passes("role:admin", Credentials{}));
}

TEST(PolicyCheck, RoleCanComeFromTheTarget) {
  const Target target{{"required_role", "auditor"}};
  EXPECT_TRUE(rule_passes("role:%(required_role)s", Credentials{{"auditor"}, {}}, target));
  EXPECT_FALSE(rule_passes("role:%(required_role)s", Credentials{{"member"}, {}}, target));
  EXPECT_FALSE(rule_passes("role:%(required_role)s", Credentials{{"auditor"}, {}}));
}

TEST(PolicyCheck, GenericCheckComparesLiteralWithCredential) {
  EXPECT_TRUE(rule_passes("is_admin:True", with_attributes({{"is_admin", "True"}})));
  EXPECT_FALSE(rule_passes("is_admin:True", with_attributes({{"is_admin", "False"}})));
  EXPECT_TRUE(rule_passes("project_id:abc", with_attributes({{"project_id", "abc"}})));
  EXPECT_FALSE(rule_passes("project_id:abc", with_attributes({{"project_id", "abcd"}})));
}

TEST(PolicyCheck, GenericCheckIsCaseSensitive) {
  EXPECT_FALSE(rule_passes("is_admin:true", with_attributes({{"is_admin", "True"}})));
}

TEST(PolicyCheck, QuotedLiteralIsTakenAsWritten) {
  EXPECT_TRUE(rule_passes("project_id:'abc'", with_attributes({{"project_id", "abc"}})));
  EXPECT_TRUE(rule_passes("project_id:\"abc\"", with_attributes({{"project_id", "abc"}})));
  const Target target{{"project_id", "abc"}};
  EXPECT_FALSE(
      rule_passes("project_id:'%(project_id)s'", with_attributes({{"project_id", "abc"}}), target));
  EXPECT_TRUE(rule_passes("project_id:'%(project_id)s'",
                          with_attributes({{"project_id", "%(project_id)s"}}), target));
}

TEST(PolicyCheck, MissingCredentialAttributeFailsWithoutThrowing) {
  EXPECT_FALSE(rule_passes("is_admin:True", Credentials{}));
  EXPECT_FALSE(rule_passes("domain_id:%(domain_id)s", with_attributes({{"project_id", "p"}}),
                           {{"domain_id", "d"}}));
}

TEST(PolicyCheck, SubstitutesTheTargetValue) {
  const Target target{{"project_id", "p"}};
  EXPECT_TRUE(
      rule_passes("project_id:%(project_id)s", with_attributes({{"project_id", "p"}}), target));
  EXPECT_FALSE(
      rule_passes("project_id:%(project_id)s", with_attributes({{"project_id", "q"}}), target));
}

TEST(PolicyCheck, SubstitutesTheTargetDotForm) {
  const Credentials in_p = with_attributes({{"project_id", "p"}});
  EXPECT_TRUE(rule_passes("project_id:%(target.project_id)s", in_p, {{"project_id", "p"}}));
  EXPECT_TRUE(rule_passes("project_id:%(target.project_id)s", in_p, {{"target.project_id", "p"}}));
  EXPECT_FALSE(rule_passes("project_id:%(target.project_id)s", in_p, {{"project_id", "q"}}));
}

TEST(PolicyCheck, MissingSubstitutionFailsWithoutThrowing) {
  const Credentials in_p = with_attributes({{"project_id", "p"}});
  EXPECT_FALSE(rule_passes("project_id:%(project_id)s", in_p));
  EXPECT_FALSE(rule_passes("project_id:%(target.project_id)s", in_p));
  EXPECT_FALSE(rule_passes("project_id:%(owner)s", in_p, {{"project_id", "p"}}));
}

TEST(PolicyCheck, SubstitutionCanSitInsideLiteralText) {
  const Target target{{"owner", "42"}};
  EXPECT_TRUE(
      rule_passes("user_id:user-%(owner)s", with_attributes({{"user_id", "user-42"}}), target));
  EXPECT_FALSE(rule_passes("user_id:user-%(owner)s", with_attributes({{"user_id", "42"}}), target));
  EXPECT_TRUE(rule_passes("quota:100%%", with_attributes({{"quota", "100%"}})));
}

TEST(PolicyCheck, RolesKeyMatchesAnyOneRole) {
  EXPECT_TRUE(rule_passes("roles:member", Credentials{{"reader", "member"}, {}}));
  EXPECT_FALSE(rule_passes("roles:admin", Credentials{{"reader", "member"}, {}}));
}

TEST(PolicyCheck, QuotedLeftSideIsComparedWithTheTargetAlone) {
  EXPECT_TRUE(rule_passes("'backup':%(target.kind)s", Credentials{}, {{"kind", "backup"}}));
  EXPECT_FALSE(rule_passes("'backup':%(target.kind)s", Credentials{}, {{"kind", "job"}}));
}

TEST(PolicyCheck, RuleReferenceUsesTheNamedRule) {
  const auto rules = RuleSet::compile(
      {{"is_auditor", "role:auditor"}, {"can_read", "rule:is_auditor or role:admin"}});
  EXPECT_TRUE(rules->evaluate("can_read", {}, Credentials{{"auditor"}, {}}));
  EXPECT_TRUE(rules->evaluate("can_read", {}, Credentials{{"admin"}, {}}));
  EXPECT_FALSE(rules->evaluate("can_read", {}, Credentials{{"member"}, {}}));
}

TEST(PolicyCheck, UndefinedRuleReferenceFailsAndIsLogged) {
  test_support::CapturedLogs logs;
  const auto rules = RuleSet::compile(
      {{"uses_missing", "rule:nowhere"}, {"uses_missing_or_admin", "rule:nowhere or role:admin"}});
  EXPECT_FALSE(rules->evaluate("uses_missing", {}, Credentials{{"admin"}, {}}));
  EXPECT_TRUE(rules->evaluate("uses_missing_or_admin", {}, Credentials{{"admin"}, {}}));
  EXPECT_TRUE(logs.has("warning", "\"nowhere\""));
}

TEST(PolicyCheck, RuleLoopFailsInsteadOfCrashing) {
  test_support::CapturedLogs logs;
  const auto rules = RuleSet::compile({{"ping", "rule:pong"},
                                       {"pong", "rule:ping"},
                                       {"self_or_admin", "role:admin or rule:self_or_admin"}});
  EXPECT_FALSE(rules->evaluate("ping", {}, Credentials{{"admin"}, {}}));
  EXPECT_TRUE(rules->evaluate("self_or_admin", {}, Credentials{{"admin"}, {}}));
  EXPECT_FALSE(rules->evaluate("self_or_admin", {}, Credentials{{"member"}, {}}));
  EXPECT_TRUE(logs.has("warning", "\"ping\""));
  EXPECT_TRUE(logs.has("warning", "\"self_or_admin\""));
}

TEST(PolicyCheck, UnknownRuleNameThrowsNamingIt) {
  const auto rules = RuleSet::compile({{"known", "@"}});
  try {
    rules->evaluate("jobs:unknown", {}, Credentials{});
    FAIL() << "an unknown rule name was evaluated";
  } catch (const PolicyError& e) {
    EXPECT_NE(std::string(e.what()).find("jobs:unknown"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace freezer::policy
